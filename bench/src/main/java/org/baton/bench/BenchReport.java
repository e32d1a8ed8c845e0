package org.baton.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one benchmark run, in the layout every {@code baton bench} prints and the JSON schema every one
 * writes:
 *
 * <pre>
 * {"schema": "baton-bench/1", "benchmark": "ledger", "description": "...",
 *  "parameters": {"submitters": "64", ...},
 *  "measurements": [{"name": "throughput", "unit": "receipts", "operations": 1234, "seconds": 20.0,
 *                    "perSecond": 61.7, "latencyMillis": {"count": 1234, "p50": 1.2, "p95": 2.0, "p99": 3.1,
 *                    "max": 9.0} or null, "figures": {"blocks": 120.0, ...}}],
 *  "resources": {"cpuSeconds": 35.2, "peakHeapBytes": ..., "peakRssBytes": ..., "loadAverageStart": 1.2,
 *                "loadAverageEnd": 1.9, "stealShare": 0.03},
 *  "machine": {"processors": 2, "cpuModel": "...", "memoryBytes": ..., "javaVersion": "17.0.12",
 *              "jvmOptions": ["-Xmx1g", ...]}}
 * </pre>
 *
 * @param benchmark the benchmark's name, e.g. {@code ledger}
 * @param description what it measures, one sentence
 * @param parameters what it was run with, in order
 * @param measurements its measured phases
 * @param resources what the run cost
 * @param machine where it ran
 */
public record BenchReport(String benchmark, String description, Map<String, String> parameters,
        List<Measurement> measurements, Resources resources, Machine machine) {

    /** The JSON schema's name and version. */
    public static final String SCHEMA = "baton-bench/1";

    public BenchReport {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(machine, "machine");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(parameters, "parameters")));
        measurements = List.copyOf(Objects.requireNonNull(measurements, "measurements"));
    }

    /** This report with one more parameter (replacing one of the same name). */
    public BenchReport withParameter(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Map<String, String> more = new LinkedHashMap<>(parameters);
        more.put(name, value);
        return new BenchReport(benchmark, description, more, measurements, resources, machine);
    }

    /** The measurement named {@code name}. */
    public java.util.Optional<Measurement> measurement(String name) {
        return measurements.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The report as text, one figure per line. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append("baton bench ").append(benchmark).append(": ").append(description).append('\n');
        if (!parameters.isEmpty()) {
            StringBuilder line = new StringBuilder();
            parameters.forEach((key, value) -> line.append(line.length() == 0 ? "" : ", ").append(key).append(' ')
                    .append(value));
            out.append(String.format(Locale.ROOT, "  %-28s %s%n", "parameters", line));
        }
        for (Measurement m : measurements) {
            out.append(String.format(Locale.ROOT, "  %-28s %,d %s in %.1f s: %,.1f %s/s%n", m.name(), m.operations(),
                    m.unit(), m.seconds(), m.perSecond(), m.unit()));
            m.latency().ifPresent(l -> out.append(String.format(Locale.ROOT,
                    "  %-28s p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms (%,d timed)%n", "  latency",
                    l.p50Millis(), l.p95Millis(), l.p99Millis(), l.maxMillis(), l.count())));
            m.figures().forEach((key, value) -> out.append(String.format(Locale.ROOT, "  %-28s %s%n", "  " + key,
                    number(value))));
        }
        out.append(String.format(Locale.ROOT, "  %-28s CPU %.1f s, peak heap %,d MiB, peak RSS %,d MiB%n", "resources",
                resources.cpuSeconds(), resources.peakHeapBytes() >> 20, resources.peakRssBytes() >> 20));
        out.append(String.format(Locale.ROOT, "  %-28s %d processors (%s), %.1f GiB RAM, Java %s%s;"
                + " load average %.2f at start, %.2f at end%s%n", "machine", machine.processors(), machine.cpuModel(),
                machine.memoryBytes() / (double) (1L << 30), machine.javaVersion(),
                machine.jvmOptions().isEmpty() ? "" : " (" + String.join(" ", machine.jvmOptions()) + ")",
                resources.loadAverageStart(),
                resources.loadAverageEnd(), resources.stealShare() < 0 ? ""
                        : String.format(Locale.ROOT, "; CPU stolen by the hypervisor %.1f%%",
                                100 * resources.stealShare())));
        return out.toString();
    }

    /** The report as one JSON object (schema {@value #SCHEMA}), ending with a newline. */
    public String toJson() {
        Json json = new Json();
        json.open('{');
        json.field("schema").string(SCHEMA);
        json.field("benchmark").string(benchmark);
        json.field("description").string(description);
        json.field("parameters").open('{');
        parameters.forEach((key, value) -> json.field(key).string(value));
        json.close('}');
        json.field("measurements").open('[');
        for (Measurement m : measurements) {
            json.element().open('{');
            json.field("name").string(m.name());
            json.field("unit").string(m.unit());
            json.field("operations").number(m.operations());
            json.field("seconds").number(m.seconds());
            json.field("perSecond").number(m.perSecond());
            json.field("latencyMillis");
            if (m.latency().isPresent()) {
                Latency l = m.latency().get();
                json.open('{');
                json.field("count").number(l.count());
                json.field("p50").number(l.p50Millis());
                json.field("p95").number(l.p95Millis());
                json.field("p99").number(l.p99Millis());
                json.field("max").number(l.maxMillis());
                json.close('}');
            } else {
                json.raw("null");
            }
            json.field("figures").open('{');
            m.figures().forEach((key, value) -> json.field(key).number(value));
            json.close('}');
            json.close('}');
        }
        json.close(']');
        json.field("resources").open('{');
        json.field("cpuSeconds").number(resources.cpuSeconds());
        json.field("peakHeapBytes").number(resources.peakHeapBytes());
        json.field("peakRssBytes").number(resources.peakRssBytes());
        json.field("loadAverageStart").number(resources.loadAverageStart());
        json.field("loadAverageEnd").number(resources.loadAverageEnd());
        json.field("stealShare").number(resources.stealShare());
        json.close('}');
        json.field("machine").open('{');
        json.field("processors").number(machine.processors());
        json.field("cpuModel").string(machine.cpuModel());
        json.field("memoryBytes").number(machine.memoryBytes());
        json.field("javaVersion").string(machine.javaVersion());
        json.field("jvmOptions").open('[');
        machine.jvmOptions().forEach(option -> json.element().string(option));
        json.close(']');
        json.close('}');
        json.close('}');
        return json.toString() + "\n";
    }

    /** Writes {@link #toJson()} to {@code file}, creating its folder. */
    public void writeJson(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.format(Locale.ROOT, "%,d", (long) value)
                : Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%,.1f", value)
                : new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
