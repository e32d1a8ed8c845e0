package org.baton.tools.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.baton.bench.BenchReport;
import org.baton.bench.Machine;
import org.baton.bench.Measurement;
import org.baton.bench.ResourceMeter;
import org.baton.bench.Resources;
import org.baton.bench.Statistics;
import org.baton.node.importer.ImportFormat;
import org.baton.node.importer.ImportListener;
import org.baton.node.importer.ImportPhase;
import org.baton.node.importer.ImportRequest;
import org.baton.node.importer.ImportSummary;
import org.baton.node.importer.Importer;
import org.baton.node.store.DataKey;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoreConfig;
import org.baton.node.synth.SynthOptions;
import org.baton.node.synth.SynthSummary;
import org.baton.node.synth.SyntheticData;
import org.baton.tools.LocalStore;
import org.baton.trust.InstitutionId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code baton bench import [--students N] [--runs R] [--json FILE]}: generates a synthetic district (or takes
 * {@code --input}), imports it into a fresh record store (write-ahead log on, synchronous commits) R times, and
 * prints rows/s, course rows/s, CPU seconds and the heap (peak used, max live after GC, max committed) per run and
 * their medians.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {
            "Measures a CALPADS-style import into a fresh record store (WAL on, synchronous commits):",
            "rows/s, course rows/s, CPU and the heap, per run and the median. Run the JVM with -Xmx1g to check",
            "the import fits in 1 GiB of heap."})
public final class ImportBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--students", defaultValue = "420000", paramLabel = "N",
            description = "Students to generate (default: ${DEFAULT-VALUE}, an LAUSD-size district).")
    int students;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Synthetic data seed.")
    long seed;

    @Option(names = "--input", paramLabel = "DIR",
            description = "Import this CALPADS-style directory instead of generating one (needs --institution).")
    Path input;

    @Option(names = "--institution", paramLabel = "CDS",
            description = "The district's CDS code, with --input (default: read from a district-<CDS> directory name).")
    String institution;

    @Option(names = "--runs", defaultValue = "1", paramLabel = "R", description = "Import runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--work", paramLabel = "DIR",
            description = "Working directory for the data and stores (default: a new directory under java.io.tmpdir).")
    Path work;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
    Path json;

    @Option(names = "--no-sync", description = "Commit batches without waiting for the WAL to reach the disk.")
    boolean noSync;

    @Option(names = "--batch-size", defaultValue = "" + ImportRequest.DEFAULT_BATCH_SIZE, paramLabel = "N",
            description = "Students per atomic write (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--keep", description = "Keep the generated data and the stores.")
    boolean keep;

    /**
     * One import run.
     *
     * @param heap what the garbage collections of the run saw of the heap
     */
    private record Run(ImportSummary summary, Resources resources, HeapFigures heap) {
    }

    /**
     * The heap as the garbage collections of a run saw it, each figure the whole heap (all pools) at one moment,
     * the largest over the run's collections.
     *
     * @param usedBeforeGcBytes    the most heap in use when a collection started: the peak the heap reached
     * @param usedAfterGcBytes     the most heap still in use after a collection: the data the import keeps alive,
     *                             plus (after a young collection) old-generation garbage not yet collected
     * @param committedBytes       the most heap the JVM had reserved from the system after a collection (at most
     *                             -Xmx)
     * @param collections          collections seen
     */
    record HeapFigures(long usedBeforeGcBytes, long usedAfterGcBytes, long committedBytes, long collections) {
    }

    @Override
    public Integer call() throws IOException {
        if (runs < 1) {
            throw new ParameterException(spec.commandLine(), "--runs must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dir = work != null ? work : Files.createTempDirectory("baton-bench-import");
        Files.createDirectories(dir);
        Path data;
        InstitutionId district;
        double synthSeconds = -1;
        if (input != null) {
            data = input;
            String id = institution != null ? institution
                    : input.getFileName().toString().replaceFirst("^district-", "");
            try {
                district = InstitutionId.of(id);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--institution: " + e.getMessage());
            }
        } else {
            out.printf(Locale.ROOT, "generating %,d students ...%n", students);
            out.flush();
            SynthSummary synth = SyntheticData.generate(new SynthOptions(students, seed, dir.resolve("synth"),
                    SynthOptions.DEFAULT_ERROR_RATE, 1, false));
            synthSeconds = synth.elapsed().toMillis() / 1000.0;
            out.printf(Locale.ROOT, "generated %,d course rows (%,d rows) in %.1f s%n", synth.courseRows(),
                    synth.rows(), synthSeconds);
            data = synth.districtDirs().get(0);
            district = InstitutionId.of(synth.districtIds().get(0));
        }

        List<Run> results = new ArrayList<>();
        double loadStart = ResourceMeter.loadAverage();
        for (int i = 1; i <= runs; i++) {
            Path runDir = dir.resolve("run-" + i);
            delete(runDir);
            Files.createDirectories(runDir);
            DataKey key = DataKey.loadOrCreate(runDir.resolve("data.key"));
            StoreConfig config = StoreConfig.of(runDir.resolve("store"), key)
                    .withTuning(LocalStore.IMPORT_WRITE_BUFFER_BYTES, StoreConfig.DEFAULT_BLOCK_CACHE_BYTES)
                    .withSyncWrites(!noSync);
            ImportRequest request = ImportRequest.of(ImportFormat.CALPADS, data, district)
                    .withReport(runDir.resolve("report.txt")).withWorkDir(runDir.resolve("work")).withBatchSize(batchSize);
            System.gc();
            ResourceMeter meter = ResourceMeter.start();
            ImportSummary summary;
            HeapFigures heap;
            try (HeapWatch watch = HeapWatch.start(); RecordStore store = RecordStore.open(config)) {
                summary = Importer.create(store, new PhaseLines(out)).run(request);
                heap = watch.figures();
            }
            Resources used = meter.stop();
            results.add(new Run(summary, used, heap));
            out.printf(Locale.ROOT, "run %d: %,d rows (%,d course rows) in %.1f s: %,.0f rows/s, %,.0f course rows/s, "
                    + "CPU %.1f s, rejected %,d; read phase %.1f s%n", i,
                    summary.rowsRead(), summary.courseRowsRead(), summary.seconds(), summary.rowsPerSecond(),
                    summary.courseRowsPerSecond(), used.cpuSeconds(), summary.rowsRejected(),
                    summary.readElapsed().toMillis() / 1000.0);
            out.printf(Locale.ROOT, "  heap over %,d collections: peak used (at a collection's start) %,d MiB, "
                    + "max used after a collection %,d MiB, max committed %,d MiB, limit -Xmx %,d MiB%n",
                    heap.collections(), heap.usedBeforeGcBytes() >> 20, heap.usedAfterGcBytes() >> 20,
                    heap.committedBytes() >> 20, Runtime.getRuntime().maxMemory() >> 20);
            out.flush();
            if (!keep) {
                delete(runDir);
            }
        }
        BenchReport report = report(results, data, synthSeconds, loadStart);
        out.print(report.toText());
        out.flush();
        if (json != null) {
            report.writeJson(json);
        }
        if (!keep && work == null) {
            delete(dir);
        }
        return 0;
    }

    private BenchReport report(List<Run> results, Path data, double synthSeconds, double loadStart) {
        List<Measurement> measurements = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            Run r = results.get(i);
            ImportSummary s = r.summary();
            measurements.add(Measurement.of("run-" + (i + 1), "rows", s.rowsRead(), s.seconds())
                    .with("courseRows", s.courseRowsRead())
                    .with("courseRowsPerSecond", s.courseRowsPerSecond())
                    .with("rowsLoaded", s.rowsLoaded())
                    .with("rowsRejected", s.rowsRejected())
                    .with("studentsWritten", s.studentsWritten())
                    .with("readPhaseSeconds", s.readElapsed().toMillis() / 1000.0)
                    .with("cpuSeconds", r.resources().cpuSeconds())
                    .with("heapUsedAtGcStartMaxBytes", r.heap().usedBeforeGcBytes())
                    .with("heapUsedAfterGcMaxBytes", r.heap().usedAfterGcBytes())
                    .with("heapCommittedMaxBytes", r.heap().committedBytes()));
        }
        ImportSummary first = results.get(0).summary();
        double medianSeconds = Statistics.median(results.stream().map(r -> r.summary().seconds()).toList());
        measurements.add(Measurement.of("median", "rows", first.rowsRead(), medianSeconds)
                .with("courseRowsPerSecond", Statistics.median(results.stream()
                        .map(r -> r.summary().courseRowsPerSecond()).toList()))
                .with("rowsPerSecond", Statistics.median(results.stream().map(r -> r.summary().rowsPerSecond()).toList()))
                .with("heapUsedAtGcStartMaxBytes", Statistics.median(results.stream()
                        .map(r -> r.heap().usedBeforeGcBytes()).toList()))
                .with("heapUsedAfterGcMaxBytes", Statistics.median(results.stream()
                        .map(r -> r.heap().usedAfterGcBytes()).toList())));
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("format", "calpads");
        parameters.put("input", data.toString());
        parameters.put("students", input == null ? Integer.toString(students) : "from input");
        if (synthSeconds >= 0) {
            parameters.put("synthSeconds", String.format(Locale.ROOT, "%.1f", synthSeconds));
        }
        parameters.put("runs", Integer.toString(runs));
        parameters.put("writeAheadLog", "true");
        parameters.put("syncWrites", Boolean.toString(!noSync));
        parameters.put("batchSize", Integer.toString(batchSize));
        parameters.put("maxHeapBytes", Long.toString(Runtime.getRuntime().maxMemory()));
        Resources last = results.get(results.size() - 1).resources();
        // The peak heap: the most in use at any collection's start (not the sum of each pool's own peak, which
        // adds up moments that never happened together).
        Resources all = new Resources(results.stream().mapToDouble(r -> r.resources().cpuSeconds()).sum(),
                results.stream().mapToLong(r -> r.heap().usedBeforeGcBytes()).max().orElse(0),
                last.peakRssBytes(), loadStart, last.loadAverageEnd(),
                results.stream().mapToDouble(r -> r.resources().stealShare()).max().orElse(-1));
        return new BenchReport("import", "CALPADS-style import into a fresh record store (write-ahead log on,"
                + " synchronous commits unless --no-sync); a row is one CSV line of any file", parameters,
                measurements, all, Machine.current());
    }

    /** Plain progress lines every few seconds. */
    private static final class PhaseLines implements ImportListener {
        private final PrintWriter out;
        private long last = System.nanoTime();

        PhaseLines(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void phaseStarted(ImportPhase phase, long total) {
            out.printf(Locale.ROOT, "  %s (%,d %s)%n", phase == ImportPhase.READ ? "reading" : "loading",
                    phase == ImportPhase.READ ? total >> 20 : total, phase == ImportPhase.READ ? "MiB" : "students");
            out.flush();
        }

        @Override
        public void progress(ImportPhase phase, long done, long rowsRead) {
            long now = System.nanoTime();
            if (now - last > Duration.ofSeconds(10).toNanos()) {
                last = now;
                out.printf(Locale.ROOT, "  %s: %,d %s, %,d rows read%n", phase == ImportPhase.READ ? "reading" : "loading",
                        phase == ImportPhase.READ ? done >> 20 : done, phase == ImportPhase.READ ? "MiB" : "students",
                        rowsRead);
                out.flush();
            }
        }
    }

    /**
     * Watches the garbage collections (their notifications) and keeps the largest whole-heap figures they saw: in
     * use when a collection started, in use after it, and committed. Summing each pool's own peak instead would add
     * up moments that never happened together.
     */
    private static final class HeapWatch implements AutoCloseable {
        private final java.util.concurrent.atomic.AtomicLong before = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong after = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong committed = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong collections = new java.util.concurrent.atomic.AtomicLong();
        private final List<Runnable> removals = new ArrayList<>();

        static HeapWatch start() {
            HeapWatch h = new HeapWatch();
            List<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).toList();
            for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof javax.management.NotificationEmitter emitter) {
                    javax.management.NotificationListener listener = (notification, handback) -> {
                        if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                                .equals(notification.getType())) {
                            return;
                        }
                        var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                                (javax.management.openmbean.CompositeData) notification.getUserData()).getGcInfo();
                        long usedBefore = 0;
                        long usedAfter = 0;
                        long committedAfter = 0;
                        for (String pool : heapPools) {
                            var b = info.getMemoryUsageBeforeGc().get(pool);
                            var a = info.getMemoryUsageAfterGc().get(pool);
                            if (b != null) {
                                usedBefore += b.getUsed();
                            }
                            if (a != null) {
                                usedAfter += a.getUsed();
                                committedAfter += a.getCommitted();
                            }
                        }
                        h.before.accumulateAndGet(usedBefore, Math::max);
                        h.after.accumulateAndGet(usedAfter, Math::max);
                        h.committed.accumulateAndGet(committedAfter, Math::max);
                        h.collections.incrementAndGet();
                    };
                    emitter.addNotificationListener(listener, null, null);
                    h.removals.add(() -> {
                        try {
                            emitter.removeNotificationListener(listener);
                        } catch (javax.management.ListenerNotFoundException e) {
                            // Already gone.
                        }
                    });
                }
            }
            return h;
        }

        HeapFigures figures() {
            return new HeapFigures(before.get(), after.get(), committed.get(), collections.get());
        }

        @Override
        public void close() {
            removals.forEach(Runnable::run);
        }
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
