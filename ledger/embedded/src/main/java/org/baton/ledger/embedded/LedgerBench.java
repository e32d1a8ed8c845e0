package org.baton.ledger.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.baton.bench.BenchReport;
import org.baton.bench.Latency;
import org.baton.bench.Machine;
import org.baton.bench.Measurement;
import org.baton.bench.ResourceMeter;
import org.baton.bench.Resources;
import org.baton.bench.ThreadCpu;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantorRole;
import org.baton.ledger.Purpose;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.ledger.Sources;
import org.baton.ledger.CommitmentSalt;
import org.baton.ledger.SubjectCommitment;
import org.baton.trust.Consortium;
import org.baton.trust.ConsortiumCa;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.InstitutionId;
import org.baton.trust.InstitutionKind;
import org.baton.trust.Member;
import org.baton.trust.PeerEndpoint;
import org.baton.trust.Validity;

/**
 * Measures the embedded ledger's commit throughput and latency over the real path: concurrent submitters, each
 * a district signing {@code RecordReceipt} transactions with its Ed25519 key and submitting them through
 * {@link RemoteLedger} (gRPC, mutual TLS) to an {@link EmbeddedLedgerServer} on 127.0.0.1, which verifies every
 * signature, applies the rules and writes one fsynced block per group. The ledger, the submitters and the
 * consortium (a fresh CA) all live in this process, in a temporary directory removed afterwards.
 *
 * <p>Because the submitters share the process (and the processors) with the ledger, the CPU per receipt is
 * reported whole and split three ways by thread (from {@code /proc/self/task}): the ledger server's own threads,
 * the JVM's (JIT compilers and collector, which both sides share), and the submitters' with their gRPC clients.
 * The issue's figure is the ledger's; {@link Result#ledgerCpuBoundReceiptsPerSecond()} charges the ledger all of
 * the JVM's CPU as well, so that nothing is hidden.
 *
 * <p>Called by {@code baton bench ledger}; {@link #main} runs it alone.
 */
public final class LedgerBench {

    private static final InstitutionId OPERATOR = InstitutionId.of("CDE");
    private static final InstitutionId RECIPIENT = InstitutionId.of("110662");

    private LedgerBench() {
    }

    /**
     * What to run.
     *
     * @param submitters concurrent submitting threads (1 to 4096), spread over {@code districts}
     * @param districts sending institutions, each with its own TLS connection and grant (1 to 100)
     * @param warmup time before measuring
     * @param duration time measured
     * @param maxBlockTransactions block size limit
     * @param maxBlockDelay block delay limit
     * @param batching how each district's client gathers concurrent submits into {@code SubmitTransactions} calls
     *     ({@link SubmitBatching#NONE}: one {@code SubmitTransaction} call per receipt)
     */
    public record Options(int submitters, int districts, Duration warmup, Duration duration, int maxBlockTransactions,
            Duration maxBlockDelay, SubmitBatching batching) {

        public Options {
            Objects.requireNonNull(batching, "batching");
            if (submitters < 1 || submitters > 4096) {
                throw new IllegalArgumentException("submitters " + submitters + " is outside 1..4096");
            }
            if (districts < 1 || districts > 100) {
                throw new IllegalArgumentException("districts " + districts + " is outside 1..100");
            }
            Objects.requireNonNull(warmup, "warmup");
            Objects.requireNonNull(duration, "duration");
            if (warmup.isNegative() || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("warmup must not be negative and duration must be positive");
            }
            new EmbeddedLedgerConfig(Path.of("."), maxBlockTransactions, maxBlockDelay,
                    Math.max(EmbeddedLedgerConfig.DEFAULT_MAX_PENDING_TRANSACTIONS, maxBlockTransactions));
        }

        /**
         * @param batched true: {@link SubmitBatching#DEFAULT}; false: {@link SubmitBatching#NONE}
         */
        public Options(int submitters, int districts, Duration warmup, Duration duration, int maxBlockTransactions,
                Duration maxBlockDelay, boolean batched) {
            this(submitters, districts, warmup, duration, maxBlockTransactions, maxBlockDelay,
                    batched ? SubmitBatching.DEFAULT : SubmitBatching.NONE);
        }

        /** Batched submits ({@link SubmitBatching#DEFAULT}). */
        public Options(int submitters, int districts, Duration warmup, Duration duration, int maxBlockTransactions,
                Duration maxBlockDelay) {
            this(submitters, districts, warmup, duration, maxBlockTransactions, maxBlockDelay, true);
        }

        public static Options defaults() {
            return new Options(64, 8, Duration.ofSeconds(15), Duration.ofSeconds(20),
                    EmbeddedLedgerConfig.DEFAULT_MAX_BLOCK_TRANSACTIONS, EmbeddedLedgerConfig.DEFAULT_MAX_BLOCK_DELAY, true);
        }
    }

    /**
     * What was measured (over the measured window only).
     *
     * @param receipts receipts committed
     * @param seconds length of the window
     * @param receiptsPerSecond committed receipts per second
     * @param p50Millis median commit latency (submit to acknowledgment), milliseconds
     * @param p95Millis 95th percentile commit latency, milliseconds
     * @param p99Millis 99th percentile commit latency, milliseconds
     * @param maxMillis slowest commit, milliseconds
     * @param blocks blocks written in the window (one fsync each)
     * @param batches submit calls the ledger received in the window (one batch signature verified each)
     * @param failures submissions that failed
     * @param submitters concurrent submitters
     * @param processors processors available to this JVM
     * @param cpuMillisPerReceipt CPU time this process (ledger and submitters together) spent per committed receipt
     * @param loadAverage the machine's one-minute load average at the end (other processes compete for the CPU)
     * @param cpuMicrosPerVerify CPU time of one Ed25519 verification on this machine, measured just before the
     *     run: the unit in which {@link #verifiesPerReceipt()} expresses the cost of a receipt
     * @param threadCpuMillisPerReceipt CPU time of the Java threads only (ledger, gRPC, submitters) per committed
     *     receipt: without the JIT compiler and the garbage collector, so close to the steady state of a
     *     long-running ledger even when the measured window is short
     * @param resources CPU, peak heap and resident set of this process over the measured window
     * @param jitCompileMillis time the JIT compiler threads spent compiling during the measured window: part of
     *     {@link #cpuMillisPerReceipt()} that a long-running ledger no longer pays; if it is large, warm up longer
     * @param ledgerCpuMillisPerReceipt CPU time of the ledger server's threads alone per committed receipt: its
     *     sequencer, rpc handlers, signature verifiers, network event loops and RocksDB's background threads (what
     *     a ledger running as a process of its own would spend, less its share of the JIT and the collector)
     * @param jvmCpuMillisPerReceipt CPU time of the JVM's own threads (JIT compilers, garbage collector) per
     *     committed receipt, which ledger and submitters share
     * @param submitterCpuMillisPerReceipt CPU time of every other thread per committed receipt: the bench's
     *     submitters and their gRPC clients, which a real deployment runs on other machines
     * @param sequencerQueueMillis mean time a committed transaction waited, once authenticated, for the
     *     sequencer to judge it
     * @param openBlockMillis mean time from being judged until its block was cut (the block before it is being
     *     written meanwhile)
     * @param cutToDurableMillis mean time from the cut until its block was durable
     * @param blockWriteMillis mean time of one block's write (one fsync)
     */
    public record Result(long receipts, double seconds, double receiptsPerSecond, double p50Millis, double p95Millis,
            double p99Millis, double maxMillis, long blocks, long batches, long failures, int submitters, int processors,
            double cpuMillisPerReceipt, double loadAverage, double cpuMicrosPerVerify, double threadCpuMillisPerReceipt,
            Resources resources, long jitCompileMillis, double ledgerCpuMillisPerReceipt,
            double jvmCpuMillisPerReceipt, double submitterCpuMillisPerReceipt, double sequencerQueueMillis,
            double openBlockMillis, double cutToDurableMillis, double blockWriteMillis) {

        /** The CPU cost of one committed receipt (Java threads of ledger and submitters) in Ed25519 verifications. */
        public double verifiesPerReceipt() {
            return cpuMicrosPerVerify <= 0 ? 0 : threadCpuMillisPerReceipt * 1000 / cpuMicrosPerVerify;
        }

        /** Receipts per second if this process had every processor to itself: processors / CPU per receipt. */
        public double cpuBoundReceiptsPerSecond() {
            return cpuMillisPerReceipt <= 0 ? 0 : processors * 1000.0 / cpuMillisPerReceipt;
        }

        /**
         * Receipts per second if the ledger server had every processor to itself, charged with all of the JVM's
         * own CPU (JIT and collector) as well as its own threads' — but not the submitters': processors / (ledger
         * + JVM CPU per receipt).
         */
        public double ledgerCpuBoundReceiptsPerSecond() {
            double perReceipt = ledgerCpuMillisPerReceipt + jvmCpuMillisPerReceipt;
            return perReceipt <= 0 ? 0 : processors * 1000.0 / perReceipt;
        }

        /** The figures in the harness's report (one layout and JSON schema for every benchmark). */
        public BenchReport report() {
            Measurement commits = Measurement.of("commits", "receipts", receipts, seconds)
                    .withLatency(new Latency(receipts, p50Millis, p95Millis, p99Millis, maxMillis))
                    .with("blocks", blocks)
                    .with("receiptsPerBlock", blocks == 0 ? 0.0 : (double) receipts / blocks)
                    .with("receiptsPerCall", batches == 0 ? 0.0 : (double) receipts / batches)
                    .with("failures", failures)
                    .with("cpuMillisPerReceipt", cpuMillisPerReceipt)
                    .with("cpuBoundReceiptsPerSecond", cpuBoundReceiptsPerSecond())
                    .with("threadCpuMillisPerReceipt", threadCpuMillisPerReceipt)
                    .with("cpuMicrosPerVerify", cpuMicrosPerVerify)
                    .with("verifiesPerReceipt", verifiesPerReceipt())
                    .with("jitCompileMillisInWindow", jitCompileMillis)
                    .with("ledgerCpuMillisPerReceipt", ledgerCpuMillisPerReceipt)
                    .with("jvmCpuMillisPerReceipt", jvmCpuMillisPerReceipt)
                    .with("submitterCpuMillisPerReceipt", submitterCpuMillisPerReceipt)
                    .with("ledgerCpuBoundReceiptsPerSecond", ledgerCpuBoundReceiptsPerSecond())
                    .with("sequencerQueueMillis", sequencerQueueMillis)
                    .with("openBlockMillis", openBlockMillis)
                    .with("cutToDurableMillis", cutToDurableMillis)
                    .with("blockWriteMillis", blockWriteMillis);
            return new BenchReport("ledger", "embedded ledger, gRPC + mutual TLS on 127.0.0.1, Ed25519 verified,"
                    + " fsync per block; commit latency is submit to acknowledgment",
                    Map.of("submitters", Integer.toString(submitters)), List.of(commits), resources,
                    Machine.current());
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

    /** Runs the benchmark. */
    public static Result run(Options options) throws InterruptedException {
        Objects.requireNonNull(options, "options");
        Path dir;
        try {
            dir = Files.createTempDirectory("baton-ledger-bench");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
        try {
            return run(options, dir);
        } finally {
            deleteRecursively(dir);
        }
    }

    private static Result run(Options options, Path dir) throws InterruptedException {
        SecureRandom random = new SecureRandom();
        Instant now = Instant.now();
        ConsortiumCa ca = ConsortiumCa.create("Ledger Bench CA", Validity.startingAt(now, Duration.ofDays(1)), random);
        List<Member> members = new ArrayList<>();
        List<InstitutionCredentials> districts = new ArrayList<>();
        int port = 20000;
        InstitutionCredentials operator = issue(ca, OPERATOR, InstitutionKind.CDE, port++, members);
        issue(ca, RECIPIENT, InstitutionKind.UC, port++, members);
        for (int i = 0; i < options.districts(); i++) {
            InstitutionId id = InstitutionId.of(String.format(Locale.ROOT, "%02d%05d0000000", 10 + i, 10000 + i));
            districts.add(issue(ca, id, InstitutionKind.K12_DISTRICT, port++, members));
        }
        Consortium consortium = Consortium.of("Ledger Bench", 1, now, members);
        double cpuMicrosPerVerify = calibrateVerify(districts.get(0));
        Member operatorMember = consortium.member(OPERATOR).orElseThrow();

        EmbeddedLedgerConfig config = new EmbeddedLedgerConfig(dir.resolve("ledger"), options.maxBlockTransactions(),
                options.maxBlockDelay(), Math.max(EmbeddedLedgerConfig.DEFAULT_MAX_PENDING_TRANSACTIONS,
                        options.maxBlockTransactions()));
        EmbeddedLedger ledger = EmbeddedLedger.open(config, consortium, operator, Clock.systemUTC());
        List<RemoteLedger> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.submitters());
        try (EmbeddedLedgerServer server = EmbeddedLedgerServer.serve(ledger, new InetSocketAddress("127.0.0.1", 0),
                operator, consortium)) {
            PeerEndpoint endpoint = new PeerEndpoint("127.0.0.1", server.port());
            List<ConsentGrant> grants = new ArrayList<>();
            for (InstitutionCredentials district : districts) {
                RemoteLedger client = RemoteLedger.connect(endpoint, operatorMember, district, Duration.ofSeconds(30),
                        options.batching());
                clients.add(client);
                ConsentGrant grant = grant(district.institutionId(), now);
                client.writer().createGrant(grant);
                grants.add(grant);
            }
            long start = System.nanoTime();
            long measureFrom = start + options.warmup().toNanos();
            long measureUntil = measureFrom + options.duration().toNanos();
            List<Future<long[]>> futures = new ArrayList<>();
            long[] blocksAt = new long[2];
            long[] batchesAt = new long[2];
            for (int t = 0; t < options.submitters(); t++) {
                RemoteLedger client = clients.get(t % clients.size());
                ConsentGrant grant = grants.get(t % grants.size());
                futures.add(pool.submit(() -> submitLoop(client, grant, measureFrom, measureUntil)));
            }
            sleepUntil(measureFrom);
            blocksAt[0] = ledger.head().map(ChainHead::number).orElse(0L);
            batchesAt[0] = ((ChainLedger) ledger).batchesSubmitted();
            Sequencer.PipelineTimes timesFrom = ((ChainLedger) ledger).pipelineTimes();
            ResourceMeter meter = ResourceMeter.start();
            long cpuFrom = ResourceMeter.processCpuNanos();
            long threadCpuFrom = threadCpuNanos();
            long compileFrom = compileMillis();
            ThreadCpu threadsFrom = ThreadCpu.snapshot();
            sleepUntil(measureUntil);
            LedgerThreads.Split split = LedgerThreads.split(threadsFrom, ThreadCpu.snapshot());
            long compile = compileMillis() - compileFrom;
            long cpuNanos = ResourceMeter.processCpuNanos() - cpuFrom;
            Resources resources = meter.stop();
            long threadCpu = threadCpuNanos() - threadCpuFrom;
            blocksAt[1] = ledger.head().map(ChainHead::number).orElse(0L);
            batchesAt[1] = ((ChainLedger) ledger).batchesSubmitted();
            Sequencer.PipelineTimes times = ((ChainLedger) ledger).pipelineTimes().minus(timesFrom);
            List<long[]> perThread = new ArrayList<>();
            for (Future<long[]> future : futures) {
                try {
                    perThread.add(future.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a submitter failed: " + e.getCause(), e.getCause());
                }
            }
            return summarize(perThread, options, blocksAt[1] - blocksAt[0], batchesAt[1] - batchesAt[0], cpuNanos,
                    threadCpu, cpuMicrosPerVerify, resources, compile, split, times);
        } finally {
            pool.shutdownNow();
            clients.forEach(RemoteLedger::close);
        }
    }

    /**
     * Submits receipts until {@code until}; returns the latencies (nanoseconds) of those that started inside the
     * measured window, followed by the count of failures as the last element.
     */
    private static long[] submitLoop(RemoteLedger client, ConsentGrant grant, long from, long until) {
        long[] latencies = new long[1024];
        int count = 0;
        long failures = 0;
        // Bench-only ids and package hashes: a per-thread generator seeded from SecureRandom is cheaper than
        // ReceiptId.random() and a hash per receipt. (Transaction nonces still come from the production path.)
        SplittableRandom ids = new SplittableRandom(new SecureRandom().nextLong());
        HexFormat hex = HexFormat.of();
        byte[] packageDigest = new byte[32];
        while (true) {
            long begin = System.nanoTime();
            if (begin >= until) {
                break;
            }
            ids.nextBytes(packageDigest);
            ExchangeReceipt receipt = ExchangeReceipt.underGrant(
                    ReceiptId.of(hex.toHexDigits(ids.nextLong()) + hex.toHexDigits(ids.nextLong())), grant.id(),
                    client.institution(), RECIPIENT, EnumSet.of(Scope.TRANSCRIPT, Scope.GPA),
                    Sha256.ofDigest(packageDigest), Instant.now());
            try {
                client.writer().recordReceipt(receipt);
            } catch (RuntimeException e) {
                if (begin >= from) {
                    failures++;
                }
                continue;
            }
            long end = System.nanoTime();
            if (begin >= from && end <= until) {
                if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                }
                latencies[count++] = end - begin;
            }
        }
        long[] out = Arrays.copyOf(latencies, count + 1);
        out[count] = failures;
        return out;
    }

    private static Result summarize(List<long[]> perThread, Options options, long blocks, long batches, long cpuNanos,
            long threadCpuNanos, double cpuMicrosPerVerify, Resources resources, long jitCompileMillis,
            LedgerThreads.Split split, Sequencer.PipelineTimes times) {
        int total = 0;
        long failures = 0;
        for (long[] values : perThread) {
            total += values.length - 1;
            failures += values[values.length - 1];
        }
        long[] all = new long[total];
        int at = 0;
        for (long[] values : perThread) {
            System.arraycopy(values, 0, all, at, values.length - 1);
            at += values.length - 1;
        }
        Latency latency = Latency.ofNanos(all);
        double seconds = options.duration().toNanos() / 1e9;
        return new Result(total, seconds, total / seconds, latency.p50Millis(), latency.p95Millis(),
                latency.p99Millis(), latency.maxMillis(), blocks, batches, failures, options.submitters(),
                Runtime.getRuntime().availableProcessors(), total == 0 ? 0 : cpuNanos / 1e6 / total,
                ResourceMeter.loadAverage(), cpuMicrosPerVerify, total == 0 ? 0 : threadCpuNanos / 1e6 / total,
                resources, jitCompileMillis, perReceipt(split.ledger(), total), perReceipt(split.jvm(), total),
                perReceipt(split.other(), total), perReceipt(times.queuedNanos(), times.transactions()),
                perReceipt(times.openNanos(), times.transactions()), perReceipt(times.writeNanos(), times.transactions()),
                perReceipt(times.appendNanos(), times.blocks()));
    }

    private static double perReceipt(long nanos, long receipts) {
        return receipts == 0 ? 0 : nanos / 1e6 / receipts;
    }

    /** Total time of the JIT compiler so far, milliseconds (0 if the JVM does not say). */
    private static long compileMillis() {
        java.lang.management.CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        return compiler != null && compiler.isCompilationTimeMonitoringSupported()
                ? compiler.getTotalCompilationTime() : 0;
    }

    private static long threadCpuNanos() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu > 0) {
                sum += cpu;
            }
        }
        return sum;
    }

    /** CPU microseconds of one Ed25519 verification of a transaction-sized message, on this thread. */
    private static double calibrateVerify(InstitutionCredentials signer) {
        byte[] message = new byte[700];
        byte[] signature = signer.signingKey().sign(message);
        var key = signer.signingKey().publicKey();
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 300; i++) {
            key.verify(message, signature);
        }
        long cpuFrom = threads.getCurrentThreadCpuTime();
        long wallUntil = System.nanoTime() + 1_000_000_000L;
        int count = 0;
        while (System.nanoTime() < wallUntil) {
            key.verify(message, signature);
            count++;
        }
        return (threads.getCurrentThreadCpuTime() - cpuFrom) / 1000.0 / count;
    }

    private static InstitutionCredentials issue(ConsortiumCa ca, InstitutionId id, InstitutionKind kind, int port,
            List<Member> members) {
        PeerEndpoint endpoint = new PeerEndpoint("127.0.0.1", port);
        InstitutionCredentials credentials = ca.issue(id, endpoint,
                Validity.startingAt(Instant.now().minus(Duration.ofMinutes(1)), Duration.ofDays(1)));
        members.add(Member.of(credentials, kind, "Bench " + id, endpoint, Optional.empty()));
        return credentials;
    }

    private static ConsentGrant grant(InstitutionId district, Instant now) {
        return new ConsentGrant(GrantId.random(), SubjectCommitment.of(CommitmentSalt.random(), "1234567890"),
                GrantorRole.STUDENT, district, RECIPIENT, Sources.named(district),
                EnumSet.of(Scope.TRANSCRIPT, Scope.GPA, Scope.AG_STATUS), Purpose.ADMISSION, now,
                now.plus(Duration.ofDays(30)), Sha256.hash("consent".getBytes(StandardCharsets.UTF_8)));
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long remaining;
        while ((remaining = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, remaining / 1_000_000));
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is not worth failing the benchmark for.
        }
    }

    /**
     * Runs the benchmark with the defaults, or {@code submitters [seconds [districts [batched|unary]]]}, and
     * prints the text summary.
     */
    public static void main(String[] args) throws InterruptedException {
        Options defaults = Options.defaults();
        Options options = new Options(
                args.length > 0 ? Integer.parseInt(args[0]) : defaults.submitters(),
                args.length > 2 ? Integer.parseInt(args[2]) : defaults.districts(),
                defaults.warmup(),
                args.length > 1 ? Duration.ofSeconds(Long.parseLong(args[1])) : defaults.duration(),
                defaults.maxBlockTransactions(),
                defaults.maxBlockDelay(),
                args.length <= 3 || !args[3].equals("unary"));
        Result result = run(options);
        System.out.print(result.toText());
    }
}
