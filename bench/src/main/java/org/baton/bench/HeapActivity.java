package org.baton.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * What this process's threads had allocated on the heap, and what its collectors had done, at one moment: lets a
 * benchmark say how many bytes one operation allocates and how often and how long the collector stopped it.
 * Allocation is summed over the threads alive at each snapshot (a thread that ends in between takes its bytes
 * with it), where the JVM counts it; elsewhere {@link #available()} is false.
 */
public final class HeapActivity {

    private static final String PAUSES = " Pauses";

    private final boolean available;
    private final long allocatedBytes;
    private final long collections;
    private final long collectionMillis;

    private HeapActivity(boolean available, long allocatedBytes, long collections, long collectionMillis) {
        this.available = available;
        this.allocatedBytes = allocatedBytes;
        this.collections = collections;
        this.collectionMillis = collectionMillis;
    }

    /** Reads the allocation counters of every live thread and the collectors' pause counts now. */
    public static HeapActivity snapshot() {
        long collections = 0;
        long millis = 0;
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        List<String> names = collectors.stream().map(GarbageCollectorMXBean::getName).toList();
        for (GarbageCollectorMXBean collector : collectors) {
            if (countsPauses(collector.getName(), names)) {
                collections += Math.max(0, collector.getCollectionCount());
                millis += Math.max(0, collector.getCollectionTime());
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!(threads instanceof com.sun.management.ThreadMXBean counting)
                || !counting.isThreadAllocatedMemorySupported() || !counting.isThreadAllocatedMemoryEnabled()) {
            return new HeapActivity(false, 0, collections, millis);
        }
        long bytes = 0;
        for (long allocated : counting.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            bytes += Math.max(0, allocated); // -1 for a thread that ended while being read
        }
        return new HeapActivity(true, bytes, collections, millis);
    }

    /**
     * Whether the collector named {@code name}, one of {@code all}, counts the application's pauses. G1, Parallel
     * and Serial count only their pauses; Shenandoah and ZGC report their pauses apart ({@code "… Pauses"}) from
     * their cycles ({@code "… Cycles"}), which run beside the application and would count every pause twice.
     */
    static boolean countsPauses(String name, List<String> all) {
        return name.endsWith(PAUSES) || all.stream().noneMatch(other -> other.endsWith(PAUSES));
    }

    /** Whether the JVM counts allocation per thread. */
    public boolean available() {
        return available;
    }

    /** Bytes allocated since {@code earlier}, or -1 where not counted. */
    public long allocatedBytesSince(HeapActivity earlier) {
        return available && earlier.available ? Math.max(0, allocatedBytes - earlier.allocatedBytes) : -1;
    }

    /** Pauses of the collectors (young and old) since {@code earlier}. */
    public long collectionsSince(HeapActivity earlier) {
        return collections - earlier.collections;
    }

    /** Time the collectors paused the application since {@code earlier}, milliseconds. */
    public long collectionMillisSince(HeapActivity earlier) {
        return collectionMillis - earlier.collectionMillis;
    }
}
