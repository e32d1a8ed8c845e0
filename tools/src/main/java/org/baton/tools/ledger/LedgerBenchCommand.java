package org.baton.tools.ledger;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.baton.ledger.embedded.EmbeddedLedgerConfig;
import org.baton.ledger.embedded.LedgerBench;
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

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures to FILE as JSON.")
    Path json;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LedgerBench.Options options;
        try {
            options = new LedgerBench.Options(submitters, districts, Duration.ofSeconds(warmupSeconds),
                    Duration.ofSeconds(seconds), blockSize, Duration.ofMillis(blockDelayMillis), !noBatching);
        } catch (IllegalArgumentException e) {
            err.println("baton bench ledger: " + e.getMessage());
            return LedgerCommand.FAILED;
        }
        LedgerBench.Result result = LedgerBench.run(options);
        out.println("submit path: " + (noBatching ? "one SubmitTransaction call per receipt"
                : "concurrent submits of a district gathered into SubmitTransactions calls"));
        out.print(result.toText());
        out.flush();
        if (json != null) {
            try {
                Files.writeString(json, result.toJson(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("baton bench ledger: cannot write " + json + ": " + e.getMessage());
                return LedgerCommand.FAILED;
            }
        }
        return 0;
    }
}
