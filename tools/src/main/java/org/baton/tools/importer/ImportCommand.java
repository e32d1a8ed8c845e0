package org.baton.tools.importer;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.baton.node.NodeStartException;
import org.baton.node.config.NodeConfig;
import org.baton.node.config.NodeConfigException;
import org.baton.node.importer.ImportFailedException;
import org.baton.node.importer.ImportFormat;
import org.baton.node.importer.ImportRequest;
import org.baton.node.importer.ImportRuns;
import org.baton.node.importer.ImportSummary;
import org.baton.node.importer.Importer;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoreException;
import org.baton.tools.LocalStore;
import org.baton.tools.quality.QualityCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code baton import --config NODE_CONFIG --format calpads|oneroster|pesc|json --input PATH [--report FILE]}.
 * Exit status: 0 every row loaded; 3 the import completed but some rows were rejected (see the report);
 * 1 the import failed (nothing after the last committed batch was written; run it again).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {
            "Imports SIS exports into the node's record store (the node must be stopped). Every row is",
            "validated; rejected rows are listed in the report as file:line: field: reason and good rows load.",
            "Students are written whole, in atomic batches; running the same import again changes nothing,",
            "and an interrupted import completes when run again.",
            "Exit status: 0 all rows loaded, 3 some rows rejected, 1 failed."})
public final class ImportCommand implements Callable<Integer> {

    /** Exit status when the import completed with rejected rows. */
    public static final int EXIT_REJECTED_ROWS = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "NODE_CONFIG", description = "The node's YAML configuration.")
    Path config;

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "calpads, oneroster, pesc or json (see docs/formats/).")
    String format;

    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "The export: a directory of CSV files (calpads, oneroster), an XML file or directory (pesc), "
                    + "a JSON Lines file or directory (json).")
    Path input;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Where to write rejected rows (default: <dataDir>/import-reports/<format>-<time>.txt).")
    Path report;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Scratch space for the import, about 1.5 times the input's size (default: <dataDir>/import-work).")
    Path workDir;

    @Option(names = "--batch-size", defaultValue = "" + ImportRequest.DEFAULT_BATCH_SIZE, paramLabel = "N",
            description = "Students per atomic write (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "MODE",
            description = "auto (a bar on a terminal, plain lines otherwise), bar, plain or none.")
    String progress;

    @Override
    public Integer call() {
        ImportFormat importFormat;
        ConsoleProgress.Mode mode;
        try {
            importFormat = ImportFormat.fromCliName(format);
            mode = switch (progress.toLowerCase(Locale.ROOT)) {
                case "auto" -> ConsoleProgress.detect();
                case "bar" -> ConsoleProgress.Mode.BAR;
                case "plain" -> ConsoleProgress.Mode.PLAIN;
                case "none" -> ConsoleProgress.Mode.NONE;
                default -> throw new IllegalArgumentException("--progress must be auto, bar, plain or none, not '"
                        + progress + "'");
            };
            if (batchSize < 1) {
                throw new IllegalArgumentException("--batch-size must be at least 1");
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
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
        Path reportFile = report != null ? report : node.dataDir().resolve("import-reports").resolve(
                importFormat.cliName() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                        + ".txt");
        Path work = workDir != null ? workDir : node.dataDir().resolve("import-work");
        ImportRequest request = ImportRequest.of(importFormat, input, node.institution().id())
                .withReport(reportFile).withWorkDir(work).withBatchSize(batchSize);
        ImportSummary summary;
        try (RecordStore store = LocalStore.openForImport(node);
             ConsoleProgress listener = new ConsoleProgress(System.err, mode, Duration.ofSeconds(5))) {
            // The run is remembered in the store, finished or failed, for the registrar's pages in the portal.
            ImportRuns runs = ImportRuns.in(store);
            Instant startedAt = Instant.now();
            try {
                summary = Importer.create(store, listener).run(request);
            } catch (ImportFailedException e) {
                runs.recordFailed(request, startedAt, e.getMessage());
                throw e;
            }
            runs.recordFinished(request, startedAt, summary);
            out.println(summaryLine(summary));
            // The rules look at whole records and across students, so they run over every student again.
            try {
                out.println(QualityCommand.summary(QualityCommand.check(node, store)));
            } catch (NodeStartException e) {
                err.println("data quality: not checked: " + e.getMessage());
            }
        } catch (ImportFailedException | StoreException e) {
            err.println(e.getMessage());
            return 1;
        }
        if (summary.rowsRejected() > 0) {
            out.println("rejected rows are listed in " + summary.report());
        }
        out.flush();
        return summary.rowsRejected() > 0 ? EXIT_REJECTED_ROWS : 0;
    }

    static String summaryLine(ImportSummary s) {
        return String.format(Locale.ROOT,
                "rows read %,d, loaded %,d, rejected %,d, skipped %,d; students written %,d, unchanged %,d; "
                        + "%.1f s, %,.0f rows/s",
                s.rowsRead(), s.rowsLoaded(), s.rowsRejected(), s.rowsSkipped(), s.studentsWritten(),
                s.studentsUnchanged(), s.seconds(), s.rowsPerSecond());
    }
}
