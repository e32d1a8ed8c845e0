package org.baton.tools.demo;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.LedgerException;
import org.baton.ledger.LedgerReader;
import org.baton.ledger.Page;
import org.baton.ledger.PageRequest;
import org.baton.ledger.PageToken;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.TimeRange;
import org.baton.ledger.embedded.RemoteLedger;
import org.baton.proto.v1.GetStatusResponse;
import org.baton.tools.demo.StepResult.Outcome;
import org.baton.trust.Consortium;
import org.baton.trust.ConsortiumCa;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.InstitutionId;
import org.baton.trust.Member;
import org.baton.trust.PeerEndpoint;

/**
 * The story the demo plays, step by step, narrating each step and checking its outcome. A step the demo cannot play
 * yet is reported as {@link Outcome#MISSING} with what it needs; it is never played with stand-ins.
 */
final class DemoScenario {

    private static final Duration LEDGER_DEADLINE = Duration.ofSeconds(10);
    private static final int PAGE = 500;

    private final DemoConsortium consortium;
    private final DemoProcesses processes;
    private final PrintWriter out;
    private final List<StepResult> results = new ArrayList<>();
    private AuditorQuery audit = new AuditorQuery(Set.of(), Set.of(), result(Outcome.FAILED, "did not run"));

    DemoScenario(DemoConsortium consortium, DemoProcesses processes, PrintWriter out) {
        this.consortium = Objects.requireNonNull(consortium, "consortium");
        this.processes = Objects.requireNonNull(processes, "processes");
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Plays every step in order.
     *
     * @param statuses each node's status as it became ready
     * @return the outcome of every step, and the exchange and receipt counts found on the ledger
     */
    ScenarioReport play(Map<DemoInstitution, GetStatusResponse> statuses) {
        Consortium members = consortium.consortium();
        step("The consortium is up: a CA, the embedded ledger, and five nodes with their own certificates, stores "
                + "and portals",
                () -> consortiumIsUp(statuses, members));
        missing("Synthetic students are loaded into Sunrise Unified and Valley Oak College",
                "the importer and `baton synth`");
        missing("A senior with dual-enrollment courses signs in to the Sunrise Unified portal and grants consent "
                + "(transcript + a-g status) to UC Sierra, from the district and the college",
                "a student's sign-in and grant through the portal; the node's consent desk, not connected to the "
                        + "ledger and the exchange,");
        missing("UC Sierra pulls from both sources; packages verified; receipts and acknowledgments on the ledger",
                "the exchange's pull (signed packages, receipts, acknowledgments)");
        missing("At UC Sierra the student's a-g status and UC/CSU GPAs include the college courses",
                "the readiness engine over received packages");
        missing("Sunrise Unified uploads Cal Grant GPAs to CSAC for every senior who did not opt out",
                "the exchange's Cal Grant GPA upload");
        missing("The student revokes the grant; a further request from UC Sierra is refused",
                "a revoke through the portal and the exchange's refusal");
        step("An auditor's query shows the grants and receipts, with no personal data on the ledger", () -> {
            audit = auditorQuery(members);
            return audit.result();
        });
        return new ScenarioReport(List.copyOf(results), audit.receipts().size(), audit.receipts().size(),
                audit.grants().size());
    }

    private StepResult consortiumIsUp(Map<DemoInstitution, GetStatusResponse> statuses, Consortium members) {
        List<String> problems = new ArrayList<>();
        for (DemoInstitution node : DemoInstitution.NODES) {
            GetStatusResponse status = statuses.get(node);
            if (status == null) {
                problems.add(node.name() + " did not report its status");
                continue;
            }
            if (!status.getInstitutionId().equals(node.id().value())) {
                problems.add(node.name() + " reports institution " + status.getInstitutionId());
            }
            if (status.getConsortiumMembers() != DemoInstitution.MEMBERS.size()) {
                problems.add(node.name() + " sees " + status.getConsortiumMembers() + " consortium members, not "
                        + DemoInstitution.MEMBERS.size());
            }
            narrate("%-34s %-14s peer 127.0.0.1:%d  admin :%d  store schema v%d", node.name(), node.id(),
                    consortium.ports().peer(node), consortium.ports().admin(node), status.getStoreSchemaVersion());
        }
        try (RemoteLedger ledger = connect(members)) {
            ledger.reader().grantsByInstitution(DemoInstitution.DISTRICT.id(), TimeRange.all(), PageRequest.first(1));
            narrate("%-34s %-14s ledger 127.0.0.1:%d (mutual TLS; read as CDE)", DemoInstitution.OPERATOR.name(),
                    DemoInstitution.OPERATOR.id(), consortium.ports().ledger());
        } catch (LedgerException e) {
            problems.add("the ledger did not answer a read: " + e.getMessage());
        }
        problems.addAll(portalsAnswer());
        if (!processes.exited().isEmpty()) {
            problems.add("processes exited: " + processes.exited().stream().map(DemoInstitution::name).toList());
        }
        return problems.isEmpty()
                ? result(Outcome.PASSED, "5 nodes answer their admin service with the right institution and "
                        + DemoInstitution.MEMBERS.size() + " consortium members; each portal accepts the demo "
                        + "counselor's sign-in over HTTPS and refuses a wrong password; the ledger answers over mutual "
                        + "TLS")
                : result(Outcome.FAILED, String.join("; ", problems));
    }

    /** Signs in to every portal as the demo counselor, and with a wrong password; returns what went wrong. */
    private List<String> portalsAnswer() {
        List<String> problems = new ArrayList<>();
        java.security.cert.X509Certificate ca = ConsortiumCa.readCertificate(consortium.caCertificate());
        for (DemoInstitution node : DemoInstitution.NODES) {
            try {
                PortalClient.Answer right = new PortalClient(consortium.portalUrl(node), ca)
                        .signIn("counselor", DemoAccounts.PASSWORD);
                PortalClient.Answer wrong = new PortalClient(consortium.portalUrl(node), ca)
                        .signIn("counselor", "not-the-demo-password");
                if (right.status() != 303 || !right.location().equals(Optional.of("/sign-in/enroll"))) {
                    problems.add(node.name() + " portal answered the counselor's sign-in with " + right);
                } else if (wrong.status() != 401) {
                    problems.add(node.name() + " portal answered a wrong password with " + wrong);
                } else {
                    narrate("%-34s portal %s: counselor signed in (next: enroll an authenticator); wrong password "
                            + "refused", node.name(), consortium.portalUrl(node));
                }
            } catch (java.io.IOException e) {
                problems.add(node.name() + " portal at " + consortium.portalUrl(node) + " did not answer: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problems.add("interrupted while signing in to " + node.name());
                break;
            }
        }
        return problems;
    }

    /** What the auditor found on the ledger, and the step's outcome. */
    private record AuditorQuery(Set<GrantId> grants, Set<ReceiptId> receipts, StepResult result) {
    }

    private AuditorQuery auditorQuery(Consortium members) {
        Set<GrantId> grants = new LinkedHashSet<>();
        Set<ReceiptId> receipts = new LinkedHashSet<>();
        int acknowledged = 0;
        try (RemoteLedger ledger = connect(members)) {
            LedgerReader reader = ledger.reader();
            Set<ReceiptId> seenAcks = new HashSet<>();
            for (DemoInstitution institution : DemoInstitution.NODES) {
                for (GrantRecord grant : allGrants(reader, institution.id())) {
                    grants.add(grant.grant().id());
                }
                for (ReceiptRecord receipt : allReceipts(reader, institution.id())) {
                    receipts.add(receipt.receipt().id());
                    if (receipt.acknowledged().isPresent() && seenAcks.add(receipt.receipt().id())) {
                        acknowledged++;
                    }
                }
            }
        } catch (LedgerException e) {
            return new AuditorQuery(grants, receipts, result(Outcome.FAILED,
                    "the auditor's query of the ledger failed: " + e.getMessage()));
        }
        narrate("auditor (CDE) reads the ledger: %d grants, %d receipts, %d acknowledged", grants.size(),
                receipts.size(), acknowledged);
        if (grants.isEmpty() && receipts.isEmpty()) {
            return new AuditorQuery(grants, receipts, result(Outcome.MISSING, "the query ran and found no grants "
                    + "and no receipts: nothing to audit until the demo plays the consent and exchange steps"));
        }
        // Reached only once the consent and exchange steps run; they will hand over the students' names and SSIDs
        // so that this step can look for them in everything the ledger returned.
        return new AuditorQuery(grants, receipts, result(Outcome.FAILED, "grants and receipts are on the ledger, "
                + "but the check for personal data needs the loaded students, which the demo does not load yet"));
    }

    private static List<GrantRecord> allGrants(LedgerReader reader, InstitutionId institution) {
        List<GrantRecord> all = new ArrayList<>();
        Optional<PageToken> next = Optional.empty();
        do {
            Page<GrantRecord> page = reader.grantsByInstitution(institution, TimeRange.all(),
                    next.map(token -> PageRequest.after(token, PAGE)).orElse(PageRequest.first(PAGE)));
            all.addAll(page.items());
            next = page.next();
        } while (next.isPresent());
        return all;
    }

    private static List<ReceiptRecord> allReceipts(LedgerReader reader, InstitutionId institution) {
        List<ReceiptRecord> all = new ArrayList<>();
        Optional<PageToken> next = Optional.empty();
        do {
            Page<ReceiptRecord> page = reader.receiptsByInstitution(institution, TimeRange.all(),
                    next.map(token -> PageRequest.after(token, PAGE)).orElse(PageRequest.first(PAGE)));
            all.addAll(page.items());
            next = page.next();
        } while (next.isPresent());
        return all;
    }

    /** A read-only ledger client as CDE, the auditor in the demo (it also operates the ledger). */
    private RemoteLedger connect(Consortium members) {
        Member operator = members.member(DemoInstitution.OPERATOR.id()).orElseThrow(() -> new DemoException(
                consortium.consortiumFile() + " does not list the ledger operator " + DemoInstitution.OPERATOR.id()));
        InstitutionCredentials auditor = InstitutionCredentials.load(consortium.credentials(DemoInstitution.OPERATOR));
        return RemoteLedger.connect(new PeerEndpoint("127.0.0.1", consortium.ports().ledger()), operator, auditor,
                LEDGER_DEADLINE);
    }

    private interface StepBody {
        StepResult run();
    }

    private void step(String title, StepBody body) {
        int number = results.size() + 1;
        out.printf("%n[%d] %s%n", number, title);
        out.flush();
        StepResult partial;
        try {
            partial = body.run();
        } catch (RuntimeException e) {
            partial = result(Outcome.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        record(new StepResult(number, title, partial.outcome(), partial.detail()));
    }

    private void missing(String title, String needs) {
        int number = results.size() + 1;
        out.printf("%n[%d] %s%n", number, title);
        record(new StepResult(number, title, Outcome.MISSING, "not played: the demo does not drive " + needs
                + " yet"));
    }

    private void record(StepResult result) {
        results.add(result);
        out.printf("    %s — %s%n", result.outcome(), result.detail());
        out.flush();
    }

    private void narrate(String format, Object... args) {
        out.printf("    " + format + "%n", args);
        out.flush();
    }

    /** A result whose number and title {@link #step} fills in. */
    private static StepResult result(Outcome outcome, String detail) {
        return new StepResult(0, "-", outcome, detail);
    }
}
