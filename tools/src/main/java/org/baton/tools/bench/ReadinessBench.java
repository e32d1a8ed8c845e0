package org.baton.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.baton.node.readiness.ReadinessEngine;
import org.baton.node.readiness.ReadinessInput;
import org.baton.node.readiness.ReadinessReport;
import org.baton.node.readiness.rules.RuleBook;
import org.baton.proto.v1.StudentRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code baton bench readiness}: evaluates synthetic students (full UC and CSU a-g, UC, CSU and Cal Grant GPAs,
 * aid and deadlines, with the explanation trail) on one thread and reports students per second.
 *
 * <p>A measured loop, not JMH: warm up for a fixed time, then time several rounds over the same students and
 * report the median round. The figures are for one core: the loop runs on the calling thread only.
 */
@Command(name = "readiness", mixinStandardHelpOptions = true,
        description = "Benchmark the readiness engine on one core: students evaluated per second.")
public final class ReadinessBench implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--students", description = "Distinct synthetic students (default: ${DEFAULT-VALUE}).",
            defaultValue = "2000")
    int students;

    @Option(names = "--warmup-seconds", description = "Warm-up time (default: ${DEFAULT-VALUE}).", defaultValue = "5")
    int warmupSeconds;

    @Option(names = "--rounds", description = "Measured rounds over all students (default: ${DEFAULT-VALUE}).",
            defaultValue = "10")
    int rounds;

    @Option(names = "--seed", description = "Seed of the synthetic students (default: ${DEFAULT-VALUE}).",
            defaultValue = "42")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
    Path json;

    /**
     * The measured figures. Rates are per second of the benchmark thread's CPU time (one core, unaffected by other
     * processes on the machine); the wall-clock median is given beside them.
     *
     * @param students distinct students evaluated per round
     * @param courseRecordsPerStudent average course records per student
     * @param rounds measured rounds
     * @param medianStudentsPerSecond median over rounds of students per CPU-second
     * @param minStudentsPerSecond slowest round
     * @param maxStudentsPerSecond fastest round
     * @param medianMicrosPerStudent CPU microseconds per student at the median
     * @param medianWallStudentsPerSecond median over rounds of students per wall-clock second
     */
    public record Result(int students, double courseRecordsPerStudent, int rounds, double medianStudentsPerSecond,
            double minStudentsPerSecond, double maxStudentsPerSecond, double medianMicrosPerStudent,
            double medianWallStudentsPerSecond) {
    }

    @Override
    public Integer call() throws Exception {
        if (students < 1 || rounds < 1 || warmupSeconds < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--students and --rounds must be at least 1 and --warmup-seconds at least 0");
        }
        Result result = run(students, warmupSeconds * 1_000_000_000L, rounds, seed);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(java.util.Locale.ROOT, "readiness: %,.0f students/s per core (thread CPU time; median of %d rounds,"
                + " min %,.0f, max %,.0f); %.1f us per student; wall clock %,.0f students/s; %d students, %.1f course "
                + "records each%n", result.medianStudentsPerSecond(), result.rounds(), result.minStudentsPerSecond(),
                result.maxStudentsPerSecond(), result.medianMicrosPerStudent(), result.medianWallStudentsPerSecond(),
                result.students(), result.courseRecordsPerStudent());
        out.flush();
        if (json != null) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode node = mapper.valueToTree(result);
            node.put("benchmark", "readiness");
            node.put("threads", 1);
            node.put("javaVersion", System.getProperty("java.version"));
            Files.writeString(json, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        }
        return 0;
    }

    /** Runs the benchmark: warm-up for {@code warmupNanos}, then {@code rounds} timed rounds. */
    public static Result run(int count, long warmupNanos, int rounds, long seed) {
        ReadinessEngine engine = ReadinessEngine.create(RuleBook.loadDefault());
        LocalDate asOf = LocalDate.of(2025, 11, 15);
        List<ReadinessInput> inputs = new ArrayList<>(count);
        long records = 0;
        for (int i = 0; i < count; i++) {
            StudentRecord record = SyntheticTranscripts.student(seed + i, 2026);
            records += record.getCoursesCount();
            inputs.add(ReadinessInput.of(record, asOf));
        }
        long sink = 0;
        long warmupEnd = System.nanoTime() + warmupNanos;
        do {
            for (ReadinessInput input : inputs) {
                sink += consume(engine.evaluate(input));
            }
        } while (System.nanoTime() < warmupEnd);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] rates = new double[rounds];
        double[] wall = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (ReadinessInput input : inputs) {
                sink += consume(engine.evaluate(input));
            }
            long elapsed = System.nanoTime() - start;
            long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
            rates[r] = count * 1e9 / Math.max(1, cpu);
            wall[r] = count * 1e9 / Math.max(1, elapsed);
        }
        if (sink == 42) {
            System.out.print("");
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        double median = median(rates);
        return new Result(count, (double) records / count, rounds, median, sorted[0], sorted[rounds - 1], 1e6 / median,
                median(wall));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static long consume(ReadinessReport report) {
        return report.trail().size() + report.uc().semestersCompleted() + report.ucGpa().grades()
                + report.csuGpa().grades() + report.calGrantGpa().grades();
    }
}
