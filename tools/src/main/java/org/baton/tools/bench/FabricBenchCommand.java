package org.baton.tools.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.baton.bench.BenchReport;
import org.baton.ledger.fabric.FabricLedgerBench;
import org.baton.ledger.fabric.FabricNetworkFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code baton bench fabric}: committed receipts per second and commit latency of the ledger on Fabric. */
@Command(name = "fabric", mixinStandardHelpOptions = true,
        description = "Measure the ledger on a running Hyperledger Fabric network (tools/fabric/network.sh up):"
                + " concurrent submitters of a district record receipts through its Gateway peer; each is endorsed"
                + " by the baton chaincode, ordered and committed before it counts.")
public final class FabricBenchCommand implements Callable<Integer> {

    private static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--network", required = true, paramLabel = "FILE",
            description = "The network.properties file network.sh up wrote.")
    Path network;

    @Option(names = "--channel", paramLabel = "NAME",
            description = "The channel to write to (default: the network's last; it should be one no test uses).")
    String channel;

    @Option(names = "--submitters", defaultValue = "64", description = "Concurrent submitters (default: ${DEFAULT-VALUE}).")
    int submitters;

    @Option(names = "--warmup-seconds", defaultValue = "10", description = "Unmeasured warm-up (default: ${DEFAULT-VALUE}).")
    long warmupSeconds;

    @Option(names = "--seconds", defaultValue = "20", description = "Measured time (default: ${DEFAULT-VALUE}).")
    long seconds;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures to FILE as JSON.")
    Path json;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FabricNetworkFile file;
        FabricLedgerBench.Options options;
        try {
            file = FabricNetworkFile.read(network);
            options = new FabricLedgerBench.Options(submitters, Duration.ofSeconds(warmupSeconds),
                    Duration.ofSeconds(seconds));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("baton bench fabric: " + e.getMessage());
            return FAILED;
        }
        String target = channel != null ? channel : file.channels().get(file.channels().size() - 1);
        BenchReport report;
        try {
            report = FabricLedgerBench.run(file, target, options);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("baton bench fabric: " + e.getMessage());
            return FAILED;
        }
        out.print(report.toText());
        out.flush();
        if (json != null) {
            try {
                report.writeJson(json);
            } catch (IOException e) {
                err.println("baton bench fabric: cannot write " + json + ": " + e.getMessage());
                return FAILED;
            }
        }
        return 0;
    }
}
