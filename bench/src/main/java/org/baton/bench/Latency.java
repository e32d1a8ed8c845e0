package org.baton.bench;

import java.util.Arrays;
import java.util.Objects;

/**
 * Latency percentiles of a set of timed operations, in milliseconds. A percentile is the nearest-rank value: the
 * smallest latency that at least that fraction of the operations did not exceed.
 *
 * @param count operations timed
 * @param p50Millis median
 * @param p95Millis 95th percentile
 * @param p99Millis 99th percentile
 * @param maxMillis slowest
 */
public record Latency(long count, double p50Millis, double p95Millis, double p99Millis, double maxMillis) {

    public Latency {
        if (count < 0) {
            throw new IllegalArgumentException("count " + count + " is negative");
        }
    }

    /** The percentiles of {@code nanos} (latencies in nanoseconds, any order; the array is not changed). */
    public static Latency ofNanos(long[] nanos) {
        Objects.requireNonNull(nanos, "nanos");
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return ofSortedNanos(sorted);
    }

    static Latency ofSortedNanos(long[] sorted) {
        if (sorted.length == 0) {
            return new Latency(0, 0, 0, 0, 0);
        }
        return new Latency(sorted.length, percentile(sorted, 0.50), percentile(sorted, 0.95),
                percentile(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double fraction) {
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
