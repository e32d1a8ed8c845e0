package org.baton.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * Where and when the ledger accepted a transaction.
 *
 * @param txId the transaction
 * @param sequence the position of the transaction's {@link LedgerEvent} in the event stream: strictly
 *     increasing in commit order (dense on the embedded ledger; a backend may leave gaps)
 * @param committedAt the transaction time the rules were applied at (millisecond precision)
 */
public record Committed(TxId txId, long sequence, Instant committedAt) {

    public Committed {
        Objects.requireNonNull(txId, "txId");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence " + sequence + " of transaction " + txId + " is not positive");
        }
        committedAt = Times.millis(committedAt, "committedAt");
    }
}
