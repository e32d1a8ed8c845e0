package org.baton.ledger.chaincode;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.baton.ledger.Committed;
import org.baton.ledger.MspIds;
import org.baton.ledger.RefusalReason;
import org.baton.ledger.TxId;
import org.baton.ledger.rules.Decision;
import org.baton.ledger.rules.LedgerRules;
import org.baton.ledger.tx.LedgerTransaction;
import org.baton.ledger.tx.TransactionCodec;
import org.baton.trust.InstitutionId;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ChaincodeStub;

/** {@code Submit}: one Baton transaction, decided by the rules against the world state of one Fabric transaction. */
final class Submission {

    /**
     * The sequence every commit the chaincode writes carries: a transaction's position in the event stream is where
     * the orderer puts it, which no endorser knows. The client replaces it (docs/fabric.md, "Sequence numbers").
     */
    static final long PLACEHOLDER_SEQUENCE = 1;

    private final ChaincodeStub stub;

    Submission(ChaincodeStub stub) {
        this.stub = Objects.requireNonNull(stub, "stub");
    }

    /**
     * Decides the transaction with canonical bytes {@code transaction}, submitted by the client whose identity
     * belongs to MSP {@code callerMspId}, and writes it if the rules accept it.
     *
     * @return the transaction document
     * @throws ChaincodeException if the transaction is refused, with the {@link RefusalReason} as payload
     */
    byte[] submit(String callerMspId, byte[] transaction) {
        Objects.requireNonNull(transaction, "transaction");
        LedgerTransaction tx;
        try {
            tx = TransactionCodec.decode(transaction);
        } catch (IllegalArgumentException e) {
            throw Refusals.refusal(RefusalReason.MALFORMED_TRANSACTION, e.getMessage());
        }
        TxId txId = TransactionCodec.txId(transaction);
        Optional<InstitutionId> caller = MspIds.institution(callerMspId);
        if (caller.isEmpty()) {
            throw Refusals.refusal(RefusalReason.UNKNOWN_SUBMITTER, "the client of transaction " + txId
                    + " belongs to MSP " + callerMspId + ", which names no institution");
        }
        if (!caller.get().equals(tx.submitter())) {
            throw Refusals.refusal(RefusalReason.SUBMITTER_NOT_CALLER, "transaction " + txId + " is submitted for "
                    + tx.submitter() + " by a client of " + caller.get());
        }
        Instant timestamp = stub.getTxTimestamp();
        StubLedgerState state = new StubLedgerState(stub);
        Decision decision = LedgerRules.decide(state, tx, new Committed(txId, PLACEHOLDER_SEQUENCE, timestamp));
        if (decision instanceof Decision.Refused refused) {
            throw Refusals.refusal(refused);
        }
        return new AcceptedWrites(stub, state).write((Decision.Accepted) decision, timestamp);
    }
}
