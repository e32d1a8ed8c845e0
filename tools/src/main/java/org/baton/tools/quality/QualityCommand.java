package org.baton.tools.quality;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.baton.node.NodeApp;
import org.baton.node.NodeStartException;
import org.baton.node.config.NodeConfig;
import org.baton.node.config.NodeConfigException;
import org.baton.node.quality.DataQuality;
import org.baton.node.quality.QualityRule;
import org.baton.node.quality.ReceivedQuality;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoreException;
import org.baton.proto.v1.LocalId;
import org.baton.tools.LocalStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code baton quality --config NODE_CONFIG [--no-check] [--list] [--rule RULE] [--dismissed] [--csv FILE]}: runs
 * the node's data-quality rules over every student and reports what they found, as the registrar's data-quality
 * page in the portal shows it.
 */
@Command(name = "quality", mixinStandardHelpOptions = true,
        description = {
            "Runs the data-quality rules over every student in the node's record store (the node must be",
            "stopped) and prints the findings per rule; `baton import` runs them after every import. With",
            "--list or --csv it also lists the findings, which hold personal data: keep the file where the",
            "records themselves may be kept. Rules: SSID_CHECK_DIGIT, POSSIBLE_DUPLICATE, AG_NOT_ON_LIST,",
            "AG_FLAGS_DIFFER, GPA_MISMATCH, CAL_GRANT_GPA_WEIGHTED, COURSE_OUTSIDE_ENROLLMENT (docs/data-quality.md)."})
public final class QualityCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "NODE_CONFIG", description = "The node's YAML configuration.")
    Path config;

    @Option(names = "--no-check", description = "Report what the last check found, without checking again.")
    boolean noCheck;

    @Option(names = "--list", description = "Print each finding (student id, local ids, rule, what is wrong).")
    boolean list;

    @Option(names = "--rule", paramLabel = "RULE", description = "List only this rule's findings.")
    String rule;

    @Option(names = "--dismissed", description = "List the findings a registrar dismissed, not the open ones.")
    boolean dismissed;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the listed findings as CSV to FILE.")
    Path csv;

    @Override
    public Integer call() {
        Optional<QualityRule> only = Optional.empty();
        if (rule != null) {
            only = Optional.of(QualityRule.named(rule).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "--rule: '" + rule + "' is not one of " + List.of(QualityRule.values()))));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        NodeConfig node;
        try {
            node = NodeConfig.load(config);
        } catch (NodeConfigException e) {
            err.println(e.getMessage());
            return 1;
        }
        try (RecordStore store = LocalStore.open(node)) {
            DataQuality quality = DataQuality.in(store);
            if (!noCheck) {
                DataQuality.ScanReport report = check(node, store);
                out.println(summary(report));
            } else {
                Optional<DataQuality.ScanReport> last = quality.lastScan();
                out.println(last.map(r -> String.format(Locale.ROOT, "data quality: last checked %s, %,d students",
                        r.checkedAt(), r.students())).orElse("data quality: the rules have not run yet"));
            }
            Map<QualityRule, DataQuality.RuleCount> counts = quality.counts();
            for (QualityRule each : QualityRule.values()) {
                DataQuality.RuleCount count = counts.get(each);
                out.printf(Locale.ROOT, "  %-26s %,8d open %,6d dismissed  %s%n", each.name(), count.open(),
                        count.dismissed(), each.description());
            }
            ReceivedQuality.Counts received = ReceivedQuality.countsIn(store);
            out.printf(Locale.ROOT, "received records: %,d open findings in %,d packages, %,d dismissed (checked as "
                    + "the node accepts them; listed on the portal's Data quality page)%n", received.open(),
                    received.packages(), received.dismissed());
            if (list || csv != null) {
                List<DataQuality.Listed> found = all(quality, only);
                if (list) {
                    for (DataQuality.Listed item : found) {
                        out.println(item.finding().student().value() + "\t" + localIds(store, item) + "\t"
                                + item.finding().rule() + "\t" + item.finding().detail()
                                + item.dismissal().map(d -> "\t(dismissed by " + d.by() + ": " + d.reason() + ")")
                                        .orElse(""));
                    }
                }
                if (csv != null) {
                    writeCsv(store, found);
                    out.println(found.size() + " findings written to " + csv);
                }
            }
        } catch (NodeStartException | StoreException | UncheckedIOException e) {
            err.println(e.getMessage());
            return 1;
        }
        out.flush();
        return 0;
    }

    /**
     * Runs the node's rules over every student in {@code store}, on every processor.
     *
     * @throws NodeStartException if the node's a-g list files are malformed
     */
    public static DataQuality.ScanReport check(NodeConfig node, RecordStore store) {
        return DataQuality.in(store).scan(NodeApp.qualityChecker(node, store), Clock.systemUTC(),
                Runtime.getRuntime().availableProcessors());
    }

    /** One line: students checked, time, findings and the rules that found them. */
    public static String summary(DataQuality.ScanReport report) {
        String byRule = report.byRule().entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.comparingByKey())
                .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "data quality: %,d students checked in %.1f s; %,d findings%s",
                report.students(), report.elapsed().toMillis() / 1000.0, report.findings(),
                byRule.isEmpty() ? "" : " (" + byRule + ")");
    }

    private List<DataQuality.Listed> all(DataQuality quality, Optional<QualityRule> only) {
        List<DataQuality.Listed> found = new java.util.ArrayList<>();
        while (true) {
            List<DataQuality.Listed> page = quality.list(only, dismissed, found.size(), 10_000);
            found.addAll(page);
            if (page.size() < 10_000) {
                return found;
            }
        }
    }

    private static String localIds(RecordStore store, DataQuality.Listed item) {
        return store.student(item.finding().student())
                .map(s -> s.record().getStudent().getLocalIdsList().stream().map(LocalId::getValue)
                        .collect(Collectors.joining(" ")))
                .orElse("");
    }

    private void writeCsv(RecordStore store, List<DataQuality.Listed> found) {
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("student_id,local_ids,rule,record_id,detail,dismissed_by,dismissed_because\r\n");
            for (DataQuality.Listed item : found) {
                w.write(item.finding().student().value() + "," + field(localIds(store, item)) + ","
                        + item.finding().rule() + "," + field(item.finding().recordId()) + ","
                        + field(item.finding().detail()) + ","
                        + field(item.dismissal().map(DataQuality.Dismissal::by).orElse("")) + ","
                        + field(item.dismissal().map(DataQuality.Dismissal::reason).orElse("")) + "\r\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + csv + ": " + e.getMessage(), e);
        }
    }

    /** A CSV field (RFC 4180), with a leading formula character defused for spreadsheets. */
    static String field(String value) {
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
