/**
 * The benchmark harness every {@code baton bench} shares: a {@link org.baton.bench.LatencyRecorder} (p50, p95, p99,
 * max), a {@link org.baton.bench.Window} (warm-up, then a timed run), a {@link org.baton.bench.ResourceMeter}
 * (process CPU seconds, peak heap, peak resident set, load average) and a {@link org.baton.bench.BenchReport} that
 * prints one text layout and writes one JSON schema ({@value org.baton.bench.BenchReport#SCHEMA}) for every
 * benchmark. JDK only, so the ledger, the node and the command line can all use it without a dependency cycle.
 */
package org.baton.bench;
