package org.baton.ledger.chaincode;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.TxId;
import org.baton.ledger.chaincode.Documents.StoredGrant;
import org.baton.ledger.chaincode.Documents.StoredReceipt;
import org.baton.ledger.rules.LedgerState;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * The world state as the rules read it, for one Fabric transaction. Documents are read once each: within a
 * transaction Fabric answers every read from the same state (a transaction never reads its own writes).
 */
final class StubLedgerState implements LedgerState {

    private final ChaincodeStub stub;
    private final Map<GrantId, Optional<StoredGrant>> grants = new HashMap<>();
    private final Map<ReceiptId, Optional<StoredReceipt>> receipts = new HashMap<>();

    StubLedgerState(ChaincodeStub stub) {
        this.stub = Objects.requireNonNull(stub, "stub");
    }

    @Override
    public Optional<GrantRecord> grant(GrantId id) {
        return storedGrant(id).map(StoredGrant::record);
    }

    @Override
    public Optional<ReceiptRecord> receipt(ReceiptId id) {
        return storedReceipt(id).map(StoredReceipt::record);
    }

    @Override
    public boolean containsTransaction(TxId id) {
        return present(stub.getState(Keys.transaction(id)));
    }

    /** The grant document, with the Fabric transactions of the grant's commits. */
    Optional<StoredGrant> storedGrant(GrantId id) {
        return grants.computeIfAbsent(id, key -> {
            String documentKey = Keys.grant(key);
            byte[] document = stub.getState(documentKey);
            return present(document) ? Optional.of(Documents.decodeGrant(documentKey, document)) : Optional.empty();
        });
    }

    /** The receipt document, with the Fabric transactions of the receipt's commits. */
    Optional<StoredReceipt> storedReceipt(ReceiptId id) {
        return receipts.computeIfAbsent(id, key -> {
            String documentKey = Keys.receipt(key);
            byte[] document = stub.getState(documentKey);
            return present(document) ? Optional.of(Documents.decodeReceipt(documentKey, document)) : Optional.empty();
        });
    }

    /** Fabric answers a read of an absent key with no bytes (the shim gives an empty array). */
    static boolean present(byte[] value) {
        return value != null && value.length > 0;
    }
}
