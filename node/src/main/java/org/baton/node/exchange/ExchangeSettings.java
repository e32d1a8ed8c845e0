package org.baton.node.exchange;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the exchange engine. Every field has a default ({@link #defaults()}); each is validated here.
 *
 * @param peerDeadline how long a call to another node may take (1 ms to 10 minutes)
 * @param retryInitial the first backoff after a peer or the ledger fails (1 ms to {@code retryMax})
 * @param retryMax the longest backoff (up to 1 hour)
 * @param workers the most threads advancing queued work (1 to 1024); one per processor runs at a time, and a
 *     worker that waits on a peer or the ledger lets another run meanwhile
 * @param pullOnGrant whether a recipient pulls from every named source as soon as it learns of a grant
 * @param grantCacheSize grants kept in memory (1 to 10,000,000)
 * @param ledgerPollInterval how often the ledger's event stream is read for acknowledgments and revocations
 *     (1 ms to 1 hour)
 */
public record ExchangeSettings(
        Duration peerDeadline,
        Duration retryInitial,
        Duration retryMax,
        int workers,
        boolean pullOnGrant,
        int grantCacheSize,
        Duration ledgerPollInterval) {

    public ExchangeSettings {
        between(peerDeadline, "peerDeadline", Duration.ofMillis(1), Duration.ofMinutes(10));
        between(retryMax, "retryMax", Duration.ofMillis(1), Duration.ofHours(1));
        between(retryInitial, "retryInitial", Duration.ofMillis(1), retryMax);
        between(ledgerPollInterval, "ledgerPollInterval", Duration.ofMillis(1), Duration.ofHours(1));
        if (workers < 1 || workers > 1024) {
            throw new IllegalArgumentException("exchange workers " + workers + " is outside 1..1024");
        }
        if (grantCacheSize < 1 || grantCacheSize > 10_000_000) {
            throw new IllegalArgumentException("exchange grantCacheSize " + grantCacheSize + " is outside 1..10000000");
        }
    }

    /** 10 s deadlines, backoff 200 ms to 30 s, 256 workers, pull on grant, 100,000 grants cached, 1 s polling. */
    public static ExchangeSettings defaults() {
        return new ExchangeSettings(Duration.ofSeconds(10), Duration.ofMillis(200), Duration.ofSeconds(30), 256, true,
                100_000, Duration.ofSeconds(1));
    }

    public ExchangeSettings withPullOnGrant(boolean value) {
        return new ExchangeSettings(peerDeadline, retryInitial, retryMax, workers, value, grantCacheSize,
                ledgerPollInterval);
    }

    public ExchangeSettings withRetry(Duration initial, Duration max) {
        return new ExchangeSettings(peerDeadline, initial, max, workers, pullOnGrant, grantCacheSize,
                ledgerPollInterval);
    }

    public ExchangeSettings withPeerDeadline(Duration value) {
        return new ExchangeSettings(value, retryInitial, retryMax, workers, pullOnGrant, grantCacheSize,
                ledgerPollInterval);
    }

    public ExchangeSettings withWorkers(int value) {
        return new ExchangeSettings(peerDeadline, retryInitial, retryMax, value, pullOnGrant, grantCacheSize,
                ledgerPollInterval);
    }

    public ExchangeSettings withLedgerPollInterval(Duration value) {
        return new ExchangeSettings(peerDeadline, retryInitial, retryMax, workers, pullOnGrant, grantCacheSize, value);
    }

    private static void between(Duration value, String name, Duration min, Duration max) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException("exchange " + name + " " + value + " is outside " + min + ".." + max);
        }
    }
}
