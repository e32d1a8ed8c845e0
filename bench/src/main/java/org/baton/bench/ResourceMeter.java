package org.baton.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Measures this process from {@link #start()} to {@link #stop()}: CPU seconds, peak heap and RSS, load average. */
public final class ResourceMeter {

    private final long cpuFromNanos;
    private final double loadAverageStart;

    private ResourceMeter(long cpuFromNanos, double loadAverageStart) {
        this.cpuFromNanos = cpuFromNanos;
        this.loadAverageStart = loadAverageStart;
    }

    /** Resets the heap pools' peaks and starts measuring. */
    public static ResourceMeter start() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        return new ResourceMeter(processCpuNanos(), loadAverage());
    }

    /** What the process used since {@link #start()}. */
    public Resources stop() {
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        return new Resources((processCpuNanos() - cpuFromNanos) / 1e9, peakHeap, peakRssBytes(), loadAverageStart,
                loadAverage());
    }

    /** CPU time of this process so far, nanoseconds (0 where the JVM cannot tell). */
    public static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    /** The machine's one-minute load average, or -1 where the system does not report one. */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Peak resident set of this process from {@code /proc/self/status} ({@code VmHWM}); 0 where unavailable. */
    static long peakRssBytes() {
        try {
            return kibibytes(Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8), "VmHWM:");
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static long kibibytes(List<String> statusLines, String key) {
        for (String line : statusLines) {
            if (line.startsWith(key)) {
                String[] parts = line.substring(key.length()).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024;
            }
        }
        return 0;
    }
}
