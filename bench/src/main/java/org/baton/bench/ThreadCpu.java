package org.baton.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The CPU time of each of this process's threads at one moment, native ones included (RocksDB's, the JIT
 * compilers', the garbage collector's), read from {@code /proc/self/task}: lets a benchmark that runs several parts
 * in one process say what each part costs. On a system without {@code /proc} a snapshot is empty and
 * {@link #available()} says so.
 */
public final class ThreadCpu {

    /** Linux reports thread times in clock ticks of 1/100 s (USER_HZ) on every architecture the JVM runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final Path TASKS = Path.of("/proc/self/task");

    private record Sample(String name, long nanos) {
    }

    private final boolean available;
    /** Thread id to its name and CPU time. */
    private final Map<String, Sample> threads = new HashMap<>();

    private ThreadCpu(boolean available) {
        this.available = available;
    }

    /** Reads every thread's CPU time now. */
    public static ThreadCpu snapshot() {
        if (!Files.isDirectory(TASKS)) {
            return new ThreadCpu(false);
        }
        ThreadCpu snapshot = new ThreadCpu(true);
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(snapshot::read);
        } catch (IOException | RuntimeException e) {
            // Threads come and go while the directory is listed; what was read is still a fair sample.
        }
        return snapshot;
    }

    /** Whether the system reports per-thread CPU time ({@code /proc} exists). */
    public boolean available() {
        return available;
    }

    /**
     * The CPU time spent since {@code earlier} by the threads whose (native, at most 15 characters) name passes
     * {@code name}, nanoseconds; threads that ended in between are not counted.
     */
    public long nanosSince(ThreadCpu earlier, Predicate<String> name) {
        long sum = 0;
        for (Map.Entry<String, Sample> thread : threads.entrySet()) {
            if (name.test(thread.getValue().name())) {
                Sample before = earlier.threads.get(thread.getKey());
                sum += thread.getValue().nanos() - (before == null ? 0 : before.nanos());
            }
        }
        return sum;
    }

    /**
     * The CPU time spent since {@code earlier} by each group of threads, nanoseconds, largest first: a group is a
     * thread name with its digits dropped ("ledger-rpc-3" and "ledger-rpc-12" are both "ledger-rpc-"), so pools
     * show as one line. Threads that ended in between are not counted; groups that spent nothing are left out.
     */
    public Map<String, Long> nanosByGroupSince(ThreadCpu earlier) {
        Map<String, Long> groups = new HashMap<>();
        for (Map.Entry<String, Sample> thread : threads.entrySet()) {
            Sample before = earlier.threads.get(thread.getKey());
            long spent = thread.getValue().nanos() - (before == null ? 0 : before.nanos());
            if (spent > 0) {
                groups.merge(thread.getValue().name().replaceAll("[0-9]+", ""), spent, Long::sum);
            }
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        groups.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(group -> sorted.put(group.getKey(), group.getValue()));
        return sorted;
    }

    /** The JVM's own threads: JIT compilers, garbage collector, VM thread. */
    public static boolean isJvm(String name) {
        return isCompiler(name) || name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM ")
                || name.equals("Sweeper thread");
    }

    /** The JIT compilers' threads ("C1 CompilerThre", "C2 CompilerThre"). */
    public static boolean isCompiler(String name) {
        return name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler");
    }

    private void read(Path task) {
        String stat;
        try {
            stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return; // the thread ended
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            return;
        }
        // After "pid (comm) ": state is field 3; utime and stime are fields 14 and 15.
        String[] fields = stat.substring(close + 2).split(" ");
        if (fields.length < 13) {
            return;
        }
        long nanos = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
        threads.put(task.getFileName().toString(), new Sample(stat.substring(open + 1, close), nanos));
    }
}
