package org.baton.tools.readiness;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.baton.node.readiness.AgCourseLists;
import org.baton.node.readiness.EvaluationOptions;
import org.baton.node.readiness.ReadinessEngine;
import org.baton.node.readiness.ReadinessInput;
import org.baton.node.readiness.ReadinessReport;
import org.baton.node.readiness.ReadinessReportJson;
import org.baton.node.readiness.ReadinessReportText;
import org.baton.node.readiness.rules.RuleBook;
import org.baton.node.readiness.rules.RuleBookLoadException;
import org.baton.proto.v1.StudentRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code baton readiness --transcript FILE [--text] [--as-of DATE]}: evaluates one student's records and prints
 * the readiness report: per-area a-g status with the courses used, validations and repeats, every GPA with its
 * inputs, transfer progress, aid and deadlines, and the explanation trail.
 *
 * <p>Exit codes: 0 evaluated; 1 a file could not be read or a rule table is invalid; 2 bad command-line usage.
 */
@Command(name = "readiness", mixinStandardHelpOptions = true,
        description = "Evaluate one student's UC/CSU a-g, GPAs, Cal Grant, transfer and aid readiness.")
public final class ReadinessCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--transcript", required = true, paramLabel = "FILE",
            description = "The student's records as Baton JSON: one StudentRecord, or an array of them (one per institution).")
    Path transcript;

    @Option(names = "--text", description = "Print text for people instead of JSON.")
    boolean text;

    @Option(names = "--as-of", paramLabel = "DATE", description = "Evaluation date, YYYY-MM-DD (default: today).")
    String asOf;

    @Option(names = "--ag-lists", paramLabel = "FILE",
            description = "a-g course lists (JSON array of {school, academicYear, courses}); without them the a-g flags on the records are used.")
    Path agLists;

    @Option(names = "--rules", paramLabel = "DIR", description = "Rule tables to use instead of the shipped ones.")
    Path rules;

    @Option(names = "--uc-c-minus-below-c", description = "UC: treat C- as below C (default: +/- ignored, C- counts as C).")
    boolean ucCMinusBelowC;

    @Option(names = "--csu-gpa-window", paramLabel = "NAME",
            description = "CSU GPA window from the rule tables (tenth-eleventh, all-after-ninth).")
    String csuGpaWindow;

    private final Clock clock;

    /** The command, dated by the system clock. */
    public ReadinessCommand() {
        this(Clock.systemDefaultZone());
    }

    /** The command, dated by a clock (tests). */
    public ReadinessCommand(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Integer call() {
        LocalDate date = evaluationDate();
        PrintWriter err = spec.commandLine().getErr();
        try {
            List<StudentRecord> records = RecordFiles.readRecords(transcript);
            AgCourseLists lists = agLists == null ? AgCourseLists.none() : RecordFiles.readAgLists(agLists);
            RuleBook book = rules == null ? RuleBook.loadDefault() : RuleBook.load(rules);
            EvaluationOptions options = EvaluationOptions.defaults();
            if (ucCMinusBelowC) {
                options = options.withUcCMinusCountsAsC(false);
            }
            if (csuGpaWindow != null) {
                options = options.withCsuGpaWindow(csuGpaWindow);
            }
            ReadinessEngine engine;
            try {
                engine = ReadinessEngine.create(book, options);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            ReadinessReport report = engine.evaluate(new ReadinessInput(records, lists, date));
            PrintWriter out = spec.commandLine().getOut();
            out.print(text ? ReadinessReportText.render(report) : ReadinessReportJson.toJsonString(report) + "\n");
            out.flush();
            return 0;
        } catch (TranscriptReadException | RuleBookLoadException e) {
            err.println("baton readiness: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private LocalDate evaluationDate() {
        if (asOf == null) {
            return LocalDate.now(clock);
        }
        try {
            return LocalDate.parse(asOf);
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--as-of': '" + asOf + "' is not a date YYYY-MM-DD", e);
        }
    }
}
