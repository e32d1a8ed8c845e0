package org.baton.tools.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
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
import org.baton.ledger.RejectionReason;
import org.baton.ledger.Scope;
import org.baton.ledger.embedded.LedgerPki;
import org.baton.ledger.fabric.FabricLedger;
import org.baton.ledger.fabric.FabricNetwork;
import org.baton.ledger.fabric.TransactionClock;
import org.baton.ledger.testing.LedgerFixtures;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code baton audit --fabric}: an auditor reads the grants and receipts of a ledger on a real Fabric network (its
 * own Fabric client identity, CDE's) and checks each disclosure against its grant, as on the embedded ledger.
 */
class FabricAuditIT {

    @Test
    void audits_the_disclosures_recorded_on_fabric() {
        FabricNetwork network = FabricNetwork.shared();
        String channel = network.freshChannel();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ConsentGrant grant = LedgerFixtures.grant(now).build();
        ExchangeReceipt accepted = LedgerFixtures.receiptUnder(grant, EnumSet.of(Scope.TRANSCRIPT), now);
        ExchangeReceipt rejected = LedgerFixtures.receiptUnder(grant, EnumSet.of(Scope.GPA), now.plusMillis(1));
        try (FabricLedger district = FabricLedger.connect(network.config(LedgerFixtures.DISTRICT, channel),
                TransactionClock.system());
                FabricLedger university = FabricLedger.connect(network.config(LedgerFixtures.UNIVERSITY, channel),
                        TransactionClock.system())) {
            district.writer().createGrant(grant);
            district.writer().recordReceipt(accepted);
            district.writer().recordReceipt(rejected);
            university.writer().acknowledge(Acknowledgment.accepted(accepted.id()));
            university.writer().acknowledge(Acknowledgment.rejected(rejected.id(), RejectionReason.STUDENT_NOT_MATCHED));
        }
        LedgerPki pki = LedgerPki.shared();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int status = new CommandLine(new AuditCommand(Clock.fixed(now.plus(Duration.ofDays(1)), ZoneOffset.UTC)))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(List.of("--consortium", pki.consortiumFile().toString(), "--ca",
                        pki.caCertificateFile().toString(), "--credentials",
                        pki.credentialsDirectory(LedgerFixtures.CDE).toString(), "--fabric",
                        network.file().toString(), "--channel", channel).toArray(String[]::new));

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("ledger audit: 2 receipts and 1 grants recorded from 1970-01-01T00:00:00Z")
                .contains("acknowledged 2 (1 accepted, 1 rejected); 0 not yet")
                .containsPattern("REJECTED +1 ")
                .contains(rejected.id() + "  " + LedgerFixtures.DISTRICT + " -> " + LedgerFixtures.UNIVERSITY
                        + "  REJECTED: the recipient rejected the package (rejected for STUDENT_NOT_MATCHED");
    }
}
