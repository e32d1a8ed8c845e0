package org.baton.node.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.baton.proto.v1.StudentRecord;

/**
 * The process {@link StoreCrashIT} kills: writes batches to a store forever — each batch inserts
 * {@link #BATCH} new students and rewrites a few earlier ones — and prints {@code committed <students>} after
 * every commit returns. With a third argument {@code without-sync}, each batch inserts only the new students, in
 * one transaction committed with {@link StoreTransaction#commitWithoutSync()}. With {@code recycled-logs}, the
 * memtables are as small as the store allows, so they are flushed often and the store soon writes to reused
 * write-ahead log files.
 */
public final class CrashWriter {

    static final int BATCH = 50;
    private static final long SMALLEST_BUFFER = 1L << 20;

    private CrashWriter() {}

    public static void main(String[] args) {
        Path directory = Path.of(args[0]);
        DataKey key = DataKey.load(Path.of(args[1]));
        String mode = args.length > 2 ? args[2] : "sync";
        boolean withoutSync = mode.equals("without-sync");
        StoreConfig config = StoreConfig.of(directory, key);
        if (mode.equals("recycled-logs")) {
            config = config.withTuning(SMALLEST_BUFFER, SMALLEST_BUFFER);
        }
        try (RecordStore store = RecordStore.open(config)) {
            long students = store.studentCount();
            for (int round = 0; ; round++) {
                if (withoutSync) {
                    try (StoreTransaction tx = store.beginTransaction()) {
                        for (long n = students + 1; n <= students + BATCH; n++) {
                            tx.putStudent(TestRecords.student(n, 3));
                        }
                        tx.commitWithoutSync();
                    }
                    students += BATCH;
                    System.out.println("committed " + students);
                    System.out.flush();
                    continue;
                }
                List<StudentRecord> batch = new ArrayList<>();
                for (long n = students + 1; n <= students + BATCH; n++) {
                    batch.add(TestRecords.student(n, 3));
                }
                for (long n = 1; n <= Math.min(students, 10); n++) {
                    batch.add(TestRecords.student(n + (round * 7L) % Math.max(1, students - 10), 2 + round % 5));
                }
                store.writeStudents(batch);
                students += BATCH;
                System.out.println("committed " + students);
                System.out.flush();
            }
        }
    }
}
