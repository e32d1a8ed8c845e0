package org.baton.ledger.fabric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.baton.trust.InstitutionId;

/**
 * A real Fabric network on loopback for the integration tests, as {@code tools/fabric/network.sh up} writes it to
 * {@code network.properties}.
 *
 * <p>With the system property {@value #PROPERTY} (a {@code network.properties} file) the tests use that network.
 * Without it, the first test to ask builds the Fabric binaries ({@code tools/fabric/build.sh}, cached), starts a
 * network in {@code target/fabric-network} with the chaincode jar of {@code ledger/chaincode}, and stops it when the
 * JVM exits. Each test that needs an empty ledger takes a channel no other test has used.
 */
public final class FabricNetwork {

    /** The system property naming an already running network's {@code network.properties}. */
    public static final String PROPERTY = "baton.fabric.network";
    /** The system property saying how many channels to create up front when the tests start the network. */
    public static final String CHANNELS_PROPERTY = "baton.fabric.channels";
    /** Channels created up front by default: one per test of the ledger contract suite, and a few more. */
    private static final int CHANNELS = 64;
    /** Channels added at a time once those are used up. */
    private static final int MORE_CHANNELS = 8;

    private static FabricNetwork shared;

    private final Path file;
    private final Optional<Path> ownDir;
    private FabricNetworkFile network;
    private final List<String> channels = new ArrayList<>();
    private int used;

    private FabricNetwork(Path file, Optional<Path> ownDir) {
        this.file = file;
        this.ownDir = ownDir;
        reload();
    }

    /** The network of this JVM's tests, started on first use. */
    public static synchronized FabricNetwork shared() {
        if (shared == null) {
            String given = System.getProperty(PROPERTY, "");
            shared = given.isBlank() ? start() : new FabricNetwork(Path.of(given), Optional.empty());
        }
        return shared;
    }

    private static FabricNetwork start() {
        Path repository = repository();
        Path dir = Path.of("target", "fabric-network").toAbsolutePath();
        Path script = repository.resolve("tools/fabric/network.sh");
        run(List.of(repository.resolve("tools/fabric/build.sh").toString()), 1800);
        run(List.of(script.toString(), "down", "--dir", dir.toString(), "--clean"), 120);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                run(List.of(script.toString(), "down", "--dir", dir.toString()), 120), "fabric-network-down"));
        run(List.of(script.toString(), "up", "--dir", dir.toString(), "--channels",
                Integer.toString(Integer.getInteger(CHANNELS_PROPERTY, CHANNELS)),
                "--chaincode-jar", chaincodeJar(repository).toString()), 1800);
        return new FabricNetwork(dir.resolve("network.properties"), Optional.of(dir));
    }

    /** A channel no test has used: an empty ledger. */
    public synchronized String freshChannel() {
        if (used == channels.size()) {
            Path dir = ownDir.orElseThrow(() -> new IllegalStateException("all " + channels.size()
                    + " channels of the network in " + file + " are used; start it with more (--channels)"));
            run(List.of(repository().resolve("tools/fabric/network.sh").toString(), "add-channels", "--dir",
                    dir.toString(), "--count", Integer.toString(MORE_CHANNELS)), 600);
            reload();
            if (used == channels.size()) {
                throw new IllegalStateException("network.sh add-channels added no channel to " + file);
            }
        }
        return channels.get(used++);
    }

    /** How {@code member} reaches the ledger on {@code channel}: its client identity and its Gateway peer. */
    public synchronized FabricLedgerConfig config(InstitutionId member, String channel) {
        return network.config(member, channel, FabricLedgerConfig.Timeouts.DEFAULT);
    }

    /** The members of the network, as institution ids. */
    public synchronized List<InstitutionId> members() {
        return network.members();
    }

    /**
     * Stops the orderer's process where it stands (SIGSTOP), as a hung or unreachable orderer: endorsements still
     * work, nothing commits. {@link #resumeOrderer} lets it go on.
     */
    public void pauseOrderer() {
        signal("STOP");
    }

    /** Lets the orderer {@link #pauseOrderer} stopped go on (SIGCONT). */
    public void resumeOrderer() {
        signal("CONT");
    }

    private void signal(String signal) {
        Path pidFile = Path.of(network.properties().getProperty("network.dir"), "pids", "orderer.pid");
        try {
            String pid = Files.readString(pidFile).strip().split("\\s+")[0];
            Process kill = new ProcessBuilder("kill", "-" + signal, pid).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " (the orderer) failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot signal the orderer of " + pidFile, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling the orderer", e);
        }
    }

    /** The network file the tests read. */
    public Path file() {
        return file;
    }

    private synchronized void reload() {
        network = FabricNetworkFile.read(file);
        channels.clear();
        channels.addAll(network.channels());
    }

    /** The repository's root: the nearest directory up from here holding {@code tools/fabric/network.sh}. */
    private static Path repository() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("tools/fabric/network.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no tools/fabric/network.sh above " + Path.of("").toAbsolutePath());
    }

    /** The chaincode-as-a-service jar {@code ledger/chaincode} builds. */
    private static Path chaincodeJar(Path repository) {
        Path target = repository.resolve("ledger/chaincode/target");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "baton-ledger-chaincode-*-service.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + target, e);
        }
        throw new IllegalStateException("no chaincode jar in " + target + ": build ledger/chaincode first");
    }

    /**
     * Runs a script and fails unless it exits 0 within {@code seconds}. Its output goes to
     * {@code target/fabric-network.log} (not to this JVM's, which the test runner reads), and its last lines into the
     * failure's message.
     */
    private static void run(List<String> command, long seconds) {
        Path log = Path.of("target", "fabric-network.log").toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + seconds + " s; "
                        + tail(log));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue()
                        + "; " + tail(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return "the end of " + log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
