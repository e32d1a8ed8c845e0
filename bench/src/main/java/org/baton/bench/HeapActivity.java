package org.baton.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * What this process's threads had allocated on the heap, and what its collectors had done, at one moment: lets a
 * benchmark say how many bytes one operation allocates and how often and how long the collector stopped it.
 * Allocation is summed over the threads alive at each snapshot (a thread that ends in between takes its bytes
 * with it), where the JVM counts it; elsewhere {@link #available()} is false.
 */
public final class HeapActivity {

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

    /** Reads the allocation counters of every live thread and the collectors' counts now. */
    public static HeapActivity snapshot() {
        long collections = 0;
        long millis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            collections += Math.max(0, collector.getCollectionCount());
            millis += Math.max(0, collector.getCollectionTime());
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

    /** Whether the JVM counts allocation per thread. */
    public boolean available() {
        return available;
    }

    /** Bytes allocated since {@code earlier}, or -1 where not counted. */
    public long allocatedBytesSince(HeapActivity earlier) {
        return available && earlier.available ? Math.max(0, allocatedBytes - earlier.allocatedBytes) : -1;
    }

    /** Collections (young and old, every collector) since {@code earlier}. */
    public long collectionsSince(HeapActivity earlier) {
        return collections - earlier.collections;
    }

    /** Time the collectors report since {@code earlier}, milliseconds (for G1: its pauses). */
    public long collectionMillisSince(HeapActivity earlier) {
        return collectionMillis - earlier.collectionMillis;
    }
}
