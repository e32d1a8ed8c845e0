package org.baton.node.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.baton.proto.v1.StudentRecord;

/**
 * Bulk-write throughput of the record store as the importer uses it: {@code writeStudents} with batches of
 * students carrying {@code courses} course records each, after a warm-up pass. Only the store call is timed
 * (records are built before it), once inserting every student and once re-importing the same records. Not a test;
 * run by hand:
 *
 * <pre>
 * ./mvnw -q -B -o -pl node -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp "node/target/test-classes:node/target/classes:$(cat /tmp/cp.txt)" \
 *     org.baton.node.store.StoreWriteBenchmark [students=100000] [batch=1000] [courses=35] [runs=3] [sync=true]
 * </pre>
 */
public final class StoreWriteBenchmark {

    private StoreWriteBenchmark() {}

    public static void main(String[] args) throws IOException {
        int students = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int courses = args.length > 2 ? Integer.parseInt(args[2]) : 35;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        boolean sync = args.length <= 4 || Boolean.parseBoolean(args[4]);
        System.out.printf("students=%d batch=%d courses/student=%d runs=%d syncWrites=%s record≈%d bytes%n",
                students, batchSize, courses, runs, sync, TestRecords.student(1, courses).getSerializedSize());

        // Warm-up: let the JIT compile the write path (protobuf, AES-GCM, JNI) before anything is measured.
        Path warmup = Files.createTempDirectory("store-bench-warmup");
        try (RecordStore store = RecordStore.open(StoreConfig.of(warmup.resolve("store"),
                DataKey.loadOrCreate(warmup.resolve("data.key"))).withSyncWrites(sync))) {
            pass(store, Math.min(students, 30_000), batchSize, courses);
        } finally {
            delete(warmup);
        }
        double[] insertRates = new double[runs];
        double[] rerunRates = new double[runs];
        for (int run = 0; run < runs; run++) {
            Path dir = Files.createTempDirectory("store-bench");
            try {
                StoreConfig config = StoreConfig.of(dir.resolve("store"), DataKey.loadOrCreate(dir.resolve("data.key")))
                        .withSyncWrites(sync);
                try (RecordStore store = RecordStore.open(config)) {
                    insertRates[run] = pass(store, students, batchSize, courses);
                    rerunRates[run] = pass(store, students, batchSize, courses);
                    if (store.studentCount() != students) {
                        throw new IllegalStateException("expected " + students + " students, found " + store.studentCount());
                    }
                }
                System.out.printf("run %d: insert %,.0f course rows/s (%,.0f students/s); re-import %,.0f course rows/s"
                        + "; store size %,d MiB%n", run + 1, insertRates[run] * courses, insertRates[run],
                        rerunRates[run] * courses, size(dir) >> 20);
            } finally {
                delete(dir);
            }
        }
        System.out.printf("median: insert %,.0f course rows/s (%,.0f students/s); re-import %,.0f course rows/s%n",
                median(insertRates) * courses, median(insertRates), median(rerunRates) * courses);
    }

    /**
     * Writes every student once, in batches; returns students per second of wall time spent inside the store, and
     * prints students per second of CPU time of the writing thread (less sensitive to other load on the machine;
     * RocksDB's background flushes and compactions are not included).
     */
    private static double pass(RecordStore store, int students, int batchSize, int courses) {
        var threads = ManagementFactory.getThreadMXBean();
        long storeNanos = 0;
        long cpuNanos = 0;
        for (int first = 1; first <= students; first += batchSize) {
            List<StudentRecord> batch = new ArrayList<>(batchSize);
            for (int n = first; n < first + batchSize && n <= students; n++) {
                batch.add(TestRecords.student(n, courses));
            }
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            store.writeStudents(batch);
            storeNanos += System.nanoTime() - start;
            cpuNanos += threads.getCurrentThreadCpuTime() - cpuStart;
        }
        System.out.printf("    pass: %,.0f course rows per wall second, %,.0f per CPU second of the writing thread"
                + " (load average %.1f)%n", students * (double) courses / (storeNanos / 1e9),
                students * (double) courses / (cpuNanos / 1e9),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return students / (storeNanos / 1e9);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }
}
