package org.baton.tools.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import org.baton.ledger.Acknowledgment;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.Ledger;
import org.baton.ledger.RejectionReason;
import org.baton.ledger.Scope;
import org.baton.ledger.embedded.EmbeddedLedger;
import org.baton.ledger.embedded.EmbeddedLedgerConfig;
import org.baton.ledger.embedded.EmbeddedLedgerServer;
import org.baton.ledger.embedded.LedgerPki;
import org.baton.ledger.testing.LedgerFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code baton audit} against a real embedded ledger over mutual TLS. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AuditCommandTest {

    private final LedgerPki pki = LedgerPki.shared();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @TempDir
    Path dir;

    private EmbeddedLedger chain;
    private EmbeddedLedgerServer server;
    private String ledgerAddress;
    private ConsentGrant grant;
    private ExchangeReceipt accepted;
    private ExchangeReceipt rejected;
    private ExchangeReceipt waiting;

    @BeforeEach
    void ledgerWithDisclosures() {
        chain = EmbeddedLedger.open(EmbeddedLedgerConfig.defaults(dir.resolve("ledger")), pki.consortium(),
                pki.operator(), Clock.systemUTC());
        server = EmbeddedLedgerServer.serve(chain, new InetSocketAddress("127.0.0.1", 0), pki.operator(),
                pki.consortium());
        ledgerAddress = "127.0.0.1:" + server.port();
        Ledger district = chain.ledgerFor(LedgerFixtures.DISTRICT, pki.credentials(LedgerFixtures.DISTRICT).signingKey());
        Ledger university = chain.ledgerFor(LedgerFixtures.UNIVERSITY,
                pki.credentials(LedgerFixtures.UNIVERSITY).signingKey());
        grant = LedgerFixtures.grant(now).build();
        district.writer().createGrant(grant);
        accepted = LedgerFixtures.receiptUnder(grant, EnumSet.of(Scope.TRANSCRIPT), now);
        rejected = LedgerFixtures.receiptUnder(grant, EnumSet.of(Scope.GPA), now.plusMillis(1));
        waiting = LedgerFixtures.receiptUnder(grant, EnumSet.of(Scope.AG_STATUS), now.plusMillis(2));
        for (ExchangeReceipt receipt : List.of(accepted, rejected, waiting)) {
            district.writer().recordReceipt(receipt);
        }
        university.writer().acknowledge(Acknowledgment.accepted(accepted.id()));
        university.writer().acknowledge(Acknowledgment.rejected(rejected.id(), RejectionReason.STUDENT_NOT_MATCHED));
    }

    @AfterEach
    void close() {
        server.close();
    }

    private int run(Instant at, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--consortium", pki.consortiumFile().toString(),
                "--ca", pki.caCertificateFile().toString(), "--ledger", ledgerAddress,
                "--ledger-operator", LedgerFixtures.CDE.value(),
                "--credentials", pki.credentialsDirectory(LedgerFixtures.CDE).toString()));
        args.addAll(List.of(extra));
        return new CommandLine(new AuditCommand(Clock.fixed(at, ZoneOffset.UTC)))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));
    }

    @Test
    void checks_every_disclosure_against_its_grant_and_tallies_each_institution() throws Exception {
        Path csv = dir.resolve("receipts.csv");

        int status = run(now.plus(Duration.ofDays(10)), "--csv", csv.toString());

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("ledger audit: 3 receipts and 1 grants recorded from 1970-01-01T00:00:00Z")
                .contains("acknowledged 2 (1 accepted, 1 rejected); 1 not yet")
                .containsPattern("AFTER_REVOCATION +0 ")
                .containsPattern("REJECTED +1 ")
                .containsPattern("UNACKNOWLEDGED +1 ")
                .containsPattern(LedgerFixtures.DISTRICT + " .* sent 3 \\(CONSENT 3\\) / received 0, 0 not"
                        + " acknowledged, 0 rejected / 1 grants")
                .containsPattern(LedgerFixtures.UNIVERSITY + " .* sent 0 / received 3, 1 not acknowledged, 1"
                        + " rejected / 0 grants")
                .contains(rejected.id() + "  " + LedgerFixtures.DISTRICT + " -> " + LedgerFixtures.UNIVERSITY
                        + "  REJECTED: the recipient rejected the package (rejected for STUDENT_NOT_MATCHED")
                .contains(waiting.id() + "  " + LedgerFixtures.DISTRICT + " -> " + LedgerFixtures.UNIVERSITY
                        + "  UNACKNOWLEDGED")
                .doesNotContain(accepted.id() + "  " + LedgerFixtures.DISTRICT)
                .contains("3 receipts written to " + csv);
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).startsWith("receipt_id,recorded_at,sent_at,basis,grant_id,sender,recipient,scopes");
        assertThat(rows.get(1)).startsWith(accepted.id().value() + ",").contains(",CONSENT," + grant.id() + ","
                + LedgerFixtures.DISTRICT + "," + LedgerFixtures.UNIVERSITY + ",TRANSCRIPT,")
                .endsWith(",ACCEPTED,,");
        assertThat(rows.get(2)).endsWith(",REJECTED,STUDENT_NOT_MATCHED,REJECTED");
        assertThat(rows.get(3)).endsWith(",,,,UNACKNOWLEDGED");
    }

    @Test
    void a_recipient_has_the_days_allowed_before_an_acknowledgment_is_overdue() {
        assertThat(run(now.plus(Duration.ofDays(10)), "--acknowledge-within", "30")).isZero();

        assertThat(out.toString()).containsPattern("UNACKNOWLEDGED +0 ").doesNotContain("  UNACKNOWLEDGED:");
    }

    @Test
    void audits_one_institution_and_one_period() {
        assertThat(run(now, "--institution", LedgerFixtures.COLLEGE.value())).isZero();
        assertThat(out.toString()).contains("ledger audit: 0 receipts and 0 grants");

        out.getBuffer().setLength(0);
        assertThat(run(now, "--institution", LedgerFixtures.UNIVERSITY.value(), "--from", "2000-01-01",
                "--to", "2000-12-31")).isZero();
        assertThat(out.toString()).contains("ledger audit: 0 receipts and 0 grants recorded from"
                + " 2000-01-01T08:00:00Z until 2001-01-01T08:00:00Z (" + LedgerFixtures.UNIVERSITY + ")");
    }

    @Test
    void audits_one_grant_what_it_allows_its_status_and_every_disclosure_under_it() {
        chain.ledgerFor(LedgerFixtures.DISTRICT, pki.credentials(LedgerFixtures.DISTRICT).signingKey()).writer()
                .revokeGrant(grant.id());

        int status = run(now.plus(Duration.ofDays(1)), "--grant", grant.id().value());

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("grant " + grant.id() + ", as of ")
                .contains(": REVOKED")
                .contains("attested by  " + LedgerFixtures.DISTRICT + " (")
                .contains("recipient    " + LedgerFixtures.UNIVERSITY + " (")
                .contains("sources      " + LedgerFixtures.DISTRICT + " (")
                .contains("scopes       AG_STATUS, GPA, TRANSCRIPT; purpose ADMISSION")
                .contains("; revoked ")
                .contains("disclosures  3 under it")
                .contains(accepted.id() + "  " + LedgerFixtures.DISTRICT + " -> " + LedgerFixtures.UNIVERSITY
                        + "  TRANSCRIPT  ACCEPTED ")
                .contains(rejected.id() + "  " + LedgerFixtures.DISTRICT + " -> " + LedgerFixtures.UNIVERSITY
                        + "  GPA  REJECTED (STUDENT_NOT_MATCHED) ")
                .contains(waiting.id() + "  " + LedgerFixtures.DISTRICT + " -> " + LedgerFixtures.UNIVERSITY
                        + "  AG_STATUS  not acknowledged");
    }

    @Test
    void refuses_a_grant_it_does_not_hold_or_mixed_with_a_period() {
        assertThat(run(now, "--grant", org.baton.ledger.GrantId.random().value())).isEqualTo(AuditCommand.FAILED);
        assertThat(err.toString()).contains("baton audit: the ledger holds no grant ");

        assertThat(run(now, "--grant", "nope")).isEqualTo(AuditCommand.FAILED);
        assertThat(err.toString()).contains("baton audit: --grant nope is not a grant id");

        assertThat(run(now, "--grant", grant.id().value(), "--from", "2026-01-01")).isEqualTo(AuditCommand.FAILED);
        assertThat(err.toString()).contains("it takes no --institution, --from or --to");
    }

    @Test
    void refuses_what_it_cannot_audit_with_a_clear_message() {
        assertThat(run(now, "--institution", "NOPE")).isEqualTo(AuditCommand.FAILED);
        assertThat(err.toString()).contains("baton audit: --institution NOPE is not a consortium member");

        assertThat(run(now, "--from", "2026-13-01")).isEqualTo(AuditCommand.FAILED);
        assertThat(err.toString()).contains("--from 2026-13-01 is not a date (YYYY-MM-DD)");

        assertThat(run(now, "--from", "2026-05-02", "--to", "2026-05-01")).isEqualTo(AuditCommand.FAILED);
        assertThat(err.toString()).contains("--to 2026-05-01 is before --from 2026-05-02");

        server.close();
        assertThat(run(now)).isEqualTo(AuditCommand.FAILED);
        assertThat(err.toString()).contains("baton audit: the ledger cannot be read:");
    }

    @Test
    void takes_one_ledger_the_embedded_ones_service_or_a_fabric_network() {
        List<String> base = List.of("--consortium", pki.consortiumFile().toString(), "--ca",
                pki.caCertificateFile().toString(), "--credentials",
                pki.credentialsDirectory(LedgerFixtures.CDE).toString());
        CommandLine command = new CommandLine(new AuditCommand(Clock.fixed(now, ZoneOffset.UTC)))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));

        assertThat(command.execute(base.toArray(String[]::new))).isEqualTo(AuditCommand.FAILED);
        List<String> both = new java.util.ArrayList<>(base);
        both.addAll(List.of("--ledger", ledgerAddress, "--fabric", dir.resolve("network.properties").toString()));
        assertThat(command.execute(both.toArray(String[]::new))).isEqualTo(AuditCommand.FAILED);
        assertThat(err.toString()).contains(
                "baton audit: name the ledger with either --ledger HOST:PORT (embedded) or --fabric FILE");

        assertThat(run(now, "--channel", "baton1")).isEqualTo(AuditCommand.FAILED);
        assertThat(err.toString()).contains("baton audit: --channel is a channel of the ledger on Fabric; it needs --fabric");

        List<String> missing = new java.util.ArrayList<>(base);
        missing.addAll(List.of("--fabric", dir.resolve("none.properties").toString()));
        assertThat(command.execute(missing.toArray(String[]::new))).isEqualTo(AuditCommand.FAILED);
        assertThat(err.toString()).contains("baton audit: cannot read the Fabric network file "
                + dir.resolve("none.properties"));
    }
}
