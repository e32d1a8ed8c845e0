package org.baton.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a benchmark ran on.
 *
 * @param processors processors available to the JVM
 * @param cpuModel the processor model ({@code /proc/cpuinfo}), or "unknown"
 * @param memoryBytes physical memory, 0 where unknown
 * @param javaVersion the JVM's version
 * @param jvmOptions the JVM's {@code -X} options as given on its command line (heap limit, compiler, collector), in
 *                   order; {@code -D} properties are left out, as they can carry paths and secrets
 */
public record Machine(int processors, String cpuModel, long memoryBytes, String javaVersion, List<String> jvmOptions) {

    /** Copies the options. */
    public Machine {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** This machine. */
    public static Machine current() {
        long memory = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = os.getTotalMemorySize();
        }
        List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("-X")).toList();
        return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(), memory,
                System.getProperty("java.version", "unknown"), options);
    }

    private static String readCpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8);
            return lines.stream().filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
