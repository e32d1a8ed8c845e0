package org.baton.node.exchange;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.baton.ledger.GrantorRole;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.Purpose;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.ledger.Sources;
import org.baton.node.NodeApp;
import org.baton.node.config.NodeConfig;
import org.baton.node.student.Ssid;
import org.baton.node.student.StudentId;
import org.baton.trust.InstitutionId;

/**
 * A node in a process of its own for the fault tests, started from its YAML file, driven by lines on standard input
 * (as a portal or registrar would drive it) and answering on standard output:
 *
 * <pre>
 *   grants FROM TO SOURCE     the student with each number in [FROM, TO) grants this node (as recipient) their
 *                             transcript from SOURCE; prints "granted N" after each, then "grants done"
 *   disclose FROM TO TO_ID    discloses each student's transcript to TO_ID as a school they seek to enroll in;
 *                             prints "disclosed N" after each, then "disclose done"
 *   status                    prints "status unfinished=U receipts=R acks=A notifications=N grants=G"
 *   quit                      closes the node and exits
 * </pre>
 */
public final class ExchangeNodeProcess {

    private ExchangeNodeProcess() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        NodeApp node = NodeApp.create(NodeConfig.load(Path.of(args[0])), List.of(), Clock.systemUTC()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "node-shutdown"));
        ExchangeModule exchange = node.exchange().orElseThrow();
        ExchangeStatus resumed = exchange.exchanges().status();
        out.println("node ready, resumed " + resumed.unfinishedByState() + " notifications="
                + resumed.queuedNotifications() + " grants=" + resumed.queuedGrants());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.trim().split("\\s+");
            switch (words[0]) {
                case "grants" -> {
                    InstitutionId source = InstitutionId.of(words[3]);
                    for (long n = Long.parseLong(words[1]); n < Long.parseLong(words[2]); n++) {
                        StudentId student = node.store().findBySsid(Ssid.of(Students.ssid(n))).orElseThrow().id();
                        exchange.consent().grant(new ConsentRequest(student, GrantorRole.STUDENT, node.institution(),
                                Sources.named(source), EnumSet.of(Scope.TRANSCRIPT), Purpose.ADMISSION,
                                Clock.systemUTC().instant().plus(Duration.ofDays(30)),
                                Sha256.hash(("consent " + n).getBytes(StandardCharsets.UTF_8))));
                        out.println("granted " + n);
                    }
                    out.println("grants done");
                }
                case "disclose" -> {
                    InstitutionId recipient = InstitutionId.of(words[3]);
                    for (long n = Long.parseLong(words[1]); n < Long.parseLong(words[2]); n++) {
                        StudentId student = node.store().findBySsid(Ssid.of(Students.ssid(n))).orElseThrow().id();
                        exchange.exchanges().disclose(LegalBasis.SEEKS_ENROLLMENT, student, recipient,
                                EnumSet.of(Scope.TRANSCRIPT));
                        out.println("disclosed " + n);
                    }
                    out.println("disclose done");
                }
                case "status" -> {
                    ExchangeStatus status = exchange.exchanges().status();
                    Map<ExchangeState, Long> unfinished = status.unfinishedByState();
                    out.println("status unfinished=" + status.unfinished() + " receipts=" + status.queuedReceipts()
                            + " acks=" + status.queuedAcknowledgments() + " notifications="
                            + status.queuedNotifications() + " grants=" + status.queuedGrants() + " " + unfinished);
                }
                case "quit" -> {
                    node.close();
                    out.println("bye");
                    System.exit(0);
                }
                default -> out.println("unknown command " + words[0]);
            }
        }
        node.close();
    }
}
