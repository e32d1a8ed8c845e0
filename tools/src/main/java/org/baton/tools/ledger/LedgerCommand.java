package org.baton.tools.ledger;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.baton.ledger.embedded.ChainReport;
import org.baton.ledger.embedded.ChainVerifier;
import org.baton.ledger.embedded.EmbeddedLedgerConfig;
import org.baton.ledger.embedded.EmbeddedLedgerServer;
import org.baton.ledger.embedded.LedgerServerConfig;
import org.baton.ledger.embedded.LedgerStorageException;
import org.baton.trust.Consortium;
import org.baton.trust.ConsortiumCa;
import org.baton.trust.ConsortiumLoadException;
import org.baton.trust.CredentialsLoadException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code baton ledger}: run the embedded ledger server, or re-check a ledger's chain. */
@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = "Run the embedded ledger, or re-check its chain.",
        subcommands = {LedgerCommand.Serve.class, LedgerCommand.Verify.class})
public final class LedgerCommand implements Callable<Integer> {

    /** Exit status when the command could not do its work (bad files, broken chain). */
    static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code baton ledger serve}: serves a ledger directory over mutual-TLS gRPC until stopped. */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Serve the embedded ledger over mutual-TLS gRPC to the consortium members on this machine.")
    static final class Serve implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--data", required = true, paramLabel = "DIR", description = "The ledger's data directory.")
        Path data;

        @Option(names = "--credentials", required = true, paramLabel = "DIR",
                description = "The operator's credentials (baton pki issue): TLS for calls, signing key for blocks.")
        Path credentials;

        @Option(names = "--consortium", required = true, paramLabel = "FILE",
                description = "The signed consortium file.")
        Path consortium;

        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--port", defaultValue = "7600", description = "Port to listen on, 0 for any (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--block-size", paramLabel = "N",
                description = "Cut a block at this many transactions (default: ${DEFAULT-VALUE}).")
        int blockSize = EmbeddedLedgerConfig.DEFAULT_MAX_BLOCK_TRANSACTIONS;

        @Option(names = "--block-delay-ms", paramLabel = "MS",
                description = "Longest wait for a block to fill, in milliseconds (default: ${DEFAULT-VALUE}).")
        long blockDelayMillis = EmbeddedLedgerConfig.DEFAULT_MAX_BLOCK_DELAY.toMillis();

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            EmbeddedLedgerServer server;
            try {
                LedgerServerConfig config = new LedgerServerConfig(data, host, port, credentials, consortium, blockSize,
                        Duration.ofMillis(blockDelayMillis));
                server = EmbeddedLedgerServer.start(config, Clock.systemUTC());
            } catch (IllegalArgumentException | CredentialsLoadException | ConsortiumLoadException
                     | LedgerStorageException e) {
                err.println("baton ledger serve: " + e.getMessage());
                return FAILED;
            } catch (java.io.UncheckedIOException e) {
                err.println("baton ledger serve: " + e.getMessage() + ": " + e.getCause().getMessage());
                return FAILED;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "ledger-shutdown"));
            out.println("ledger listening on port " + server.port());
            out.flush();
            server.awaitTermination();
            return 0;
        }
    }

    /** {@code baton ledger verify}: re-checks every block and transaction; names the first bad block. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Re-check every block hash, link and operator signature and every transaction signature;"
                    + " name the first bad block. Exit status 1 if the chain is not intact.")
    static final class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--data", required = true, paramLabel = "DIR", description = "The ledger's data directory.")
        Path data;

        @Option(names = "--consortium", required = true, paramLabel = "FILE",
                description = "The signed consortium file listing the members' signing keys.")
        Path consortium;

        @Option(names = "--ca", required = true, paramLabel = "FILE",
                description = "The consortium CA certificate (PEM) that signed the consortium file.")
        Path ca;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ChainReport report;
            try {
                X509Certificate caCertificate = ConsortiumCa.readCertificate(ca);
                report = ChainVerifier.verify(data, Consortium.load(consortium, caCertificate));
            } catch (CredentialsLoadException | ConsortiumLoadException | LedgerStorageException e) {
                err.println("baton ledger verify: " + e.getMessage());
                return FAILED;
            }
            if (report.intact()) {
                out.println("chain intact: " + report.blocks() + " blocks, " + report.transactions() + " transactions");
                return 0;
            }
            err.println("chain broken at " + report.fault().orElseThrow() + " (" + report.blocks()
                    + " blocks before it are intact)");
            return FAILED;
        }
    }
}
