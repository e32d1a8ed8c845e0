package org.baton.ledger.chaincode;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.baton.ledger.Committed;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.EventType;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.LedgerEvent;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.TxId;
import org.baton.ledger.chaincode.Documents.StoredGrant;
import org.baton.ledger.chaincode.Documents.StoredReceipt;
import org.baton.ledger.json.LedgerJson;
import org.baton.ledger.rules.Decision;
import org.baton.ledger.rules.StateWrite;
import org.baton.trust.InstitutionId;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * Writes what the rules accepted into the world state of one Fabric transaction: the record document, the
 * transaction document, a new record's index entries, and the chaincode event.
 */
final class AcceptedWrites {

    /** The value of an index entry: Fabric stores no empty value (it takes one for a delete). */
    static final byte[] INDEX_ENTRY = {1};

    private final ChaincodeStub stub;
    private final StubLedgerState state;

    AcceptedWrites(ChaincodeStub stub, StubLedgerState state) {
        this.stub = Objects.requireNonNull(stub, "stub");
        this.state = Objects.requireNonNull(state, "state");
    }

    /**
     * Writes {@code accepted}, decided at Fabric transaction time {@code timestamp}.
     *
     * @return the transaction document
     */
    byte[] write(Decision.Accepted accepted, Instant timestamp) {
        String fabricTx = stub.getTxId();
        LedgerEvent event = accepted.event();
        Committed committed = event.committed();
        String order = Keys.order(timestamp, fabricTx);
        StateWrite write = accepted.write();
        if (write instanceof StateWrite.Grant grant) {
            writeGrant(grant.record(), event.type() == EventType.GRANT_CREATED, committed.txId(), fabricTx, order);
        } else if (write instanceof StateWrite.Receipt receipt) {
            writeReceipt(receipt.record(), event.type() == EventType.RECEIPT_RECORDED, committed.txId(), fabricTx,
                    order);
        } else {
            throw new IllegalStateException("unknown state write " + write.getClass().getName());
        }
        byte[] transaction = Documents.transaction(committed, fabricTx);
        stub.putState(Keys.transaction(committed.txId()), transaction);
        stub.setEvent(event.type().name(), LedgerJson.encodeEvent(event));
        return transaction;
    }

    private void writeGrant(GrantRecord record, boolean created, TxId txId, String fabricTx, String order) {
        Map<TxId, String> commits = new HashMap<>();
        if (!created) {
            commits.putAll(state.storedGrant(record.id()).orElseThrow(() -> new IllegalStateException(
                    "grant " + record.id() + " changed by transaction " + txId + " is not in the world state"))
                    .fabricTx());
        }
        commits.put(txId, fabricTx);
        stub.putState(Keys.grant(record.id()), Documents.encode(new StoredGrant(record, commits)));
        if (created) {
            for (InstitutionId institution : institutionsOf(record.grant())) {
                stub.putState(Keys.grantsByInstitution(institution) + order + "/" + record.id().value(), INDEX_ENTRY);
            }
        }
    }

    private void writeReceipt(ReceiptRecord record, boolean recorded, TxId txId, String fabricTx, String order) {
        Map<TxId, String> commits = new HashMap<>();
        if (!recorded) {
            commits.putAll(state.storedReceipt(record.id()).orElseThrow(() -> new IllegalStateException(
                    "receipt " + record.id() + " changed by transaction " + txId + " is not in the world state"))
                    .fabricTx());
        }
        commits.put(txId, fabricTx);
        stub.putState(Keys.receipt(record.id()), Documents.encode(new StoredReceipt(record, commits)));
        if (recorded) {
            ExchangeReceipt receipt = record.receipt();
            String entry = order + "/" + receipt.id().value();
            stub.putState(Keys.receiptsByInstitution(receipt.sender()) + entry, INDEX_ENTRY);
            stub.putState(Keys.receiptsByInstitution(receipt.recipient()) + entry, INDEX_ENTRY);
            receipt.grant().ifPresent(grant -> stub.putState(Keys.receiptsByGrant(grant) + entry, INDEX_ENTRY));
        }
    }

    /** The attester, the recipient and each named source, each once. */
    private static Set<InstitutionId> institutionsOf(ConsentGrant grant) {
        Set<InstitutionId> institutions = new TreeSet<>(grant.sources().named());
        institutions.add(grant.attester());
        institutions.add(grant.recipient());
        return institutions;
    }
}
