package org.baton.tools.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.baton.bench.BenchReport;
import org.baton.ledger.fabric.FabricNetworkFile;
import org.baton.node.exchange.ExchangeBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code baton bench exchange}: transcript exchanges per second between two nodes, and latency at half that rate. */
@Command(name = "exchange", mixinStandardHelpOptions = true,
        description = "Measure transcript exchanges between two real nodes on loopback, end to end: consent check,"
                + " sign, mutual-TLS gRPC, verify, store, receipt and acknowledgment on the embedded ledger."
                + " Throughput first, then p50/p99 latency at half the measured rate.")
public final class ExchangeBenchCommand implements Callable<Integer> {

    static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--students", defaultValue = "1000",
            description = "Students held by the source, one grant each (default: ${DEFAULT-VALUE}).")
    int students;

    @Option(names = "--courses", defaultValue = "40", description = "Courses per transcript (default: ${DEFAULT-VALUE}).")
    int courses;

    @Option(names = "--concurrency", defaultValue = "128",
            description = "Exchanges in flight during the throughput phase (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--clients", defaultValue = "8",
            description = "Threads making the throughput phase's pulls, as the portal's users or a registrar's batch "
                    + "would (default: ${DEFAULT-VALUE}). A pull waits until its first write is on disk; pulls made "
                    + "together share a sync.")
    int clients;

    @Option(names = "--warmup-seconds", defaultValue = "90",
            description = "Unmeasured warm-up before each phase (default: ${DEFAULT-VALUE}). Shorter warm-ups measure "
                    + "mostly the JIT compilers: at 60 s they still take about a fifth of the CPU per exchange.")
    long warmupSeconds;

    @Option(names = "--seconds", defaultValue = "20", description = "Measured time of each phase (default: ${DEFAULT-VALUE}).")
    long seconds;

    @Option(names = "--latency-rate", paramLabel = "PER_SECOND",
            description = "Exchanges per second offered in the latency phase (default: half the measured throughput). "
                    + "A fixed rate compares two builds at the same load.")
    Double latencyRate;

    @Option(names = "--ag-status", description = "Pull the a-g status with each transcript: the source's readiness "
            + "engine evaluates every student it sends.")
    boolean agStatus;

    @Option(names = "--fabric", paramLabel = "FILE",
            description = "Run the nodes on the ledger of a running Hyperledger Fabric network instead of an embedded"
                    + " ledger: the network.properties file tools/fabric/network.sh up wrote.")
    Path fabric;

    @Option(names = "--channel", paramLabel = "NAME",
            description = "With --fabric: the channel (default: the network's last; one no one else writes to).")
    String channel;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures to FILE as JSON.")
    Path json;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExchangeBench.Options options;
        Optional<ExchangeBench.FabricTarget> target = Optional.empty();
        try {
            if (channel != null && fabric == null) {
                throw new IllegalArgumentException("--channel is a channel of a Fabric network; it needs --fabric");
            }
            if (fabric != null) {
                FabricNetworkFile network = FabricNetworkFile.read(fabric);
                target = Optional.of(new ExchangeBench.FabricTarget(network,
                        channel != null ? channel : network.channels().get(network.channels().size() - 1)));
            }
            options = new ExchangeBench.Options(students, courses, concurrency, Duration.ofSeconds(warmupSeconds),
                    Duration.ofSeconds(seconds),
                    latencyRate == null ? OptionalDouble.empty() : OptionalDouble.of(latencyRate), agStatus, clients);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("baton bench exchange: " + e.getMessage());
            return FAILED;
        }
        BenchReport report = ExchangeBench.run(options, target).report()
                .withParameter("students", Integer.toString(students))
                .withParameter("warmupSeconds", Long.toString(warmupSeconds))
                .withParameter("seconds", Long.toString(seconds))
                .withParameter("scopes", agStatus ? "TRANSCRIPT,AG_STATUS" : "TRANSCRIPT");
        out.print(report.toText());
        out.flush();
        if (json != null) {
            try {
                report.writeJson(json);
            } catch (IOException e) {
                err.println("baton bench exchange: cannot write " + json + ": " + e.getMessage());
                return FAILED;
            }
        }
        return 0;
    }
}
