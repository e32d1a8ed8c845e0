package org.baton.node.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import org.baton.ledger.Acknowledged;
import org.baton.ledger.Acknowledgment;
import org.baton.ledger.Committed;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.RejectionReason;
import org.baton.ledger.Scope;
import org.baton.ledger.TxId;
import org.baton.ledger.audit.AuditCsv;
import org.baton.ledger.testing.LedgerFixtures;
import org.baton.node.portal.FakeBackends;
import org.baton.node.portal.PortalClient;
import org.baton.node.portal.PortalHarness;
import org.baton.node.portal.accounts.Role;
import org.baton.node.portal.consent.Institution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The auditor's page over HTTPS: the period, the findings, the tallies and the CSV; nobody else may see it. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AuditPagesIT {

    private PortalHarness portal;
    private PortalClient auditor;
    private FakeBackends.Audit ledger;
    private long sequence;

    @BeforeEach
    void start() {
        portal = new PortalHarness();
        ledger = portal.fakes.audit;
        portal.fakes.consent.institutions.add(new Institution(LedgerFixtures.UNIVERSITY, "UC Sierra"));
        auditor = portal.client();
        portal.signIn(auditor, portal.active(Role.AUDITOR, "audit", "Dana Auditor"));
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    private Committed at(Instant when) {
        sequence++;
        return new Committed(TxId.of(LedgerFixtures.hashOf("tx " + sequence)), sequence, when);
    }

    /** A grant from the district to the university, a receipt accepted, one rejected, one never acknowledged. */
    private void disclosures(Instant when) {
        ConsentGrant grant = LedgerFixtures.grant(when.minus(Duration.ofDays(1))).build();
        ledger.grants.add(new GrantRecord(grant, at(grant.issuedAt()), Optional.empty()));
        for (int i = 0; i < 3; i++) {
            ExchangeReceipt receipt = LedgerFixtures.receiptUnder(grant, EnumSet.of(Scope.TRANSCRIPT),
                    when.plusSeconds(i));
            ReceiptRecord record = new ReceiptRecord(receipt, at(when.plusSeconds(i)), Optional.empty());
            if (i == 0) {
                record = record.acknowledgedBy(new Acknowledged(Acknowledgment.accepted(receipt.id()),
                        at(when.plusSeconds(10))));
            } else if (i == 1) {
                record = record.acknowledgedBy(new Acknowledged(Acknowledgment.rejected(receipt.id(),
                        RejectionReason.STUDENT_NOT_MATCHED), at(when.plusSeconds(10))));
            }
            ledger.receipts.add(record);
        }
    }

    @Test
    void shows_the_last_30_days_checked_against_consent_with_each_institution_and_every_finding() {
        disclosures(portal.clock.instant().minus(Duration.ofDays(10)));

        PortalClient.Response page = auditor.get("/audit");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("value=\"2026-01-31\"").contains("value=\"2026-03-01\"")
                .contains("3 receipts and 1 grants in the period: 1 accepted by their recipient, 1 rejected, 1 not"
                        + " acknowledged yet.")
                .contains("No disclosure outside its consent.")
                .contains("data-kind=\"REJECTED\">1<").contains("data-kind=\"UNACKNOWLEDGED\">1<")
                .contains("data-kind=\"AFTER_REVOCATION\">0<")
                .contains("UC Sierra")
                .contains("Rejected (the records are not of the grant's student) on ")
                .contains("href=\"/audit.csv?from=2026-01-31&amp;to=2026-03-01&amp;within=7\"");
        assertThat(ledger.asked).singleElement().satisfies(range -> {
            assertThat(range.from()).isEqualTo(Instant.parse("2026-01-31T08:00:00Z"));
            assertThat(range.until()).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
        });
    }

    @Test
    void a_period_without_the_disclosures_lists_nothing_and_the_csv_has_every_receipt_of_its_own() throws Exception {
        disclosures(portal.clock.instant().minus(Duration.ofDays(10)));

        PortalClient.Response before = auditor.get("/audit?from=2025-01-01&to=2025-12-31&within=7");
        PortalClient.Response csv = auditor.get("/audit.csv?from=2026-01-31&to=2026-03-01&within=30");

        assertThat(before.body()).contains("0 receipts and 1 grants").contains("id=\"audit-nofindings\"");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"audit-" + FakeBackends.Audit.SELF + "-2026-01-31-2026-03-01.csv\"");
        String[] rows = csv.body().split("\r\n");
        assertThat(rows).hasSize(4);
        assertThat(rows[0]).isEqualTo(AuditCsv.HEADER);
        assertThat(rows[2]).endsWith(",REJECTED,STUDENT_NOT_MATCHED,REJECTED");
        // 30 days to acknowledge: the receipt recorded 10 days ago is not overdue.
        assertThat(rows[3]).endsWith(",,,,");
    }

    @Test
    void a_bad_period_or_an_unreadable_ledger_says_so_and_reads_nothing() {
        PortalClient.Response backwards = auditor.get("/audit?from=2026-02-10&to=2026-02-01&within=7");
        PortalClient.Response tooLong = auditor.get("/audit?from=2024-01-01&to=2026-02-01&within=7");
        PortalClient.Response within = auditor.get("/audit?from=2026-02-01&to=2026-02-10&within=-1");
        PortalClient.Response badCsv = auditor.get("/audit.csv?from=nope&to=2026-02-10");

        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body()).contains("Choose a period of at most a year");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(within.body()).contains("Choose 0 to 365 days to acknowledge.");
        assertThat(badCsv.status()).isEqualTo(400);
        assertThat(ledger.asked).isEmpty();

        ledger.down = true;
        PortalClient.Response down = auditor.get("/audit");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body()).contains("The ledger cannot be read right now.");
    }

    @Test
    void a_node_without_a_ledger_says_there_is_nothing_to_audit() {
        ledger.connected = false;

        PortalClient.Response page = auditor.get("/audit");
        PortalClient.Response csv = auditor.get("/audit.csv?from=2026-01-01&to=2026-01-31");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("This node reads no ledger: there is nothing to audit here.")
                .doesNotContain("id=\"audit-summary\"");
        assertThat(csv.status()).isEqualTo(404);
        assertThat(ledger.asked).isEmpty();
    }

    @Test
    void only_an_auditor_may_read_it() {
        PortalClient registrar = portal.client();
        portal.signIn(registrar, portal.active(Role.REGISTRAR, "reg", "Rita Registrar"));

        assertThat(registrar.get("/audit").status()).isEqualTo(403);
        assertThat(registrar.get("/audit.csv?from=2026-01-01&to=2026-01-31").status()).isEqualTo(403);
        assertThat(portal.client().get("/audit").status()).isIn(302, 303);
        assertThat(ledger.asked).isEmpty();
    }
}
