package org.baton.tools.ledger;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.baton.bench.BenchReport;
import org.baton.ledger.embedded.EmbeddedLedgerConfig;
import org.baton.ledger.embedded.LedgerBench;
import org.baton.ledger.embedded.SubmitBatching;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code baton bench ledger}: committed receipts per second and commit latency of the embedded ledger. */
@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = "Measure the embedded ledger: concurrent submitters sign receipts and submit them over"
                + " mutual-TLS gRPC; the ledger verifies every signature and fsyncs every block.")
public final class LedgerBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--submitters", defaultValue = "64", description = "Concurrent submitters (default: ${DEFAULT-VALUE}).")
    int submitters;

    @Option(names = "--districts", defaultValue = "8",
            description = "Sending institutions, each with its own connection (default: ${DEFAULT-VALUE}).")
    int districts;

    @Option(names = "--warmup-seconds", defaultValue = "15", description = "Unmeasured warm-up (default: ${DEFAULT-VALUE}).")
    long warmupSeconds;

    @Option(names = "--seconds", defaultValue = "20", description = "Measured time (default: ${DEFAULT-VALUE}).")
    long seconds;

    @Option(names = "--block-size", paramLabel = "N", description = "Block size limit (default: ${DEFAULT-VALUE}).")
    int blockSize = EmbeddedLedgerConfig.DEFAULT_MAX_BLOCK_TRANSACTIONS;

    @Option(names = "--block-delay-ms", paramLabel = "MS", description = "Block delay limit (default: ${DEFAULT-VALUE}).")
    long blockDelayMillis = EmbeddedLedgerConfig.DEFAULT_MAX_BLOCK_DELAY.toMillis();

    @Option(names = "--no-batching",
            description = "Send each receipt in its own SubmitTransaction call instead of gathering concurrent"
                    + " submits of a district into SubmitTransactions calls.")
    boolean noBatching;

    @Option(names = "--max-in-flight", paramLabel = "N",
            description = "Batched calls a district may have awaiting their answer at once (default: ${DEFAULT-VALUE}).")
    int maxInFlight = SubmitBatching.DEFAULT.maxInFlight();

    @Option(names = "--batch-window-ms", paramLabel = "MS",
            description = "How long the first receipt of a batch waits for others (default: ${DEFAULT-VALUE}).")
    long batchWindowMillis = SubmitBatching.DEFAULT.window().toMillis();

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures to FILE as JSON.")
    Path json;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LedgerBench.Options options;
        try {
            SubmitBatching batching = noBatching ? SubmitBatching.NONE
                    : new SubmitBatching(SubmitBatching.DEFAULT.maxTransactions(), SubmitBatching.DEFAULT.maxBytes(),
                            Duration.ofMillis(batchWindowMillis), maxInFlight);
            options = new LedgerBench.Options(submitters, districts, Duration.ofSeconds(warmupSeconds),
                    Duration.ofSeconds(seconds), blockSize, Duration.ofMillis(blockDelayMillis), batching);
        } catch (IllegalArgumentException e) {
            err.println("baton bench ledger: " + e.getMessage());
            return LedgerCommand.FAILED;
        }
        BenchReport report = LedgerBench.run(options).report()
                .withParameter("districts", Integer.toString(districts))
                .withParameter("warmupSeconds", Long.toString(warmupSeconds))
                .withParameter("seconds", Long.toString(seconds))
                .withParameter("blockSize", Integer.toString(blockSize))
                .withParameter("blockDelayMillis", Long.toString(blockDelayMillis))
                .withParameter("submitPath", noBatching ? "one SubmitTransaction call per receipt"
                        : "concurrent submits of a district gathered into SubmitTransactions calls")
                .withParameter("batching", noBatching ? "none" : "window " + batchWindowMillis + " ms, "
                        + maxInFlight + " calls in flight per district");
        out.print(report.toText());
        out.flush();
        if (json != null) {
            try {
                report.writeJson(json);
            } catch (IOException e) {
                err.println("baton bench ledger: cannot write " + json + ": " + e.getMessage());
                return LedgerCommand.FAILED;
            }
        }
        return 0;
    }
}
