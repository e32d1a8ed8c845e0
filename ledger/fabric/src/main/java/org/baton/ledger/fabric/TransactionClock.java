package org.baton.ledger.fabric;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Stamps Fabric proposals with their transaction time: the clock's instant, but strictly later than the previous
 * stamp, by a nanosecond if need be. The chaincode takes a transaction's time from its stamp (never from its own
 * clock) and orders its indexes by the full nanosecond stamp, so one client's transactions keep their order even
 * within a millisecond. Ledgers that share one clock share that order. Thread-safe.
 */
public final class TransactionClock {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Clock clock;
    private long lastNanos;

    public TransactionClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The system clock. */
    public static TransactionClock system() {
        return new TransactionClock(Clock.systemUTC());
    }

    /** The next stamp. */
    public synchronized Instant next() {
        Instant now = clock.instant();
        long nanos = Math.multiplyExact(now.getEpochSecond(), NANOS_PER_SECOND) + now.getNano();
        if (nanos <= lastNanos) {
            nanos = lastNanos + 1;
        }
        lastNanos = nanos;
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
    }

    /** The clock's current instant, unstamped. */
    public Instant now() {
        return clock.instant();
    }
}
