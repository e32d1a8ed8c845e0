package org.baton.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Measures this process from {@link #start()} to {@link #stop()}: CPU seconds, peak heap and RSS, load average, and
 * the share of the machine's CPU time stolen by the hypervisor.
 */
public final class ResourceMeter {

    private final long cpuFromNanos;
    private final double loadAverageStart;
    private final long[] ticksFrom;

    private ResourceMeter(long cpuFromNanos, double loadAverageStart, long[] ticksFrom) {
        this.cpuFromNanos = cpuFromNanos;
        this.loadAverageStart = loadAverageStart;
        this.ticksFrom = ticksFrom;
    }

    /** Resets the heap pools' peaks and starts measuring. */
    public static ResourceMeter start() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        return new ResourceMeter(processCpuNanos(), loadAverage(), machineTicks());
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
                loadAverage(), stealShare(ticksFrom, machineTicks()));
    }

    /**
     * The machine's CPU time so far as {@code {steal, total}} clock ticks, from the {@code cpu} line of
     * {@code /proc/stat}; null where unavailable.
     */
    static long[] machineTicks() {
        try {
            return ticks(Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code {steal, total}} from the lines of {@code /proc/stat}; null without a {@code cpu} line with steal. */
    static long[] ticks(List<String> statLines) {
        for (String line : statLines) {
            if (line.startsWith("cpu ")) {
                // user nice system idle iowait irq softirq steal [guest guest_nice: already inside user and nice]
                String[] fields = line.substring(4).trim().split("\\s+");
                if (fields.length < 8) {
                    return null;
                }
                long total = 0;
                for (int i = 0; i < 8; i++) {
                    total += Long.parseLong(fields[i]);
                }
                return new long[] {Long.parseLong(fields[7]), total};
            }
        }
        return null;
    }

    /** Stolen ticks over all ticks between two readings of {@link #machineTicks()}; -1 where unknown. */
    static double stealShare(long[] from, long[] to) {
        if (from == null || to == null || to[1] <= from[1]) {
            return -1;
        }
        return (to[0] - from[0]) / (double) (to[1] - from[1]);
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
