package org.baton.bench;

/**
 * What a benchmark run cost its process, and how busy the machine was.
 *
 * @param cpuSeconds CPU time of this process (every thread, JIT and GC included) over the run, seconds
 * @param peakHeapBytes sum of the heap pools' peak usage during the run (counts garbage not yet collected)
 * @param peakRssBytes the process's peak resident set ({@code VmHWM}) since it started; 0 where unknown
 * @param loadAverageStart the machine's one-minute load average when the run started
 * @param loadAverageEnd the one-minute load average when it ended (other processes compete for the CPU)
 * @param stealShare the share of the machine's CPU time the hypervisor gave to other guests during the run
 *     ({@code steal} in {@code /proc/stat}, 0 to 1): a virtual machine whose host is busy runs slower than its
 *     processor count says; -1 where unknown
 */
public record Resources(double cpuSeconds, long peakHeapBytes, long peakRssBytes, double loadAverageStart,
        double loadAverageEnd, double stealShare) {
}
