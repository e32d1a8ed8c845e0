package org.baton.node.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.baton.bench.BenchReport;
import org.baton.bench.HeapActivity;
import org.baton.bench.Latency;
import org.baton.bench.LatencyRecorder;
import org.baton.bench.LoopbackPorts;
import org.baton.bench.Machine;
import org.baton.bench.Measurement;
import org.baton.bench.ResourceMeter;
import org.baton.bench.Resources;
import org.baton.bench.ThreadCpu;
import org.baton.bench.Window;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantorRole;
import org.baton.ledger.Purpose;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.ledger.Sources;
import org.baton.ledger.embedded.EmbeddedLedger;
import org.baton.ledger.embedded.EmbeddedLedgerConfig;
import org.baton.ledger.embedded.EmbeddedLedgerServer;
import org.baton.ledger.fabric.FabricLedgerConfig;
import org.baton.ledger.fabric.FabricNetworkFile;
import org.baton.node.NodeApp;
import org.baton.node.NodeEventListener;
import org.baton.node.config.NodeConfig;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.AgArea;
import org.baton.proto.v1.CourseCategory;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.Enrollment;
import org.baton.proto.v1.LocalId;
import org.baton.proto.v1.PersonName;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.baton.proto.v1.Term;
import org.baton.proto.v1.TermType;
import org.baton.trust.ConsortiumCa;
import org.baton.trust.Consortium;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.InstitutionId;
import org.baton.trust.InstitutionKind;
import org.baton.trust.Member;
import org.baton.trust.PeerEndpoint;
import org.baton.trust.Validity;

/**
 * Measures transcript exchanges between two real nodes on this machine, end to end: the recipient (a UC campus)
 * pulls a student's transcript of {@code courses} courses from the source (a district) under an active grant — the
 * source checks the grant, matches the student, filters, signs (Ed25519) and keeps the package, records the receipt
 * on the ledger and answers; the recipient verifies the package, stores it, checks the receipt and acknowledges it on
 * the ledger — over mutual-TLS gRPC, with both nodes built by {@link NodeApp} from their YAML files (RocksDB stores
 * with synchronous commits) and the embedded ledger served over its gRPC service, all in this process on
 * 127.0.0.1. An exchange counts when the recipient's acknowledgment is committed.
 *
 * <p>Two phases after a warm-up: throughput with {@code concurrency} exchanges in flight; then latency at half the
 * measured rate (an open loop: exchanges start on a fixed schedule whatever the earlier ones do). Called by
 * {@code baton bench exchange}; {@link #main} runs it alone.
 */
public final class ExchangeBench {

    private static final InstitutionId OPERATOR = InstitutionId.of("CDE");
    private static final InstitutionId SOURCE = InstitutionId.of("19647330000000");
    private static final InstitutionId RECIPIENT = InstitutionId.of("110662");

    private ExchangeBench() {
    }

    /**
     * What to run.
     *
     * @param students students the source holds, each with a grant (1 to 100,000); exchanges cycle through them
     * @param courses courses in each transcript (1 to 1,000)
     * @param concurrency exchanges in flight during the throughput phase (1 to 4,096)
     * @param warmup unmeasured time before each phase
     * @param duration measured time of each phase
     * @param latencyRate exchanges per second offered in the latency phase; empty for half the measured throughput
     *     (a fixed rate lets two builds be compared at the same load)
     * @param agStatus pull the a-g status with each transcript, so that the source's readiness engine evaluates
     *     every student it sends
     * @param clients threads making the throughput phase's pulls (1 to 256): a pull returns once its exchange is
     *     written durably, and pulls made at once share a sync
     */
    public record Options(int students, int courses, int concurrency, Duration warmup, Duration duration,
            OptionalDouble latencyRate, boolean agStatus, int clients) {

        /** Threads making the throughput phase's pulls unless told: enough that pulls made together share a sync. */
        public static final int DEFAULT_CLIENTS = 8;

        /** Options with {@link #DEFAULT_CLIENTS} clients. */
        public Options(int students, int courses, int concurrency, Duration warmup, Duration duration,
                OptionalDouble latencyRate, boolean agStatus) {
            this(students, courses, concurrency, warmup, duration, latencyRate, agStatus, DEFAULT_CLIENTS);
        }

        /** Options whose latency phase runs at half the measured throughput. */
        public Options(int students, int courses, int concurrency, Duration warmup, Duration duration) {
            this(students, courses, concurrency, warmup, duration, OptionalDouble.empty());
        }

        /** Options for transcripts alone. */
        public Options(int students, int courses, int concurrency, Duration warmup, Duration duration,
                OptionalDouble latencyRate) {
            this(students, courses, concurrency, warmup, duration, latencyRate, false);
        }

        public Options {
            if (students < 1 || students > 100_000) {
                throw new IllegalArgumentException("students " + students + " is outside 1..100000");
            }
            if (courses < 1 || courses > 1_000) {
                throw new IllegalArgumentException("courses " + courses + " is outside 1..1000");
            }
            if (concurrency < 1 || concurrency > 4_096) {
                throw new IllegalArgumentException("concurrency " + concurrency + " is outside 1..4096");
            }
            if (clients < 1 || clients > 256) {
                throw new IllegalArgumentException("clients " + clients + " is outside 1..256");
            }
            Objects.requireNonNull(warmup, "warmup");
            Objects.requireNonNull(duration, "duration");
            if (warmup.isNegative() || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("warmup must not be negative and duration must be positive");
            }
            Objects.requireNonNull(latencyRate, "latencyRate");
            if (latencyRate.isPresent() && !(latencyRate.getAsDouble() >= 1 && latencyRate.getAsDouble() <= 100_000)) {
                throw new IllegalArgumentException("latency rate " + latencyRate.getAsDouble()
                        + " is outside 1..100000 exchanges per second");
            }
        }

        /** 1,000 students, 40 courses, 128 in flight, 10 s warm-up, 20 s measured. */
        public static Options defaults() {
            return new Options(1_000, 40, 128, Duration.ofSeconds(10), Duration.ofSeconds(20));
        }
    }

    /**
     * What was measured.
     *
     * @param exchanges exchanges acknowledged in the throughput window
     * @param seconds length of each measured window
     * @param exchangesPerSecond throughput
     * @param failures exchanges that did not end acknowledged, in either window
     * @param concurrency exchanges in flight in the throughput phase
     * @param clients threads that made the throughput phase's pulls
     * @param rateOffered the open-loop rate of the latency phase (half the throughput), exchanges per second
     * @param latency end-to-end latency of the exchanges scheduled to start in the latency window, from their
     *     scheduled start to their acknowledgment
     * @param atRate what the latency window cost, per exchange started in it
     * @param courses courses per transcript
     * @param packageBytes size of one signed package
     * @param processors processors available to this JVM
     * @param cpuMillisPerExchange CPU time of this process (both nodes and the ledger) per exchange, throughput phase
     * @param jitMillisPerExchange time the JIT compilers spent in the throughput phase, per exchange: part of
     *     {@code cpuMillisPerExchange} while the code is still being compiled (on a busy 2-core machine for minutes);
     *     the JVM counts elapsed compile time, which a loaded machine stretches
     * @param compilerCpuMillisPerExchange CPU time of the JIT compiler threads in the throughput phase, per exchange
     *     (read from {@code /proc/self/task}; -1 where that is not available): {@code cpuMillisPerExchange} minus
     *     this is the CPU the exchanges themselves took
     * @param ed25519SignMicros one Ed25519 signature of a package-sized message on this machine just before the run,
     *     microseconds (calibration: other processes competing for the CPU show up here)
     * @param ed25519VerifyMicros one Ed25519 verification, microseconds
     * @param syncedWrite one synced 4 KiB write in the benchmark's directory just before the run (see
     *     {@link #calibrateSyncedWrites}): the machine's other cost that every exchange pays several times
     * @param resources CPU, peak heap and resident set of this process over both phases, and the load average
     * @param ledgerCallsPerExchange calls the ledger server accepted in the throughput window, per exchange, by rpc
     *     name (both nodes' reads, submits and event polls)
     * @param ledgerBlocksPerExchange blocks the ledger wrote in the throughput window, per exchange (one fsync each)
     * @param pullsPerBatchCall pulls the recipient sent per {@code RequestRecordsBatch} call in the throughput window
     * @param cpuMillisPerExchangeByThreads CPU time per exchange in the throughput phase by group of threads (a
     *     thread name without its digits, e.g. {@code ledger-rpc-}), largest first; empty where {@code /proc} is not
     *     available
     * @param heap what the throughput phase allocated per exchange and what the collector did in it
     * @param throughputSteps how long each step of the exchanges took in the throughput window, both sides: where
     *     an exchange's time goes when the processors are busy
     * @param steps how long each step of the exchanges took in the latency window, both sides (see
     *     {@link ExchangeStep}); a step's percentiles are its own, so they do not add up to the end-to-end ones
     * @param ledger the ledger the nodes wrote to: the embedded ledger in this process, or a Fabric channel
     */
    public record Result(long exchanges, double seconds, double exchangesPerSecond, long failures, int concurrency,
            int clients, double rateOffered, Latency latency, AtRate atRate, int courses, int packageBytes,
            int processors,
            double cpuMillisPerExchange, double jitMillisPerExchange, double compilerCpuMillisPerExchange,
            double ed25519SignMicros,
            double ed25519VerifyMicros, SyncedWrites syncedWrite, Resources resources,
            Map<String, Double> ledgerCallsPerExchange,
            double ledgerBlocksPerExchange, double pullsPerBatchCall, Map<String, Double> cpuMillisPerExchangeByThreads,
            Heap heap, Map<ExchangeStep, Latency> throughputSteps, Map<ExchangeStep, Latency> steps, String ledger) {

        public Result {
            Objects.requireNonNull(ledger, "ledger");
            ledgerCallsPerExchange = Map.copyOf(ledgerCallsPerExchange);
            throughputSteps = java.util.Collections.unmodifiableMap(new EnumMap<>(throughputSteps));
            steps = java.util.Collections.unmodifiableMap(new EnumMap<>(steps));
            cpuMillisPerExchangeByThreads = java.util.Collections.unmodifiableMap(
                    new LinkedHashMap<>(cpuMillisPerExchangeByThreads));
        }

        /** Exchanges per second if this process had every processor to itself: processors / CPU per exchange. */
        public double cpuBoundExchangesPerSecond() {
            return cpuMillisPerExchange <= 0 ? 0 : processors * 1000.0 / cpuMillisPerExchange;
        }

        /** The figures in the harness's report (one layout and JSON schema for every benchmark). */
        public BenchReport report() {
            Measurement throughput = Measurement.of("throughput", "exchanges", exchanges, seconds)
                    .with("inFlight", concurrency)
                    .with("failures", failures)
                    .with("cpuMillisPerExchange", cpuMillisPerExchange)
                    .with("jitMillisPerExchange", jitMillisPerExchange)
                    .with("compilerCpuMillisPerExchange", compilerCpuMillisPerExchange)
                    .with("cpuMillisPerExchangeWithoutCompiler", compilerCpuMillisPerExchange < 0 ? -1
                            : cpuMillisPerExchange - compilerCpuMillisPerExchange)
                    .with("cpuBoundExchangesPerSecond", cpuBoundExchangesPerSecond())
                    .with("packageBytes", packageBytes)
                    .with("ed25519SignMicros", ed25519SignMicros)
                    .with("ed25519VerifyMicros", ed25519VerifyMicros)
                    .with("syncedWriteMicros.p50", syncedWrite.p50Micros())
                    .with("syncedWriteMicros.p99", syncedWrite.p99Micros())
                    .with("ledgerCallsPerExchange", ledgerCallsPerExchange.values().stream()
                            .mapToDouble(Double::doubleValue).sum())
                    .with("ledgerBlocksPerExchange", ledgerBlocksPerExchange)
                    .with("pullsPerBatchCall", pullsPerBatchCall)
                    .with("allocatedKiBPerExchange", heap.allocatedKiBPerExchange())
                    .with("collectionsPerSecond", heap.collectionsPerSecond())
                    .with("collectionMillisPerCollection", heap.millisPerCollection());
            for (Map.Entry<String, Double> calls : new java.util.TreeMap<>(ledgerCallsPerExchange).entrySet()) {
                throughput = throughput.with("ledgerCallsPerExchange." + calls.getKey(), calls.getValue());
            }
            for (Map.Entry<String, Double> threads : cpuMillisPerExchangeByThreads.entrySet()) {
                throughput = throughput.with("cpuMillisPerExchange.threads." + threads.getKey().strip(),
                        threads.getValue());
            }
            throughput = withSteps(throughput, throughputSteps);
            Measurement atHalfRate = Measurement.of("latency", "exchanges", latency.count(), seconds)
                    .withLatency(latency)
                    .with("rateOffered", rateOffered)
                    .with("cpuMillisPerExchange", atRate.cpuMillisPerExchange())
                    .with("ledgerCallsPerExchange", atRate.ledgerCallsPerExchange().values().stream()
                            .mapToDouble(Double::doubleValue).sum())
                    .with("ledgerBlocksPerExchange", atRate.ledgerBlocksPerExchange())
                    .with("pullsPerBatchCall", atRate.pullsPerBatchCall())
                    .with("startLagMillis.p99", atRate.startLag().p99Millis())
                    .with("startLagMillis.max", atRate.startLag().maxMillis());
            for (Map.Entry<String, Double> threads : atRate.cpuMillisPerExchangeByThreads().entrySet()) {
                atHalfRate = atHalfRate.with("cpuMillisPerExchange.threads." + threads.getKey().strip(),
                        threads.getValue());
            }
            atHalfRate = withSteps(atHalfRate, steps);
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("courses", Integer.toString(courses));
            parameters.put("concurrency", Integer.toString(concurrency));
            parameters.put("clients", Integer.toString(clients));
            parameters.put("ledger", ledger);
            return new BenchReport("exchange", "transcript exchange between two nodes, end to end (consent check,"
                    + " sign, mutual-TLS gRPC, verify, store, receipt, acknowledgment), fsync on commit; both nodes in"
                    + " this process, on the ledger the parameters name; latency phase is an open loop at half the"
                    + " measured throughput, each exchange timed from its scheduled start", parameters,
                    List.of(throughput, atHalfRate), resources, Machine.current());
        }

        private static Measurement withSteps(Measurement measurement, Map<ExchangeStep, Latency> steps) {
            Measurement out = measurement;
            for (Map.Entry<ExchangeStep, Latency> step : steps.entrySet()) {
                String name = "stepMillis." + step.getKey().name().toLowerCase(Locale.ROOT).replace('_', '-');
                out = out.with(name + ".p50", step.getValue().p50Millis())
                        .with(name + ".p99", step.getValue().p99Millis())
                        .with(name + ".max", step.getValue().maxMillis());
            }
            return out;
        }

        /** A human-readable summary. */
        public String toText() {
            return report().toText();
        }

        /** The figures as a JSON object. */
        public String toJson() {
            return report().toJson();
        }
    }

    /**
     * What the latency phase cost, per exchange started in its measured window. At a fixed offered rate the nodes
     * batch alike from run to run (at full throughput they batch more the faster they go), so these figures move
     * less than the throughput phase's and suit comparing builds.
     *
     * @param cpuMillisPerExchange CPU time of this process
     * @param cpuMillisPerExchangeByThreads the same by group of threads, largest first (empty without {@code /proc})
     * @param ledgerCallsPerExchange calls the ledger server accepted, by rpc name
     * @param ledgerBlocksPerExchange blocks the ledger wrote (one fsync each)
     * @param pullsPerBatchCall pulls the recipient sent per {@code RequestRecordsBatch} call
     * @param startLag how late the load generator started each exchange after its scheduled time (the latency
     *     counts from the scheduled time, so this is part of it)
     */
    public record AtRate(double cpuMillisPerExchange, Map<String, Double> cpuMillisPerExchangeByThreads,
            Map<String, Double> ledgerCallsPerExchange, double ledgerBlocksPerExchange, double pullsPerBatchCall,
            Latency startLag) {

        public AtRate {
            cpuMillisPerExchangeByThreads = java.util.Collections.unmodifiableMap(
                    new LinkedHashMap<>(cpuMillisPerExchangeByThreads));
            ledgerCallsPerExchange = Map.copyOf(ledgerCallsPerExchange);
            Objects.requireNonNull(startLag, "startLag");
        }
    }

    /**
     * The heap in the throughput phase.
     *
     * @param allocatedKiBPerExchange heap allocated by every thread, per exchange, KiB (-1 where the JVM does not
     *     count it)
     * @param collectionsPerSecond the collector's pauses per second (see {@link HeapActivity})
     * @param millisPerCollection how long a pause lasted on average, milliseconds (0 without pauses)
     */
    public record Heap(double allocatedKiBPerExchange, double collectionsPerSecond, double millisPerCollection) {

        static Heap between(HeapActivity from, HeapActivity to, long exchanges, double seconds) {
            long bytes = to.allocatedBytesSince(from);
            long collections = to.collectionsSince(from);
            return new Heap(bytes < 0 || exchanges == 0 ? -1 : bytes / 1024.0 / exchanges,
                    seconds <= 0 ? 0 : collections / seconds,
                    collections == 0 ? 0 : (double) to.collectionMillisSince(from) / collections);
        }
    }

    /** The nodes' step durations ({@link ExchangeStep}) inside one window (one phase's). */
    private static final class StepTimes implements NodeEventListener {

        private final Map<ExchangeStep, LatencyRecorder> recorders = new EnumMap<>(ExchangeStep.class);
        private volatile Window window;

        StepTimes() {
            for (ExchangeStep step : ExchangeStep.values()) {
                recorders.put(step, new LatencyRecorder());
            }
        }

        void recordIn(Window measured) {
            window = measured;
        }

        @Override
        public void exchangeStepTimed(ExchangeStep step, long nanos) {
            Window measured = window;
            if (measured != null && measured.started() && !measured.over()) {
                recorders.get(step).record(nanos);
            }
        }

        /** The percentiles of each step that ran in the window. */
        Map<ExchangeStep, Latency> latencies() {
            Map<ExchangeStep, Latency> out = new EnumMap<>(ExchangeStep.class);
            recorders.forEach((step, recorder) -> {
                if (recorder.count() > 0) {
                    out.put(step, recorder.latency());
                }
            });
            return out;
        }
    }

    /** Runs the benchmark on the embedded ledger, in a temporary directory removed afterwards. */
    public static Result run(Options options) throws InterruptedException {
        return run(options, Optional.empty());
    }

    /**
     * A channel of a running Fabric network for the nodes' ledger (docs/fabric.md).
     *
     * @param network the network file naming the Gateway peers and the members' Fabric identities
     * @param channel the channel, one no one else writes to during the run
     */
    public record FabricTarget(FabricNetworkFile network, String channel) {
        public FabricTarget {
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(channel, "channel");
        }
    }

    /**
     * Runs the benchmark in a temporary directory, removed afterwards: on {@code fabric}'s channel when given, else on
     * an embedded ledger the bench starts.
     */
    public static Result run(Options options, Optional<FabricTarget> fabric) throws InterruptedException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(fabric, "fabric");
        Path dir;
        try {
            dir = Files.createTempDirectory("baton-exchange-bench");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
        try {
            return run(options, fabric, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteRecursively(dir);
        }
    }

    private static Result run(Options options, Optional<FabricTarget> fabric, Path dir)
            throws IOException, InterruptedException {
        double[] calibration = calibrateEd25519();
        SyncedWrites syncedWrite = calibrateSyncedWrites(dir);
        Instant now = Instant.now();
        ConsortiumCa ca = ConsortiumCa.create("Exchange Bench CA", Validity.startingAt(now.minus(Duration.ofMinutes(1)),
                Duration.ofDays(2)), new SecureRandom());
        ca.write(dir.resolve("ca"));
        Path caFile = dir.resolve("ca").resolve(ConsortiumCa.CERTIFICATE_FILE);
        int[] ports = LoopbackPorts.free(3);
        int ledgerPort = ports[0];
        int sourcePort = ports[1];
        int recipientPort = ports[2];
        List<Member> members = new ArrayList<>();
        InstitutionCredentials operator = issue(ca, dir, OPERATOR, InstitutionKind.CDE, ledgerPort, members);
        issue(ca, dir, SOURCE, InstitutionKind.K12_DISTRICT, sourcePort, members);
        issue(ca, dir, RECIPIENT, InstitutionKind.UC, recipientPort, members);
        Consortium consortium = Consortium.of("Exchange Bench", 1, now, members);
        Path consortiumFile = dir.resolve("consortium.json");
        ca.writeConsortium(consortium, consortiumFile);

        BenchLedger ledger = fabric.isPresent() ? new FabricBenchLedger(fabric.get())
                : EmbeddedBenchLedger.start(dir, ledgerPort, operator, consortium);
        StepTimes throughputSteps = new StepTimes();
        StepTimes steps = new StepTimes();
        try (NodeApp source = NodeApp.create(NodeConfig.load(nodeConfig(dir, SOURCE, InstitutionKind.K12_DISTRICT,
                        sourcePort, ledger.section(SOURCE), consortiumFile, caFile)), List.of(throughputSteps, steps)).start();
                NodeApp recipient = NodeApp.create(NodeConfig.load(nodeConfig(dir, RECIPIENT, InstitutionKind.UC,
                        recipientPort, ledger.section(RECIPIENT), consortiumFile, caFile)), List.of(throughputSteps, steps))
                        .start()) {
            List<GrantId> grants = setUp(options, source, recipient);
            Exchanges exchanges = recipient.exchange().orElseThrow().exchanges();
            Optional<PullBatcher> batcher = recipient.exchange().orElseThrow().pullBatcher();
            Set<Scope> pulled = options.agStatus() ? EnumSet.of(Scope.TRANSCRIPT, Scope.AG_STATUS)
                    : EnumSet.of(Scope.TRANSCRIPT);
            AtomicLong cursor = new AtomicLong();
            AtomicLong failures = new AtomicLong();

            // Throughput: a closed loop with `concurrency` exchanges in flight. The pulls are made by several clients,
            // as the portal's users or a registrar's batch would make them: a pull blocks its caller until its first
            // write is on disk, so one client making every pull waits for one sync per pull, while callers that pull
            // together share a sync (GroupCommitWriter).
            Semaphore slots = new Semaphore(options.concurrency());
            AtomicLong done = new AtomicLong();
            Window window = Window.start(options.warmup(), options.duration());
            throughputSteps.recordIn(window);
            long[] marks = new long[2];
            ExecutorService throughputClients = Executors.newFixedThreadPool(options.clients(), runnable -> {
                Thread thread = new Thread(runnable, "bench-client");
                thread.setDaemon(true);
                return thread;
            });
            for (int c = 0; c < options.clients(); c++) {
                throughputClients.execute(() -> {
                    try {
                        while (!window.over()) {
                            if (!slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                                continue;
                            }
                            GrantId grant = grants.get((int) (cursor.getAndIncrement() % grants.size()));
                            CompletionStage<ExchangeView> settled;
                            try {
                                settled = exchanges.whenSettled(exchanges.pull(grant, SOURCE, pulled));
                            } catch (RuntimeException e) {
                                failures.incrementAndGet();
                                slots.release();
                                continue;
                            }
                            settled.whenComplete((view, error) -> {
                                if (error == null && view.state() == ExchangeState.ACKNOWLEDGED) {
                                    done.incrementAndGet();
                                } else {
                                    failures.incrementAndGet();
                                }
                                slots.release();
                            });
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            window.awaitStart();
            marks[0] = done.get();
            ResourceMeter meter = ResourceMeter.start();
            long jitFrom = compilationMillis();
            HeapActivity heapFrom = HeapActivity.snapshot();
            Counters from = Counters.take(ledger, batcher);
            window.awaitEnd();
            marks[1] = done.get();
            Counters to = Counters.take(ledger, batcher);
            long jitMillis = compilationMillis() - jitFrom;
            HeapActivity heapTo = HeapActivity.snapshot();
            long cpuNanos = to.cpuNanos() - from.cpuNanos();
            long compilerNanos = !to.threads().available() ? -1
                    : Math.max(0, to.threads().nanosSince(from.threads(), ThreadCpu::isCompiler));
            Map<String, Double> cpuByThreads = perExchangeByThreads(from.threads(), to.threads(), marks[1] - marks[0]);
            throughputClients.shutdown();
            throughputClients.awaitTermination(60, TimeUnit.SECONDS);
            slots.acquire(options.concurrency());
            slots.release(options.concurrency());
            double seconds = window.seconds();
            long measured = marks[1] - marks[0];
            Map<String, Double> callsPerExchange = perExchange(from.calls(), to.calls(), measured);
            double throughput = measured / seconds;

            // Latency: an open loop at half the measured rate, or at the rate asked for.
            double rate = options.latencyRate().orElse(Math.max(1, throughput / 2));
            LatencyRecorder latencies = new LatencyRecorder();
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
            // Only the exchanges still in flight: a settled one is dropped at once, so the bench itself keeps no
            // growing set of finished exchanges for the collector to copy.
            Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
            AtomicLong started = new AtomicLong();
            Window latencyWindow = Window.start(options.warmup(), options.duration());
            steps.recordIn(latencyWindow);
            long periodNanos = (long) (1e9 / rate);
            // Each exchange's latency counts from when the schedule says it starts, not from when a client got to
            // it. The pulls are made by a pool of clients, as independent users would make them: a pull blocks its
            // caller until its first write is on disk, and one ticker making every pull would hold the later ones
            // back during a stall, then make them one after another.
            LatencyRecorder startLag = new LatencyRecorder();
            AtomicLong ticks = new AtomicLong();
            ExecutorService clients = Executors.newFixedThreadPool(LATENCY_CLIENTS, runnable -> {
                Thread thread = new Thread(runnable, "bench-client");
                thread.setDaemon(true);
                return thread;
            });
            LongConsumer pull = begin -> {
                if (latencyWindow.measures(begin, begin)) {
                    startLag.record(Math.max(0, System.nanoTime() - begin));
                }
                GrantId grant = grants.get((int) (cursor.getAndIncrement() % grants.size()));
                CompletableFuture<ExchangeView> settled;
                try {
                    settled = exchanges.whenSettled(exchanges.pull(grant, SOURCE, pulled)).toCompletableFuture();
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                    return;
                }
                if (latencyWindow.measures(begin, begin)) {
                    started.incrementAndGet();
                }
                pending.add(settled);
                settled.whenComplete((view, error) -> {
                    long end = System.nanoTime();
                    if (error != null || view.state() != ExchangeState.ACKNOWLEDGED) {
                        failures.incrementAndGet();
                    } else if (latencyWindow.measures(begin, begin)) {
                        latencies.record(end - begin);
                    }
                    pending.remove(settled);
                });
            };
            long firstTick = System.nanoTime();
            ticker.scheduleAtFixedRate(() -> {
                long begin = firstTick + ticks.getAndIncrement() * periodNanos;
                if (!latencyWindow.over() || latencyWindow.measures(begin, begin)) {
                    clients.execute(() -> pull.accept(begin));
                }
            }, 0, periodNanos, TimeUnit.NANOSECONDS);
            latencyWindow.awaitStart();
            Counters latencyFrom = Counters.take(ledger, batcher);
            latencyWindow.awaitEnd();
            Counters latencyTo = Counters.take(ledger, batcher);
            ticker.shutdown();
            ticker.awaitTermination(10, TimeUnit.SECONDS);
            clients.shutdown();
            clients.awaitTermination(60, TimeUnit.SECONDS);
            for (CompletableFuture<?> future : List.copyOf(pending)) {
                try {
                    future.get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
            }
            int packageBytes = packageSize(source, exchanges);
            return new Result(measured, seconds, throughput, failures.get(), options.concurrency(), options.clients(),
                    rate, latencies.latency(),
                    new AtRate(started.get() == 0 ? 0
                                    : (latencyTo.cpuNanos() - latencyFrom.cpuNanos()) / 1e6 / started.get(),
                            perExchangeByThreads(latencyFrom.threads(), latencyTo.threads(), started.get()),
                            perExchange(latencyFrom.calls(), latencyTo.calls(), started.get()),
                            started.get() == 0 ? 0
                                    : (double) (latencyTo.blocks() - latencyFrom.blocks()) / started.get(),
                            pullsPerCall(latencyFrom.batches(), latencyTo.batches()), startLag.latency()),
                    options.courses(), packageBytes, Runtime.getRuntime().availableProcessors(),
                    measured == 0 ? 0 : cpuNanos / 1e6 / measured, measured == 0 ? 0 : (double) jitMillis / measured,
                    measured == 0 || compilerNanos < 0 ? -1 : compilerNanos / 1e6 / measured,
                    calibration[0], calibration[1], syncedWrite, meter.stop(), callsPerExchange,
                    measured == 0 ? 0 : (double) (to.blocks() - from.blocks()) / measured,
                    pullsPerCall(from.batches(), to.batches()), cpuByThreads,
                    Heap.between(heapFrom, heapTo, measured, seconds), throughputSteps.latencies(), steps.latencies(),
                    ledger.describe());
        } finally {
            ledger.close();
        }
    }

    /** Threads making the latency phase's pulls: more than a stall of a few hundred milliseconds keeps busy. */
    private static final int LATENCY_CLIENTS = 256;

    /** CPU time per exchange by group of threads between two snapshots, groups under 5 µs left out. */
    private static Map<String, Double> perExchangeByThreads(ThreadCpu from, ThreadCpu to, long exchanges) {
        Map<String, Double> byThreads = new LinkedHashMap<>();
        if (exchanges > 0) {
            to.nanosByGroupSince(from).forEach((group, nanos) -> {
                double millis = nanos / 1e6 / exchanges;
                if (millis >= 0.005) {
                    byThreads.put(group, millis);
                }
            });
        }
        return byThreads;
    }

    /** Batch calls and the pulls they carried so far, {@code {calls, pulls}}. */
    private static long[] batches(Optional<PullBatcher> batcher) {
        return batcher.map(b -> new long[] {b.calls(), b.pulls()}).orElse(new long[] {0, 0});
    }

    /** Pulls per batch call between two counts; 0 without calls. */
    private static double pullsPerCall(long[] from, long[] to) {
        long calls = to[0] - from[0];
        return calls <= 0 ? 0 : (double) (to[1] - from[1]) / calls;
    }

    /** What a phase's figures are differences of: the process's CPU, each thread's, ledger calls, blocks, batches. */
    private record Counters(long cpuNanos, ThreadCpu threads, Map<String, Long> calls, long blocks, long[] batches) {

        static Counters take(BenchLedger ledger, Optional<PullBatcher> batcher) {
            return new Counters(ResourceMeter.processCpuNanos(), ThreadCpu.snapshot(), ledger.callsServed(),
                    ledger.blocks(), ExchangeBench.batches(batcher));
        }
    }

    /** The ledger the two nodes write to. */
    private interface BenchLedger extends AutoCloseable {

        /** The {@code ledger:} section of {@code node}'s file. */
        String section(InstitutionId node);

        /** The calls the ledger served so far, by method (empty when it cannot tell). */
        Map<String, Long> callsServed();

        /** The blocks the ledger holds (0 when it cannot tell). */
        long blocks();

        /** What the report names the ledger. */
        String describe();

        @Override
        void close();
    }

    /** An embedded ledger in this process, served over mutual TLS as the nodes reach it. */
    private record EmbeddedBenchLedger(EmbeddedLedger chain, EmbeddedLedgerServer server, int port)
            implements BenchLedger {

        static EmbeddedBenchLedger start(Path dir, int port, InstitutionCredentials operator, Consortium consortium) {
            EmbeddedLedger chain = EmbeddedLedger.open(EmbeddedLedgerConfig.defaults(dir.resolve("ledger")),
                    consortium, operator, Clock.systemUTC());
            return new EmbeddedBenchLedger(chain, EmbeddedLedgerServer.serve(chain,
                    new InetSocketAddress("127.0.0.1", port), operator, consortium), port);
        }

        @Override
        public String section(InstitutionId node) {
            return "ledger:\n  endpoint: 127.0.0.1:" + port + "\n  operator: " + OPERATOR + "\n";
        }

        @Override
        public Map<String, Long> callsServed() {
            return server.callsServed();
        }

        @Override
        public long blocks() {
            return chain.head().map(head -> head.number() + 1).orElse(0L);
        }

        @Override
        public String describe() {
            return "embedded, in this process";
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** A channel of a running Fabric network: each node as its own member, through the Gateway peer the file names. */
    private record FabricBenchLedger(FabricTarget target) implements BenchLedger {

        @Override
        public String section(InstitutionId node) {
            return NodeConfig.FabricLedger.of(target.network().config(node, target.channel(),
                    FabricLedgerConfig.Timeouts.DEFAULT)).yaml();
        }

        @Override
        public Map<String, Long> callsServed() {
            return Map.of();
        }

        @Override
        public long blocks() {
            return 0;
        }

        @Override
        public String describe() {
            return "fabric, channel " + target.channel();
        }

        @Override
        public void close() {
        }
    }

    /** How many of each call the ledger served between two counts, per exchange. */
    private static Map<String, Double> perExchange(Map<String, Long> from, Map<String, Long> to, long exchanges) {
        Map<String, Double> perExchange = new LinkedHashMap<>();
        for (Map.Entry<String, Long> calls : to.entrySet()) {
            long during = calls.getValue() - from.getOrDefault(calls.getKey(), 0L);
            if (during > 0 && exchanges > 0) {
                perExchange.put(calls.getKey(), (double) during / exchanges);
            }
        }
        return perExchange;
    }

    /** The students at the source (and, for the grants, at the recipient) and one grant each, attested by the source. */
    private static List<GrantId> setUp(Options options, NodeApp source, NodeApp recipient) {
        List<StudentRecord> records = new ArrayList<>();
        for (int n = 0; n < options.students(); n++) {
            records.add(student(n, options.courses()));
        }
        List<StudentId> ids = source.store().writeStudents(records);
        ConsentService consent = source.exchange().orElseThrow().consent();
        Instant expires = Instant.now().plus(Duration.ofDays(1));
        List<GrantId> grants = new ArrayList<>();
        for (StudentId id : ids) {
            grants.add(consent.grant(new ConsentRequest(id, GrantorRole.STUDENT, RECIPIENT, Sources.named(SOURCE),
                    EnumSet.of(Scope.TRANSCRIPT, Scope.GPA, Scope.AG_STATUS), Purpose.ADMISSION, expires,
                    Sha256.hash(("consent " + id).getBytes(StandardCharsets.UTF_8)))).grant().id());
        }
        ExchangeModule receiving = recipient.exchange().orElseThrow();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        for (GrantId grant : grants) {
            while (receiving.store().opening(grant).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the recipient was never told the opening of grant " + grant);
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        return grants;
    }

    /** The size of the newest package the source signed. */
    private static int packageSize(NodeApp source, Exchanges recipient) {
        ExchangeModule sending = source.exchange().orElseThrow();
        return sending.exchanges().recent(1).stream().findFirst()
                .flatMap(view -> sending.store().outboundPackage(view.id()))
                .map(pkg -> pkg.getSerializedSize())
                .orElse(0);
    }

    private static StudentRecord student(int n, int courses) {
        String ssid = String.format(Locale.ROOT, "%010d", 2_000_000_000L + n);
        List<CourseRecord> list = new ArrayList<>(courses);
        for (int i = 0; i < courses; i++) {
            int year = 2022 + i / 10;
            list.add(CourseRecord.newBuilder()
                    .setRecordId("B" + n + "|C" + i)
                    .setInstitutionId(SOURCE.value())
                    .setSchoolCode("19647331932334")
                    .setLocalCourseId("EN" + (1000 + i))
                    .setStateCourseCode(String.valueOf(2100 + i % 50))
                    .setTitle("English Language Arts " + (1 + i % 4))
                    .setTerm(Term.newBuilder().setAcademicYear(year).setType(i % 2 == 0 ? TermType.FALL : TermType.SPRING)
                            .setCode(year + (i % 2 == 0 ? "F" : "S")))
                    .setCompletionDate(year + (i % 2 == 0 ? "-12-18" : "-06-05"))
                    .setGradeLevel(9 + Math.min(3, i / 10))
                    .setCreditsAttempted(500)
                    .setCreditsEarned(500)
                    .setLetterGrade(i % 3 == 0 ? "A" : "B+")
                    .setAgArea(AgArea.AG_B_ENGLISH)
                    .setCategory(CourseCategory.ACADEMIC)
                    .setSegment(1 + i % 2)
                    .build());
        }
        return StudentRecord.newBuilder()
                .setStudent(Student.newBuilder()
                        .setSsid(ssid)
                        .addLocalIds(LocalId.newBuilder().setIssuer(SOURCE.value()).setValue("B" + n))
                        .setLegalName(PersonName.newBuilder().setFirst("Student" + n).setLast("Benchmark"))
                        .setBirthDate(String.format(Locale.ROOT, "2008-%02d-%02d", 1 + n % 12, 1 + n % 28))
                        .setInstitutionId(SOURCE.value())
                        .setGradeLevel(12))
                .addEnrollments(Enrollment.newBuilder().setInstitutionId(SOURCE.value())
                        .setSchoolCode("19647331932334").setGradeLevel(12).setEntryDate("2022-08-15").setAcademicYear(2025))
                .addAllCourses(list)
                .build();
    }

    private static Path nodeConfig(Path dir, InstitutionId id, InstitutionKind kind, int port, String ledger,
            Path consortiumFile, Path caFile) throws IOException {
        Path nodeDir = Files.createDirectories(dir.resolve("nodes").resolve(id.value()));
        Path file = nodeDir.resolve("node.yaml");
        Files.writeString(file, """
                institution:
                  id: "%s"
                  kind: %s
                  name: Bench %s
                dataDir: data
                peer:
                  host: 127.0.0.1
                  port: %d
                admin:
                  port: 0
                pki:
                  dir: %s
                consortium:
                  file: %s
                  caCertificate: %s
                store:
                  dataKeyFile: data/data.key
                exchange:
                  pullOnGrant: false
                """.formatted(id, kind, id, port, dir.resolve("pki").resolve(id.value()), consortiumFile, caFile)
                + ledger);
        return file;
    }

    private static InstitutionCredentials issue(ConsortiumCa ca, Path dir, InstitutionId id, InstitutionKind kind,
            int port, List<Member> members) throws IOException {
        PeerEndpoint endpoint = new PeerEndpoint("127.0.0.1", port);
        InstitutionCredentials credentials = ca.issue(id, endpoint,
                Validity.startingAt(Instant.now().minus(Duration.ofMinutes(1)), Duration.ofDays(1)));
        credentials.write(dir.resolve("pki").resolve(id.value()));
        members.add(Member.of(credentials, kind, "Bench " + id, endpoint, Optional.empty()));
        return credentials;
    }

    /** Time the JIT compilers have spent so far (0 if the JVM does not say). */
    private static long compilationMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** Microseconds per Ed25519 signature and verification of a 6 kB message, best of three rounds. */
    private static double[] calibrateEd25519() {
        org.baton.trust.SigningKey key = org.baton.trust.SigningKey.generate(new SecureRandom());
        byte[] message = new byte[6_000];
        byte[] signature = key.sign(message);
        double sign = Double.MAX_VALUE;
        double verify = Double.MAX_VALUE;
        int n = 2_000;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                signature = key.sign(message);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                if (!key.publicKey().verify(message, signature)) {
                    throw new IllegalStateException("Ed25519 calibration: a fresh signature does not verify");
                }
            }
            long t2 = System.nanoTime();
            sign = Math.min(sign, (t1 - t0) / 1e3 / n);
            verify = Math.min(verify, (t2 - t1) / 1e3 / n);
        }
        return new double[] {sign, verify};
    }

    /**
     * How long one synced write took, microseconds.
     *
     * @param p50Micros the median
     * @param p99Micros the 99th percentile
     */
    public record SyncedWrites(double p50Micros, double p99Micros) {
    }

    /** Synced writes timed by {@link #calibrateSyncedWrites}. */
    private static final int SYNCED_WRITES = 2_000;

    /**
     * Times 4 KiB writes each followed by {@code fdatasync}, in place in a preallocated file of {@code dir}, as the
     * stores write their reused log files. Every exchange waits for five such syncs one after the other (the
     * recipient's two, the source's, the ledger's two blocks), shared with whatever else is in their group, so the
     * disk's answer to a sync bounds the latency as the processor bounds the throughput. On a virtual machine a sync
     * also asks the host to flush its cache; the figure tells such machines apart.
     */
    private static SyncedWrites calibrateSyncedWrites(Path dir) throws IOException {
        Path file = dir.resolve("synced-write-calibration");
        int pages = 256;
        ByteBuffer page = ByteBuffer.allocateDirect(4096);
        long[] nanos = new long[SYNCED_WRITES];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int i = 0; i < pages; i++) {
                channel.write(page.clear(), (long) i * page.capacity());
            }
            channel.force(true);
            for (int i = 0; i < nanos.length; i++) {
                long t0 = System.nanoTime();
                channel.write(page.clear(), (long) (i % pages) * page.capacity());
                channel.force(false);
                nanos[i] = System.nanoTime() - t0;
            }
        } finally {
            Files.deleteIfExists(file);
        }
        Arrays.sort(nanos);
        return new SyncedWrites(nanos[nanos.length / 2] / 1e3, nanos[nanos.length * 99 / 100] / 1e3);
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is not worth failing the benchmark for.
        }
    }

    /** Runs the benchmark with the defaults, or {@code concurrency [seconds [students]]}, and prints both forms. */
    public static void main(String[] args) throws InterruptedException {
        Options defaults = Options.defaults();
        Options options = new Options(
                args.length > 2 ? Integer.parseInt(args[2]) : defaults.students(),
                defaults.courses(),
                args.length > 0 ? Integer.parseInt(args[0]) : defaults.concurrency(),
                defaults.warmup(),
                args.length > 1 ? Duration.ofSeconds(Long.parseLong(args[1])) : defaults.duration());
        Result result = run(options);
        System.out.print(result.toText());
        System.exit(0);
    }
}
