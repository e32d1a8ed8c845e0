package org.baton.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One measured phase of a benchmark: operations done in a window, their latency if each was timed, and the
 * benchmark's own figures (named, in the order given).
 *
 * @param name what the phase measured, e.g. {@code throughput} or {@code full}
 * @param unit what an operation is, plural, e.g. {@code receipts}
 * @param operations operations completed in the window
 * @param seconds length of the window (wall clock, or CPU time where {@code figures} say so)
 * @param latency per-operation latency, when timed
 * @param figures further figures of this phase
 */
public record Measurement(String name, String unit, long operations, double seconds, Optional<Latency> latency,
        Map<String, Double> figures) {

    public Measurement {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(figures, "figures");
        if (name.isBlank() || unit.isBlank()) {
            throw new IllegalArgumentException("a measurement needs a name and a unit");
        }
        if (operations < 0 || seconds < 0) {
            throw new IllegalArgumentException("measurement " + name + ": operations " + operations + " and seconds "
                    + seconds + " must not be negative");
        }
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    /** A phase without per-operation latency. */
    public static Measurement of(String name, String unit, long operations, double seconds) {
        return new Measurement(name, unit, operations, seconds, Optional.empty(), Map.of());
    }

    /** This measurement with its latency. */
    public Measurement withLatency(Latency value) {
        return new Measurement(name, unit, operations, seconds, Optional.of(value), figures);
    }

    /** This measurement with one more figure. */
    public Measurement with(String figure, double value) {
        Objects.requireNonNull(figure, "figure");
        Map<String, Double> more = new LinkedHashMap<>(figures);
        more.put(figure, value);
        return new Measurement(name, unit, operations, seconds, latency, more);
    }

    /** Operations per second over the window (0 for an empty window). */
    public double perSecond() {
        return seconds <= 0 ? 0 : operations / seconds;
    }
}
