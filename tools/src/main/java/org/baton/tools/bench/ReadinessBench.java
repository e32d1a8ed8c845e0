package org.baton.tools.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.baton.bench.BenchReport;
import org.baton.bench.Machine;
import org.baton.bench.Measurement;
import org.baton.bench.ResourceMeter;
import org.baton.bench.Statistics;
import org.baton.node.readiness.EvaluationOptions;
import org.baton.node.readiness.ReadinessEngine;
import org.baton.node.readiness.ReadinessInput;
import org.baton.node.readiness.ReadinessReport;
import org.baton.node.readiness.rules.RuleBook;
import org.baton.proto.v1.StudentRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code baton bench readiness}: evaluates synthetic students on one thread and reports students per second.
 * Every evaluation is complete: UC and CSU a-g for every area, the UC, CSU and Cal Grant GPAs, reported-GPA checks,
 * aid and deadlines. Two modes are measured: {@code full}, with the explanation trail (a student's drill-down page),
 * and {@code summary}, without it (caseload and dashboard views).
 *
 * <p>A measured loop, not JMH: warm up until the benchmark thread has used a fixed amount of CPU time, then time
 * several rounds over the same students and report the median round. Rates are per second of the benchmark
 * thread's CPU time, so they are for one core and unaffected by other processes taking turns on the machine; the
 * wall-clock rate is reported beside them.
 */
@Command(name = "readiness", mixinStandardHelpOptions = true,
        description = "Benchmark the readiness engine on one core: students evaluated per second.")
public final class ReadinessBench implements Callable<Integer> {

    /** What an evaluation produces. */
    public enum Mode {
        /** Reports with the explanation trail. */
        FULL,
        /** Reports without the trail (same statuses and GPAs). */
        SUMMARY
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--students", description = "Distinct synthetic students (default: ${DEFAULT-VALUE}).",
            defaultValue = "2000")
    int students;

    @Option(names = "--warmup-seconds", description = "Warm-up, in seconds of CPU time (default: ${DEFAULT-VALUE}).",
            defaultValue = "10")
    int warmupSeconds;

    @Option(names = "--rounds", description = "Measured rounds over all students (default: ${DEFAULT-VALUE}).",
            defaultValue = "11")
    int rounds;

    @Option(names = "--seed", description = "Seed of the synthetic students (default: ${DEFAULT-VALUE}).",
            defaultValue = "42")
    long seed;

    @Option(names = "--mode", description = "FULL, SUMMARY, or both when not given.")
    List<Mode> modes;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
    Path json;

    /**
     * The figures of one mode.
     *
     * @param mode what the evaluations produced
     * @param students distinct students evaluated per round
     * @param courseRecordsPerStudent average course records per student
     * @param rounds measured rounds
     * @param medianStudentsPerSecond median over rounds of students per CPU-second of the benchmark thread
     * @param minStudentsPerSecond slowest round
     * @param maxStudentsPerSecond fastest round
     * @param medianMicrosPerStudent CPU microseconds per student at the median
     * @param medianWallStudentsPerSecond median over rounds of students per wall-clock second
     * @param allocatedBytesPerStudent bytes allocated per student (median round)
     */
    public record Result(Mode mode, int students, double courseRecordsPerStudent, int rounds,
            double medianStudentsPerSecond, double minStudentsPerSecond, double maxStudentsPerSecond,
            double medianMicrosPerStudent, double medianWallStudentsPerSecond, long allocatedBytesPerStudent) {
    }

    @Override
    public Integer call() throws Exception {
        if (students < 1 || rounds < 1 || warmupSeconds < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--students and --rounds must be at least 1 and --warmup-seconds at least 0");
        }
        List<Mode> run = modes == null || modes.isEmpty() ? List.of(Mode.FULL, Mode.SUMMARY) : modes;
        PrintWriter out = spec.commandLine().getOut();
        ResourceMeter meter = ResourceMeter.start();
        List<Measurement> measurements = new ArrayList<>();
        for (Mode mode : run) {
            Result result = run(mode, students, warmupSeconds * 1_000_000_000L, rounds, seed);
            // Seconds of the benchmark thread's CPU time at the median round, so perSecond is per core.
            measurements.add(Measurement.of(mode.name().toLowerCase(Locale.ROOT), "students", result.students(),
                            result.students() / result.medianStudentsPerSecond())
                    .with("minStudentsPerSecond", result.minStudentsPerSecond())
                    .with("maxStudentsPerSecond", result.maxStudentsPerSecond())
                    .with("microsPerStudent", result.medianMicrosPerStudent())
                    .with("wallStudentsPerSecond", result.medianWallStudentsPerSecond())
                    .with("allocatedBytesPerStudent", result.allocatedBytesPerStudent())
                    .with("courseRecordsPerStudent", result.courseRecordsPerStudent())
                    .with("rounds", result.rounds()));
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("students", Integer.toString(students));
        parameters.put("warmupCpuSeconds", Integer.toString(warmupSeconds));
        parameters.put("rounds", Integer.toString(rounds));
        parameters.put("seed", Long.toString(seed));
        parameters.put("threads", "1");
        BenchReport report = new BenchReport("readiness", "readiness engine on one thread: complete evaluations"
                + " (UC/CSU a-g, UC, CSU and Cal Grant GPAs, aid); full = with the explanation trail, summary ="
                + " without; seconds are the benchmark thread's CPU time at the median round", parameters,
                measurements, meter.stop(), Machine.current());
        out.print(report.toText());
        out.flush();
        if (json != null) {
            report.writeJson(json);
        }
        return 0;
    }

    /** Runs one mode: warm-up for {@code warmupCpuNanos} of thread CPU time, then {@code rounds} timed rounds. */
    public static Result run(Mode mode, int count, long warmupCpuNanos, int rounds, long seed) {
        EvaluationOptions options = mode == Mode.FULL ? EvaluationOptions.defaults()
                : EvaluationOptions.defaults().withoutExplanation();
        ReadinessEngine engine = ReadinessEngine.create(RuleBook.loadDefault(), options);
        LocalDate asOf = LocalDate.of(2025, 11, 15);
        List<ReadinessInput> inputs = new ArrayList<>(count);
        long records = 0;
        for (int i = 0; i < count; i++) {
            StudentRecord record = SyntheticTranscripts.student(seed + i, 2026);
            records += record.getCoursesCount();
            inputs.add(ReadinessInput.of(record, asOf));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        long warmupEnd = threads.getCurrentThreadCpuTime() + warmupCpuNanos;
        do {
            for (ReadinessInput input : inputs) {
                sink += consume(engine.evaluate(input));
            }
        } while (threads.getCurrentThreadCpuTime() < warmupEnd);
        double[] rates = new double[rounds];
        double[] wall = new double[rounds];
        long[] allocated = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            long bytesStart = allocatedBytes(threads);
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (ReadinessInput input : inputs) {
                sink += consume(engine.evaluate(input));
            }
            long elapsed = System.nanoTime() - start;
            long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
            allocated[r] = (allocatedBytes(threads) - bytesStart) / count;
            rates[r] = count * 1e9 / Math.max(1, cpu);
            wall[r] = count * 1e9 / Math.max(1, elapsed);
        }
        if (sink == Long.MIN_VALUE) {
            throw new IllegalStateException("unreachable: keeps the evaluations from being optimised away");
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        double median = Statistics.median(rates);
        long[] bytes = allocated.clone();
        Arrays.sort(bytes);
        return new Result(mode, count, (double) records / count, rounds, median, sorted[0], sorted[rounds - 1],
                1e6 / median, Statistics.median(wall), bytes[rounds / 2]);
    }

    private static long allocatedBytes(ThreadMXBean threads) {
        return threads instanceof com.sun.management.ThreadMXBean sun
                ? sun.getThreadAllocatedBytes(Thread.currentThread().getId()) : 0;
    }

    private static long consume(ReadinessReport report) {
        return report.trail().size() + report.uc().semestersCompleted() + report.csu().semestersCompleted()
                + report.ucGpa().grades() + report.csuGpa().grades() + report.calGrantGpa().grades();
    }
}
