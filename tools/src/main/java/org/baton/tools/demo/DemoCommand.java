package org.baton.tools.demo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.baton.proto.v1.GetStatusResponse;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code baton demo}: a California consortium on one machine — creates (or reuses) it under a data folder, starts
 * the embedded ledger and a node per institution as separate processes, plays the consent-and-exchange scenario,
 * then keeps everything running until Ctrl-C; with {@code --check}, verifies every step, prints a summary and exits
 * 0 only if every step passed.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "A California consortium on one machine: a consortium CA, the embedded ledger, and nodes for Sunrise",
            "Unified (K-12), Valley Oak College, UC Sierra, CSU Delta and CSAC, each its own process with its own",
            "certificates, RocksDB store and ports (127.0.0.1, from --base-port: ledger BASE, node n at",
            "BASE+10n peer, +1 admin, +2 portal). Plays the consent-and-exchange scenario and narrates it, then",
            "runs until Ctrl-C. Every step drives the real code paths and is checked; none is faked.",
            "Exit status with --check: 0 if every step passed, 1 otherwise."})
public final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", defaultValue = "demo-data", paramLabel = "DIR",
            description = "The demo's folder, created on first use and reused after (default: ./${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--reset", description = "Delete the demo folder first and start afresh.")
    boolean reset;

    @Option(names = "--check", description = "Play the scenario, verify every step, print a summary, stop, and exit "
            + "0 only if every step passed.")
    boolean check;

    @Option(names = "--base-port", paramLabel = "PORT",
            description = "First of the demo's ports (default " + DemoPorts.DEFAULT_BASE + ", or the one the folder "
                    + "was set up with); it uses PORT..PORT+" + DemoPorts.SPAN + ".")
    Integer basePort;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        long startedNanos = System.nanoTime();
        Optional<DemoPorts> ports = Optional.ofNullable(basePort).map(DemoPorts::new);
        DemoConsortium consortium = DemoConsortium.prepare(data, ports, reset);
        out.printf("Baton demo in %s (%s in %.1f s), ports %d..%d%n", consortium.root(),
                consortium.created() ? "new consortium: CA and certificates issued" : "reusing its consortium",
                seconds(since(startedNanos)), consortium.ports().base(), consortium.ports().base() + DemoPorts.SPAN);
        out.flush();

        DemoProcesses processes = new DemoProcesses(consortium);
        Thread stopper = new Thread(processes::close, "baton-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            processes.startLedger();
            processes.startNodes(DemoConsortium.WITHOUT_STUDENTS);
            if (consortium.created()) {
                long loading = System.nanoTime();
                consortium.loadStudents();
                out.printf("Synthetic students generated and imported into %s and %s in %.1f s, while the ledger "
                        + "and the other nodes start%n", DemoInstitution.DISTRICT.name(), DemoInstitution.COLLEGE.name(),
                        seconds(since(loading)));
                out.flush();
            }
            processes.startNodes(DemoConsortium.WITH_STUDENTS);
            Map<DemoInstitution, GetStatusResponse> statuses = processes.awaitReady();
            Duration startUp = since(startedNanos);
            out.printf("Ready in %.1f s: the ledger and %d nodes are running (logs in %s).%n",
                    seconds(startUp), DemoInstitution.NODES.size(), consortium.root().resolve("logs"));
            out.flush();

            DemoScenario scenario = new DemoScenario(consortium, processes, out);
            ScenarioReport report = scenario.play(statuses);
            printSummary(out, report, startUp, since(startedNanos));
            if (check) {
                return report.allPassed() ? 0 : 1;
            }
            printRunning(out, consortium, scenario.studentUsername());
            watch(out, processes);
            return 0;
        } finally {
            processes.close();
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running or has run; the processes are stopped either way.
            }
        }
    }

    private static void printSummary(PrintWriter out, ScenarioReport report, Duration startUp, Duration total) {
        out.println();
        out.println("Summary");
        for (StepResult step : report.steps()) {
            out.printf("  %-7s %d. %s%n", step.outcome(), step.number(), step.title());
        }
        out.printf("Steps passed: %d of %d (%d failed, %d missing: not played yet)%n",
                report.count(StepResult.Outcome.PASSED), report.steps().size(),
                report.count(StepResult.Outcome.FAILED), report.count(StepResult.Outcome.MISSING));
        out.printf("Exchanges: %d, receipts on the ledger: %d, grants on the ledger: %d%n", report.exchanges(),
                report.receipts(), report.grants());
        out.printf("Seconds: %.1f (start-up to ready %.1f)%n", seconds(total), seconds(startUp));
        out.println(report.allPassed() ? "RESULT: all steps passed" : "RESULT: not all steps passed");
        out.flush();
    }

    private static void printRunning(PrintWriter out, DemoConsortium consortium, Optional<String> student) {
        out.println();
        out.println("Running. Each institution's portal (HTTPS with the node's certificate, issued by the demo's CA "
                + consortium.caCertificate() + ", so a browser warns until you trust it):");
        for (DemoInstitution node : DemoInstitution.NODES) {
            out.printf("  %-34s %s   (peer 127.0.0.1:%d, admin 127.0.0.1:%d)%n", node.name(),
                    consortium.portalUrl(node), consortium.ports().peer(node), consortium.ports().admin(node));
        }
        out.printf("  ledger 127.0.0.1:%d; logs in %s%n", consortium.ports().ledger(), consortium.root().resolve("logs"));
        out.printf("  audit the ledger as CDE (docs/audit.md): ./baton audit --consortium %s --ca %s --credentials %s"
                + " --ledger 127.0.0.1:%d%n", consortium.consortiumFile(), consortium.caCertificate(),
                consortium.credentials(DemoInstitution.OPERATOR), consortium.ports().ledger());
        out.println("Demo sign-ins (password " + DemoAccounts.PASSWORD + "):");
        String district = consortium.portalUrl(DemoInstitution.DISTRICT).toString();
        out.printf("  %-10s %-10s at %s (the senior of the scenario: records, progress, consent, access log)%n",
                "student", student.orElse(DemoAccounts.STUDENT.username()), district);
        out.printf("  %-10s %-10s at %s (a minor's parent: reads and consents for the student)%n", "guardian",
                DemoAccounts.GUARDIAN.username(), district);
        for (DemoAccounts.SignIn signIn : DemoAccounts.STAFF) {
            out.printf("  %-10s %-10s on every portal (staff: the first sign-in enrolls an authenticator app)%n",
                    signIn.role().name().toLowerCase(java.util.Locale.ROOT), signIn.username());
        }
        out.println("Ctrl-C stops everything.");
        out.flush();
    }

    /**
     * Blocks until Ctrl-C (the shutdown hook stops the processes) or an interrupt of this thread (returns, and the
     * caller stops them), saying so when a process stops on its own.
     */
    private static void watch(PrintWriter out, DemoProcesses processes) {
        java.util.Set<DemoInstitution> reported = new java.util.HashSet<>();
        while (true) {
            for (DemoInstitution stopped : processes.exited()) {
                if (reported.add(stopped)) {
                    out.printf("%s stopped unexpectedly. End of its log:%n%s%n", stopped.name(),
                            processes.tail(stopped));
                    out.flush();
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                out.println("Stopping the demo.");
                out.flush();
                return;
            }
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
