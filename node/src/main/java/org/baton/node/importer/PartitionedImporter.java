package org.baton.node.importer;

import com.google.protobuf.Timestamp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.baton.node.store.InvalidStudentRecordException;
import org.baton.node.store.PreparedStudent;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoredStudent;
import org.baton.node.store.StudentIdentityConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two-phase import described in the package documentation. The load phase runs merging threads (one per core)
 * that merge students and prepare them for the store, and a writer thread that commits the batches, so merging,
 * encryption and RocksDB writes overlap.
 */
final class PartitionedImporter implements Importer {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionedImporter.class);
    private static final String LOCK_FILE = ".baton-import.lock";
    private static final String SPILL_DIR = "baton-import-spill";
    private static final int PROGRESS_EVERY = 1024;

    private final RecordStore store;
    private final ImportListener listener;
    /** Held while calling the listener from the load phase's threads, so it is called one call at a time. */
    private final Object listenerLock = new Object();
    private final java.util.function.Function<ImportFormat, FormatReader> readers;

    PartitionedImporter(RecordStore store, ImportListener listener) {
        this(store, listener, PartitionedImporter::readerFor);
    }

    /** An importer with other format readers (tests use readers with small parallel thresholds). */
    PartitionedImporter(RecordStore store, ImportListener listener,
            java.util.function.Function<ImportFormat, FormatReader> readers) {
        this.store = store;
        this.listener = listener;
        this.readers = readers;
    }

    @Override
    public ImportSummary run(ImportRequest request) {
        Instant started = Instant.now();
        Path input = request.input();
        if (!Files.exists(input)) {
            throw new ImportFailedException(input, "the input does not exist");
        }
        try {
            Files.createDirectories(request.workDir());
        } catch (IOException e) {
            throw new ImportFailedException(input, "cannot create the work directory " + request.workDir(), e);
        }
        Path lockPath = request.workDir().resolve(LOCK_FILE);
        try (FileChannel lockChannel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(lockChannel, input, request.workDir());
            try {
                return runLocked(request, started);
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw new ImportFailedException(input, "cannot lock the work directory " + request.workDir(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel, Path input, Path workDir) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new ImportFailedException(input, "another import is running with the work directory " + workDir);
        }
        return lock;
    }

    private ImportSummary runLocked(ImportRequest request, Instant started) {
        Path input = request.input();
        Path spillDir = request.workDir().resolve(SPILL_DIR);
        // A spill left by a killed run is stale: its rows are read again from the input.
        Spill.deleteTree(spillDir);
        long inputBytes = inputBytes(input);
        List<String> header = List.of(
                "Baton import report",
                "format " + request.format().cliName() + ", input " + input.toAbsolutePath(),
                "institution " + request.institution() + ", started " + started,
                "each line: file:line: field: reason");
        LOG.info("import started: format={} bytes={}", request.format().cliName(), inputBytes);
        int lanes = readingLanes();
        long cpuAtStart = processCpu();
        try (Spill spill = new Spill(spillDir, Spill.partitionsFor(inputBytes), lanes);
             RejectionReport report = new RejectionReport(request.report(), header)) {
            ReadContext ctx = new ReadContext(request, spill, lanes, report, listener);
            listener.phaseStarted(ImportPhase.READ, inputBytes);
            readers.apply(request.format()).read(input, ctx);
            spill.finishWriting();
            Duration readElapsed = Duration.between(started, Instant.now());
            listener.phaseFinished(ImportPhase.READ);
            long readCpu = processCpu() - cpuAtStart;
            LOG.info("import read phase done: rows={} ms={} partitions={} process cpu ms={}", ctx.rowsRead(),
                    readElapsed.toMillis(), spill.partitions(), readCpu / 1_000_000);

            LoadCounts counts = load(request, ctx, spill, report, started);

            Duration elapsed = Duration.between(started, Instant.now());
            long rejected = ctx.rowsRejected() + counts.rejected;
            ImportSummary summary = new ImportSummary(ctx.rowsRead(), counts.loaded + ctx.rowsUsed(), rejected,
                    ctx.rowsSkipped(),
                    ctx.courseRows(), counts.written, counts.unchanged, elapsed, readElapsed, request.report(),
                    List.of());
            report.finish(List.of(
                    "rows read " + summary.rowsRead() + ", loaded " + summary.rowsLoaded() + ", rejected "
                            + summary.rowsRejected() + ", skipped " + summary.rowsSkipped(),
                    "students written " + summary.studentsWritten() + ", unchanged " + summary.studentsUnchanged(),
                    String.format(java.util.Locale.ROOT, "%.1f s, %.0f rows/s", summary.seconds(),
                            summary.rowsPerSecond())));
            summary = new ImportSummary(summary.rowsRead(), summary.rowsLoaded(), summary.rowsRejected(),
                    summary.rowsSkipped(), summary.courseRowsRead(), summary.studentsWritten(),
                    summary.studentsUnchanged(), summary.elapsed(), summary.readElapsed(), summary.report(),
                    report.kept());
            LOG.info("import finished: rows={} loaded={} rejected={} skipped={} written={} unchanged={} ms={}",
                    summary.rowsRead(), summary.rowsLoaded(), summary.rowsRejected(), summary.rowsSkipped(),
                    summary.studentsWritten(), summary.studentsUnchanged(), elapsed.toMillis());
            return summary;
        } catch (IOException | UncheckedIOException e) {
            throw new ImportFailedException(input, e.getMessage(), e);
        } catch (MalformedCsvException e) {
            throw new ImportFailedException(input, "unreadable CSV at line " + e.line() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Counts of the load phase. Each merging thread counts into its own {@code LoadCounts}, added up when they end;
     * the {@code store*} counters are the writer thread's.
     */
    private static final class LoadCounts {
        long loaded;
        long rejected;
        long written;
        long unchanged;
        long cpuNanos;
        long waitNanos;
        final AtomicLong storeRejectedRows = new AtomicLong();
        final AtomicLong storeRejectedStudents = new AtomicLong();
        /** Time the writer spent in the store (for the log). */
        final AtomicLong storeNanos = new AtomicLong();
        final AtomicLong writerCpuNanos = new AtomicLong();

        void add(LoadCounts c) {
            loaded += c.loaded;
            rejected += c.rejected;
            written += c.written;
            unchanged += c.unchanged;
            cpuNanos += c.cpuNanos;
            waitNanos += c.waitNanos;
        }
    }

    /** A prepared student waiting to be written, with where its rows came from (for a rejection by the store). */
    private record Pending(PreparedStudent student, int rows, int fileIndex, long line) {
    }

    private static final List<Pending> END = List.of();

    /**
     * The load phase. Merging threads take partitions in turn; each merges its students onto the stored records and
     * prepares them for the store (serialized, hashed, encrypted), in batches that a single writer thread commits.
     * The writer does only what must be serial: matching students to stored ones and the atomic write.
     */
    private LoadCounts load(ImportRequest request, ReadContext ctx, Spill spill, RejectionReport report,
            Instant started) throws IOException {
        LoadCounts counts = new LoadCounts();
        Timestamp updated = Timestamp.newBuilder()
                .setSeconds(started.getEpochSecond()).setNanos(started.getNano()).build();
        RecordMerger merger = new RecordMerger(request.institution().value());
        List<SourceFile> files = ctx.files();
        int mergers = mergingThreads(spill.partitions());
        // Into an empty store (a district's first import), no student can be found: skip the per-student lookup.
        // Students of this import written meanwhile are matched by the writer, as they always were.
        boolean emptyStore = store.studentCount() == 0;
        // Room for one batch per merging thread: more would only hold memory while the writer is the bottleneck.
        BlockingQueue<List<Pending>> queue = new ArrayBlockingQueue<>(mergers);
        AtomicReference<RuntimeException> writeFailure = new AtomicReference<>();
        AtomicReference<Throwable> mergeFailure = new AtomicReference<>();
        AtomicLong committed = new AtomicLong();
        Thread writer = new Thread(() -> {
            try {
                int ended = 0;
                while (ended < mergers) {
                    List<Pending> batch = queue.take();
                    if (batch == END) {
                        ended++;
                        continue;
                    }
                    if (writeFailure.get() != null) {
                        continue; // drain, so the merging threads never block on a full queue
                    }
                    try {
                        long t0 = System.nanoTime();
                        write(batch, files, report, counts);
                        counts.storeNanos.addAndGet(System.nanoTime() - t0);
                        long done = committed.addAndGet(batch.size());
                        synchronized (listenerLock) {
                            listener.batchCommitted(batch.size(), done);
                        }
                    } catch (RuntimeException e) {
                        writeFailure.set(e);
                    }
                }
                counts.writerCpuNanos.set(threadCpu());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "baton-import-writer");
        writer.setDaemon(true);
        writer.start();

        synchronized (listenerLock) {
            listener.phaseStarted(ImportPhase.LOAD, Math.max(1, ctx.studentRows()));
        }
        AtomicInteger nextPartition = new AtomicInteger();
        AtomicLong studentsDone = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<LoadCounts> perThread = new ArrayList<>();
        for (int m = 0; m < mergers; m++) {
            LoadCounts own = new LoadCounts();
            perThread.add(own);
            Thread t = new Thread(() -> {
                long cpu0 = threadCpu();
                try {
                    merge(request, ctx, spill, report, files, merger, updated, emptyStore, nextPartition,
                            studentsDone, own, queue, writeFailure, mergeFailure);
                } catch (Throwable e) {
                    mergeFailure.compareAndSet(null, e);
                } finally {
                    own.cpuNanos = threadCpu() - cpu0;
                    try {
                        queue.put(END);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }, "baton-import-merge-" + m);
            t.setDaemon(true);
            threads.add(t);
        }
        try {
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportFailedException(request.input(), "interrupted");
        } finally {
            for (Thread t : threads) {
                if (t.isAlive()) {
                    t.interrupt();
                }
            }
            if (writer.isAlive()) {
                writer.interrupt();
            }
        }
        RuntimeException failure = writeFailure.get();
        if (failure != null) {
            throw new ImportFailedException(request.input(), "the store failed: " + failure.getMessage(), failure);
        }
        Throwable mergeError = mergeFailure.get();
        if (mergeError instanceof ImportFailedException e) {
            throw e;
        } else if (mergeError instanceof UncheckedIOException e) {
            throw e;
        } else if (mergeError instanceof IOException e) {
            throw e;
        } else if (mergeError instanceof RuntimeException e) {
            throw e;
        } else if (mergeError instanceof Error e) {
            throw e;
        } else if (mergeError != null) {
            throw new IllegalStateException(mergeError);
        }
        perThread.forEach(counts::add);
        LOG.info("import load phase: {} merging threads cpu {} ms, waited for the writer {} ms; store writes {} ms "
                + "(writer thread cpu {} ms)", mergers, counts.cpuNanos / 1_000_000, counts.waitNanos / 1_000_000,
                counts.storeNanos.get() / 1_000_000, counts.writerCpuNanos.get() / 1_000_000);
        counts.loaded -= counts.storeRejectedRows.get();
        counts.rejected += counts.storeRejectedRows.get();
        counts.written -= counts.storeRejectedStudents.get();
        synchronized (listenerLock) {
            listener.progress(ImportPhase.LOAD, studentsDone.get(), ctx.rowsRead());
            listener.phaseFinished(ImportPhase.LOAD);
        }
        return counts;
    }

    /**
     * One merging thread: takes partitions until none is left (or the import failed). With {@code emptyStore} (the
     * store held no student when the load began) each student is merged as a new one without a lookup.
     */
    private void merge(ImportRequest request, ReadContext ctx, Spill spill, RejectionReport report,
            List<SourceFile> files, RecordMerger merger, Timestamp updated, boolean emptyStore,
            AtomicInteger nextPartition,
            AtomicLong studentsDone, LoadCounts counts, BlockingQueue<List<Pending>> queue,
            AtomicReference<RuntimeException> writeFailure, AtomicReference<Throwable> mergeFailure)
            throws IOException, InterruptedException {
        List<Pending> batch = new ArrayList<>(request.batchSize());
        Spill.Partition part = null;
        for (int p = nextPartition.getAndIncrement(); p < spill.partitions() && mergeFailure.get() == null;
                p = nextPartition.getAndIncrement()) {
            part = spill.read(p, part);
            Spill.Partition current = part;
            RecordMerger.Rejector rejector = (entry, field, reason, code, facts) -> {
                counts.rejected++;
                SourceFile f = files.get(current.file(entry));
                report(report, f, new Rejection(f.name(), current.line(entry), field, reason, code, List.of(facts)));
            };
            for (Spill.Group group : part.groups()) {
                Optional<StoredStudent> stored = emptyStore ? Optional.empty() : ReadContext.find(store, group.key());
                RecordMerger.Result result = merger.merge(stored.map(StoredStudent::record).orElse(null), part,
                        group.entries(), files, updated, rejector);
                counts.loaded += result.loaded();
                if (result.changed()) {
                    int first = firstStudentEntry(part, group.entries());
                    PreparedStudent prepared;
                    try {
                        prepared = store.prepareStudent(result.record(), stored.map(StoredStudent::id));
                    } catch (InvalidStudentRecordException e) {
                        counts.loaded -= result.loaded();
                        counts.rejected += result.loaded();
                        SourceFile f = files.get(part.file(first));
                        report(report, f, refused(f, part.line(first), e, result.loaded()));
                        continue;
                    }
                    counts.written++;
                    batch.add(new Pending(prepared, result.loaded(), part.file(first), part.line(first)));
                    if (batch.size() >= request.batchSize()) {
                        long t0 = System.nanoTime();
                        hand(queue, batch, writeFailure, request);
                        counts.waitNanos += System.nanoTime() - t0;
                        batch = new ArrayList<>(request.batchSize());
                    }
                } else if (result.record() != null) {
                    counts.unchanged++;
                }
                long done = studentsDone.incrementAndGet();
                if (done % PROGRESS_EVERY == 0) {
                    synchronized (listenerLock) {
                        listener.progress(ImportPhase.LOAD, done, ctx.rowsRead());
                    }
                }
            }
        }
        if (!batch.isEmpty()) {
            hand(queue, batch, writeFailure, request);
        }
    }

    private static Rejection refused(SourceFile f, long line, RuntimeException e, int rows) {
        return new Rejection(f.name(), line, f.keyField(), "the store refused this student (" + e.getMessage()
                + "); none of its " + rows + " rows were loaded", "storeRefused",
                List.of(String.valueOf(e.getMessage()), String.valueOf(rows)));
    }

    /** Merging threads for the load phase: one per core, at most 4, and no more than there are partitions. */
    private static int mergingThreads(int partitions) {
        int cores = Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(Math.min(cores, 4), partitions));
    }

    /**
     * Writes one batch atomically. When the store refuses a student of the batch (its SSID and a local id belong
     * to two stored students, say), the batch is written again one student at a time, each still atomic, and the
     * refused students are rejected with their rows.
     */
    private void write(List<Pending> batch, List<SourceFile> files, RejectionReport report, LoadCounts counts) {
        List<PreparedStudent> students = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            students.add(p.student());
        }
        try {
            store.writePrepared(students);
            return;
        } catch (StudentIdentityConflictException e) {
            LOG.warn("the store refused a student of a batch of {}; writing the batch one student at a time",
                    batch.size());
        }
        for (Pending p : batch) {
            try {
                store.writePrepared(List.of(p.student()));
            } catch (StudentIdentityConflictException e) {
                counts.storeRejectedRows.addAndGet(p.rows());
                counts.storeRejectedStudents.incrementAndGet();
                SourceFile f = files.get(p.fileIndex());
                report(report, f, refused(f, p.line(), e, p.rows()));
            }
        }
    }

    /** CPU time of the whole process (every thread, RocksDB's included), or 0 where the JVM does not measure it. */
    static long processCpu() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    /** CPU time of the calling thread, or 0 where the JVM does not measure it. */
    static long threadCpu() {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
    }

    private static int firstStudentEntry(Spill.Partition part, int[] entries) {
        for (int i : entries) {
            if (part.kind(i) == EntryKind.STUDENT) {
                return i;
            }
        }
        return entries[0];
    }

    private static void report(RejectionReport report, SourceFile f, Rejection r) {
        try {
            report.add(f.index(), r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report", e);
        }
    }

    private static void hand(BlockingQueue<List<Pending>> queue, List<Pending> batch,
            AtomicReference<RuntimeException> failure, ImportRequest request) throws InterruptedException {
        RuntimeException f = failure.get();
        if (f != null) {
            throw new ImportFailedException(request.input(), "the store failed: " + f.getMessage(), f);
        }
        queue.put(batch);
    }

    /**
     * Lanes for the read phase: the calling thread's, plus one worker per core for large CSV files (a single core
     * gets no workers).
     */
    private static int readingLanes() {
        int cores = Runtime.getRuntime().availableProcessors();
        return cores > 1 ? 1 + Math.min(cores, 8) : 1;
    }

    private static FormatReader readerFor(ImportFormat format) {
        return switch (format) {
            case CALPADS -> new CalpadsReader();
            case ONEROSTER -> new OneRosterReader();
            case PESC -> new PescReader();
            case JSON -> new BatonJsonReader();
        };
    }

    private static long inputBytes(Path input) {
        try (var paths = Files.walk(input)) {
            return paths.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            throw new ImportFailedException(input, "cannot read the input", e);
        }
    }
}
