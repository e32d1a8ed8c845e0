package org.baton.ledger.embedded;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link RemoteLedger} gathers the transactions that threads submit concurrently into
 * {@code SubmitTransactions} calls. A batch is sent once it holds {@code maxTransactions} or {@code maxBytes}, or
 * once its first transaction has waited {@code window}, whichever comes first, and only while fewer than
 * {@code maxInFlight} batches await their answer; meanwhile later transactions gather into the next batch. Each
 * caller still gets its own transaction's outcome.
 *
 * @param maxTransactions the most transactions in one call (1 to 1000); 1 with a zero window sends each
 *     transaction in its own {@code SubmitTransaction} call, as a client without batching would
 * @param maxBytes the most transaction bytes in one call (16 KiB to 2 MiB), well under the server's 4 MiB limit
 * @param window how long the first transaction of a batch may wait for others (0 to 100 ms)
 * @param maxInFlight batches awaiting their answer at once (1 to 64)
 */
public record SubmitBatching(int maxTransactions, int maxBytes, Duration window, int maxInFlight) {

    /** Up to 256 transactions or 1 MiB per call, a 1 ms window, two calls in flight. */
    public static final SubmitBatching DEFAULT = new SubmitBatching(256, 1024 * 1024, Duration.ofMillis(1), 2);

    /** No batching: each transaction in its own {@code SubmitTransaction} call. */
    public static final SubmitBatching NONE = new SubmitBatching(1, 16 * 1024, Duration.ZERO, 1);

    public SubmitBatching {
        if (maxTransactions < 1 || maxTransactions > LedgerGrpcService.MAX_BATCH_TRANSACTIONS) {
            throw new IllegalArgumentException("maxTransactions " + maxTransactions + " is outside 1.."
                    + LedgerGrpcService.MAX_BATCH_TRANSACTIONS);
        }
        if (maxBytes < 16 * 1024 || maxBytes > 2 * 1024 * 1024) {
            throw new IllegalArgumentException("maxBytes " + maxBytes + " is outside 16384..2097152");
        }
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.compareTo(Duration.ofMillis(100)) > 0) {
            throw new IllegalArgumentException("window " + window + " is outside 0..100ms");
        }
        if (maxInFlight < 1 || maxInFlight > 64) {
            throw new IllegalArgumentException("maxInFlight " + maxInFlight + " is outside 1..64");
        }
    }

    /** True if transactions go one per {@code SubmitTransaction} call. */
    public boolean disabled() {
        return maxTransactions == 1 && window.isZero();
    }
}
