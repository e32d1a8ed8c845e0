package org.baton.bench;

import java.time.Duration;
import java.util.Objects;

/**
 * A warm-up followed by a timed run, on the {@link System#nanoTime()} clock, starting when created. Operations run
 * throughout; only those that start and end inside the measured part count.
 */
public final class Window {

    private final long measureFrom;
    private final long measureUntil;

    private Window(long measureFrom, long measureUntil) {
        this.measureFrom = measureFrom;
        this.measureUntil = measureUntil;
    }

    /**
     * Starts a window now.
     *
     * @param warmup unmeasured time first; zero or more
     * @param duration measured time after it; more than zero
     */
    public static Window start(Duration warmup, Duration duration) {
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(duration, "duration");
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("warm-up " + warmup + " is negative");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("measured duration " + duration + " is not positive");
        }
        long from = System.nanoTime() + warmup.toNanos();
        return new Window(from, from + duration.toNanos());
    }

    /** Whether an operation from {@code beginNanos} to {@code endNanos} lies inside the measured part. */
    public boolean measures(long beginNanos, long endNanos) {
        return beginNanos >= measureFrom && endNanos <= measureUntil;
    }

    /** Whether the measured part has started. */
    public boolean started() {
        return System.nanoTime() >= measureFrom;
    }

    /** Whether the measured part is over. */
    public boolean over() {
        return System.nanoTime() >= measureUntil;
    }

    /** Length of the measured part in seconds. */
    public double seconds() {
        return (measureUntil - measureFrom) / 1e9;
    }

    /** Sleeps until the warm-up is over. */
    public void awaitStart() throws InterruptedException {
        sleepUntil(measureFrom);
    }

    /** Sleeps until the measured part is over. */
    public void awaitEnd() throws InterruptedException {
        sleepUntil(measureUntil);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long remaining;
        while ((remaining = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, remaining / 1_000_000));
        }
    }
}
