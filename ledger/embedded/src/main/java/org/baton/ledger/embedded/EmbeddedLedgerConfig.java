package org.baton.ledger.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How an embedded ledger stores and cuts blocks.
 *
 * @param dataDirectory the RocksDB directory (created if missing)
 * @param maxBlockTransactions a block is cut once it holds this many transactions (1 to 100,000)
 * @param maxBlockDelay how long, once the writer is free, the first transaction of a block may wait for others
 *     still arriving to join it (0 to 1 s): a block is cut as soon as the writer is free and no transaction is
 *     waiting, so this bounds only a steady stream; transactions arriving while a block is being written are
 *     judged meanwhile and join the next one
 * @param maxPendingTransactions submissions waiting for a block beyond this many are refused as unavailable
 */
public record EmbeddedLedgerConfig(
        Path dataDirectory, int maxBlockTransactions, Duration maxBlockDelay, int maxPendingTransactions) {

    public static final int DEFAULT_MAX_BLOCK_TRANSACTIONS = 2_000;
    public static final Duration DEFAULT_MAX_BLOCK_DELAY = Duration.ofMillis(2);
    public static final int DEFAULT_MAX_PENDING_TRANSACTIONS = 50_000;

    public EmbeddedLedgerConfig {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        if (maxBlockTransactions < 1 || maxBlockTransactions > 100_000) {
            throw new IllegalArgumentException("maxBlockTransactions " + maxBlockTransactions + " is outside 1..100000");
        }
        Objects.requireNonNull(maxBlockDelay, "maxBlockDelay");
        if (maxBlockDelay.isNegative() || maxBlockDelay.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("maxBlockDelay " + maxBlockDelay + " is outside 0..1s");
        }
        if (maxPendingTransactions < maxBlockTransactions) {
            throw new IllegalArgumentException("maxPendingTransactions " + maxPendingTransactions
                    + " is below maxBlockTransactions " + maxBlockTransactions);
        }
    }

    /** The defaults, storing in {@code dataDirectory}. */
    public static EmbeddedLedgerConfig defaults(Path dataDirectory) {
        return new EmbeddedLedgerConfig(dataDirectory, DEFAULT_MAX_BLOCK_TRANSACTIONS, DEFAULT_MAX_BLOCK_DELAY,
                DEFAULT_MAX_PENDING_TRANSACTIONS);
    }
}
