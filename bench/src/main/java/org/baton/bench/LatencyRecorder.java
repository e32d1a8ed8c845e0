package org.baton.bench;

import java.util.Arrays;

/**
 * Collects latencies from many threads. Every value is kept (a benchmark records at most a few million), so the
 * percentiles are exact.
 */
public final class LatencyRecorder {

    private long[] nanos = new long[4096];
    private int count;

    /** Records one latency in nanoseconds; a negative value is refused. */
    public synchronized void record(long latencyNanos) {
        if (latencyNanos < 0) {
            throw new IllegalArgumentException("latency " + latencyNanos + " ns is negative");
        }
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latencyNanos;
    }

    /** Records the time from {@code startNanos} ({@link System#nanoTime()}) to now. */
    public void recordSince(long startNanos) {
        record(System.nanoTime() - startNanos);
    }

    /** Latencies recorded so far. */
    public synchronized long count() {
        return count;
    }

    /** The percentiles of everything recorded so far. */
    public Latency latency() {
        long[] sorted;
        synchronized (this) {
            sorted = Arrays.copyOf(nanos, count);
        }
        Arrays.sort(sorted);
        return Latency.ofSortedNanos(sorted);
    }
}
