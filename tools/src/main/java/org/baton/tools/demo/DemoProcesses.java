package org.baton.tools.demo;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.baton.proto.v1.GetStatusRequest;
import org.baton.proto.v1.GetStatusResponse;
import org.baton.proto.v1.NodeAdminGrpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the embedded ledger and each node as its own OS process — the {@code baton ledger serve} and
 * {@code baton node start} entry points on this JVM's class path — with their output in {@code DATA/logs}.
 * Separate processes are what a real deployment looks like (one node per institution, each with its own store and
 * keys), and a crash in one leaves the others up. {@link #close()} stops them all (SIGTERM, then a forced stop after
 * a grace period); it is idempotent and also runs on Ctrl-C.
 */
final class DemoProcesses implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoProcesses.class);
    /** A guard against a hung start, not the target (start-up takes seconds on an idle machine). */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** Small heaps, one GC thread and the quick JIT tier: six JVMs share a small machine and start fast. */
    private static final List<String> JVM_OPTIONS = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    private final DemoConsortium consortium;
    private final Map<DemoInstitution, Process> processes = new LinkedHashMap<>();
    private boolean closed;

    DemoProcesses(DemoConsortium consortium) {
        this.consortium = consortium;
    }

    /** Checks every port of the plan is free, then starts the ledger, without waiting for it. */
    synchronized void startLedger() {
        consortium.ports().requireFree();
        DemoPorts ports = consortium.ports();
        start(DemoInstitution.OPERATOR, List.of("ledger", "serve",
                "--data", consortium.ledgerData().toString(),
                "--credentials", consortium.credentials(DemoInstitution.OPERATOR).toString(),
                "--consortium", consortium.consortiumFile().toString(),
                "--host", "127.0.0.1",
                "--port", Integer.toString(ports.ledger())));
    }

    /** Starts these nodes, without waiting for them. */
    synchronized void startNodes(List<DemoInstitution> nodes) {
        for (DemoInstitution node : nodes) {
            start(node, List.of("node", "start", "--config", consortium.nodeConfig(node).toString()));
        }
    }

    private void start(DemoInstitution institution, List<String> arguments) {
        if (closed) {
            throw new IllegalStateException("the demo's processes are stopped");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.baton.tools.Baton");
        command.addAll(arguments);
        Path log = consortium.log(institution);
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .directory(consortium.root().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            processes.put(institution, process);
            LOG.debug("started {} as process {}", institution.id(), process.pid());
        } catch (IOException e) {
            throw new DemoException("cannot start the process for " + institution.name() + " (log " + log + "): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Waits until the ledger accepts connections and every node's admin service answers, at most 180 seconds.
     *
     * @return each node's status, in start order
     * @throws DemoException naming the process that exited or did not become ready, with the end of its log
     */
    Map<DemoInstitution, GetStatusResponse> awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        awaitPort(DemoInstitution.OPERATOR, consortium.ports().ledger(), deadline);
        Map<DemoInstitution, GetStatusResponse> statuses = new LinkedHashMap<>();
        for (DemoInstitution node : DemoInstitution.NODES) {
            statuses.put(node, awaitStatus(node, deadline));
        }
        return statuses;
    }

    /** Asks the node's admin service for its status (a fresh connection, 5-second deadline). */
    GetStatusResponse status(DemoInstitution node) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", consortium.ports().admin(node),
                InsecureChannelCredentials.create()).build();
        try {
            return NodeAdminGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getStatus(GetStatusRequest.getDefaultInstance());
        } finally {
            channel.shutdownNow();
        }
    }

    /**
     * Calls the node's admin service (loopback) with a fresh connection and {@code deadline}.
     *
     * @throws StatusRuntimeException as the service answers
     */
    <T> T admin(DemoInstitution node, Duration deadline,
            java.util.function.Function<NodeAdminGrpc.NodeAdminBlockingStub, T> call) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", consortium.ports().admin(node),
                InsecureChannelCredentials.create()).build();
        try {
            return call.apply(NodeAdminGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS));
        } finally {
            channel.shutdownNow();
        }
    }

    /** Whether every process is still running. */
    synchronized List<DemoInstitution> exited() {
        return processes.entrySet().stream().filter(entry -> !entry.getValue().isAlive()).map(Map.Entry::getKey)
                .toList();
    }

    private GetStatusResponse awaitStatus(DemoInstitution node, Instant deadline) throws InterruptedException {
        while (true) {
            requireAlive(node);
            try {
                return status(node);
            } catch (StatusRuntimeException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw notReady(node, "its admin service on port " + consortium.ports().admin(node)
                            + " did not answer: " + e.getStatus().getCode());
                }
            }
            Thread.sleep(100);
        }
    }

    private void awaitPort(DemoInstitution institution, int port, Instant deadline) throws InterruptedException {
        while (true) {
            requireAlive(institution);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw notReady(institution, "nothing accepts connections on port " + port);
                }
            }
            Thread.sleep(100);
        }
    }

    private synchronized void requireAlive(DemoInstitution institution) {
        Process process = processes.get(institution);
        if (process == null) {
            throw new IllegalStateException(institution.name() + " was not started");
        }
        if (!process.isAlive()) {
            throw new DemoException(institution.name() + " exited with status " + process.exitValue()
                    + " while starting. End of " + consortium.log(institution) + ":\n" + tail(institution));
        }
    }

    private DemoException notReady(DemoInstitution institution, String why) {
        return new DemoException(institution.name() + " was not ready within " + READY_TIMEOUT.toSeconds()
                + " s: " + why + ". End of " + consortium.log(institution) + ":\n" + tail(institution));
    }

    /** The last lines of the process's log, for a failure message. */
    String tail(DemoInstitution institution) {
        try {
            List<String> lines = Files.readAllLines(consortium.log(institution), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(cannot read the log: " + e.getMessage() + ")";
        }
    }

    /** Stops every process: SIGTERM to all, then waits; a process still running after the grace period is killed. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Nodes first, the ledger last: nodes may still be writing to it while they stop.
        List<Map.Entry<DemoInstitution, Process>> order = new ArrayList<>(processes.entrySet());
        java.util.Collections.reverse(order);
        for (Map.Entry<DemoInstitution, Process> entry : order) {
            if (entry.getKey() != DemoInstitution.OPERATOR) {
                entry.getValue().destroy();
            }
        }
        for (Map.Entry<DemoInstitution, Process> entry : order) {
            if (entry.getKey() != DemoInstitution.OPERATOR) {
                stop(entry.getKey(), entry.getValue());
            }
        }
        Process ledger = processes.get(DemoInstitution.OPERATOR);
        if (ledger != null) {
            ledger.destroy();
            stop(DemoInstitution.OPERATOR, ledger);
        }
    }

    private static void stop(DemoInstitution institution, Process process) {
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} did not stop within {} s; stopping it forcibly", institution.id(),
                        STOP_GRACE.toSeconds());
                process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
