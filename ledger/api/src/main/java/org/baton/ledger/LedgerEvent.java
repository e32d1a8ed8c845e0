package org.baton.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.baton.trust.InstitutionId;

/**
 * One accepted transaction, as the event stream reports it. Nodes follow the stream to keep their caches
 * current and resume it from the last {@link EventCheckpoint} they processed.
 *
 * @param sequence position in the stream (the transaction's {@link Committed#sequence()})
 * @param type what happened
 * @param txId the transaction
 * @param committedAt the transaction time
 * @param submitter the institution that signed the transaction
 * @param grant the grant concerned: always for grant events, for receipt events under consent
 * @param receipt the receipt concerned, for receipt events
 * @param acknowledgment the recipient's verdict, for {@link EventType#RECEIPT_ACKNOWLEDGED} events; absent in events
 *     recorded before events carried it (the receipt's record has it)
 */
public record LedgerEvent(
        long sequence,
        EventType type,
        TxId txId,
        Instant committedAt,
        InstitutionId submitter,
        Optional<GrantId> grant,
        Optional<ReceiptId> receipt,
        Optional<Acknowledgment> acknowledgment) {

    public LedgerEvent {
        if (sequence < 1) {
            throw new IllegalArgumentException("event sequence " + sequence + " is not positive");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(txId, "txId");
        committedAt = Times.millis(committedAt, "committedAt");
        Objects.requireNonNull(submitter, "submitter");
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(receipt, "receipt");
        boolean grantEvent = type == EventType.GRANT_CREATED || type == EventType.GRANT_REVOKED;
        if (grantEvent && (grant.isEmpty() || receipt.isPresent())) {
            throw new IllegalArgumentException("event " + sequence + " of type " + type + " names a grant and no receipt");
        }
        if (!grantEvent && receipt.isEmpty()) {
            throw new IllegalArgumentException("event " + sequence + " of type " + type + " names no receipt");
        }
        Objects.requireNonNull(acknowledgment, "acknowledgment");
        if (acknowledgment.isPresent() && (type != EventType.RECEIPT_ACKNOWLEDGED
                || !acknowledgment.get().receipt().equals(receipt.orElse(null)))) {
            throw new IllegalArgumentException("event " + sequence + " of type " + type
                    + " carries an acknowledgment of receipt " + acknowledgment.get().receipt()
                    + "; only the acknowledgment of the event's own receipt may be carried");
        }
    }

    /** An event that carries no acknowledgment. */
    public LedgerEvent(long sequence, EventType type, TxId txId, Instant committedAt, InstitutionId submitter,
            Optional<GrantId> grant, Optional<ReceiptId> receipt) {
        this(sequence, type, txId, committedAt, submitter, grant, receipt, Optional.empty());
    }

    /** The same event at another position in the stream. */
    public LedgerEvent at(long position) {
        return new LedgerEvent(position, type, txId, committedAt, submitter, grant, receipt, acknowledgment);
    }

    /** The transaction this event reports, as a commit. */
    public Committed committed() {
        return new Committed(txId, sequence, committedAt);
    }

    /** The checkpoint to resume from after processing this event. */
    public EventCheckpoint checkpoint() {
        return new EventCheckpoint(sequence);
    }
}
