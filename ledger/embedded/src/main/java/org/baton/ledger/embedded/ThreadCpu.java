package org.baton.ledger.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of this process's threads, native ones included (RocksDB's, the JIT compiler's, the garbage
 * collector's), split into the ledger server's, the JVM's own and everything else, from {@code /proc/self/task}.
 * Lets the ledger bench, whose submitters share the process with the ledger, say what the ledger itself costs.
 * On a system without {@code /proc} every figure is zero.
 */
final class ThreadCpu {

    /** Linux reports thread times in clock ticks of 1/100 s (USER_HZ) on every architecture the JVM runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final Path TASKS = Path.of("/proc/self/task");

    /**
     * CPU time by group, nanoseconds.
     *
     * @param ledger threads of the ledger server: sequencer, rpc handlers, signature verifiers, its network event
     *     loops and RocksDB's background threads
     * @param jvm the JVM's own threads: JIT compilers, garbage collector, VM thread
     * @param other everything else (here: the bench's submitters and their gRPC clients)
     */
    record Split(long ledger, long jvm, long other) {
    }

    /** Per-thread CPU at one moment, by group: thread id to nanoseconds. */
    private final Map<String, Long> ledger = new HashMap<>();
    private final Map<String, Long> jvm = new HashMap<>();
    private final Map<String, Long> other = new HashMap<>();

    private ThreadCpu() {
    }

    /** Reads every thread's CPU time now. */
    static ThreadCpu snapshot() {
        ThreadCpu snapshot = new ThreadCpu();
        if (!Files.isDirectory(TASKS)) {
            return snapshot;
        }
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(snapshot::read);
        } catch (IOException e) {
            // Threads come and go while the directory is listed; what was read is still a fair sample.
        }
        return snapshot;
    }

    private void read(Path task) {
        String stat;
        try {
            stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            return;
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            return;
        }
        String name = stat.substring(open + 1, close);
        // After the name: state (field 3), ... utime (field 14), stime (field 15).
        String[] fields = stat.substring(close + 2).split(" ");
        if (fields.length < 13) {
            return;
        }
        long nanos = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
        String tid = task.getFileName().toString();
        if (isLedger(name)) {
            ledger.put(tid, nanos);
        } else if (isJvm(name)) {
            jvm.put(tid, nanos);
        } else {
            other.put(tid, nanos);
        }
    }

    /** Native thread names are cut to 15 characters ("ledger-sequence"). */
    static boolean isLedger(String name) {
        return name.startsWith("ledger-sequence") || name.startsWith("ledger-rpc-") || name.startsWith("ledger-verify")
                || name.startsWith("ledger-net") || name.startsWith("rocksdb:");
    }

    static boolean isJvm(String name) {
        return name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") || name.startsWith("GC Thread")
                || name.startsWith("G1 ") || name.startsWith("VM ") || name.equals("Sweeper thread");
    }

    /** The CPU each group spent since {@code earlier}: threads that ended in between are not counted. */
    Split since(ThreadCpu earlier) {
        return new Split(delta(ledger, earlier.ledger), delta(jvm, earlier.jvm), delta(other, earlier.other));
    }

    private static long delta(Map<String, Long> now, Map<String, Long> before) {
        long sum = 0;
        for (Map.Entry<String, Long> thread : now.entrySet()) {
            sum += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
        }
        return sum;
    }
}
