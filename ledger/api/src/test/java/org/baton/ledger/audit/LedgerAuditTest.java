package org.baton.ledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.baton.ledger.Acknowledged;
import org.baton.ledger.Acknowledgment;
import org.baton.ledger.Committed;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.RejectionReason;
import org.baton.ledger.Scope;
import org.baton.ledger.Sources;
import org.baton.ledger.TxId;
import org.baton.ledger.testing.LedgerFixtures;
import org.baton.trust.InstitutionId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerAuditTest {

    private static final Instant T0 = LedgerFixtures.START;
    private final AtomicLong sequence = new AtomicLong();
    private final LedgerAudit audit = new LedgerAudit(Duration.ofDays(7));

    private Committed at(Instant instant) {
        long n = sequence.incrementAndGet();
        return new Committed(TxId.of(LedgerFixtures.hashOf("tx " + n)), n, instant);
    }

    private GrantRecord recorded(ConsentGrant grant) {
        return new GrantRecord(grant, at(grant.issuedAt()), Optional.empty());
    }

    private ReceiptRecord receipt(ConsentGrant grant, Instant recordedAt, Scope... scopes) {
        return new ReceiptRecord(LedgerFixtures.receiptUnder(grant, EnumSet.copyOf(List.of(scopes)), recordedAt),
                at(recordedAt), Optional.empty());
    }

    private ReceiptRecord accepted(ReceiptRecord record, Instant when) {
        return record.acknowledgedBy(new Acknowledged(Acknowledgment.accepted(record.id()), at(when)));
    }

    private LedgerAudit.Report check(List<GrantRecord> grants, List<ReceiptRecord> receipts, Instant now) {
        return audit.check(grants, receipts, id -> grants.stream().filter(g -> g.id().equals(id)).findFirst(), now);
    }

    @Test
    void a_disclosure_within_its_grant_acknowledged_in_time_is_no_finding_and_is_tallied() {
        ConsentGrant grant = LedgerFixtures.grant(T0).build();
        ReceiptRecord sent = accepted(receipt(grant, T0.plusSeconds(60), Scope.TRANSCRIPT), T0.plusSeconds(61));
        ReceiptRecord calGrant = new ReceiptRecord(ExchangeReceipt.underBasis(ReceiptId.random(),
                LegalBasis.CAL_GRANT_GPA_UPLOAD, LedgerFixtures.DISTRICT, LedgerFixtures.CSAC,
                EnumSet.of(Scope.GPA), LedgerFixtures.hashOf("gpa"), T0.plusSeconds(70)),
                at(T0.plusSeconds(70)), Optional.empty());

        LedgerAudit.Report report = check(List.of(recorded(grant)), List.of(sent, calGrant), T0.plusSeconds(3600));

        assertThat(report.findings()).isEmpty();
        assertThat(report.breaches()).isFalse();
        assertThat(report.receipts()).containsExactly(sent, calGrant);
        assertThat(report.acknowledged()).isEqualTo(1);
        LedgerAudit.Tally district = report.byInstitution().get(LedgerFixtures.DISTRICT);
        assertThat(district.sentByBasis()).isEqualTo(Map.of(LegalBasis.CONSENT, 1L,
                LegalBasis.CAL_GRANT_GPA_UPLOAD, 1L));
        assertThat(district.sent()).isEqualTo(2);
        assertThat(district.grantsAttested()).isEqualTo(1);
        assertThat(report.byInstitution().get(LedgerFixtures.CSAC).unacknowledged()).isEqualTo(1);
        assertThat(report.byInstitution().get(LedgerFixtures.UNIVERSITY).received()).isEqualTo(1);
    }

    @Test
    void finds_a_disclosure_after_revocation_or_outside_the_validity_period() {
        ConsentGrant grant = LedgerFixtures.grant(T0).expiresAt(T0.plus(Duration.ofDays(30))).build();
        GrantRecord revoked = recorded(grant).revokedBy(at(T0.plus(Duration.ofDays(2))));
        ReceiptRecord before = accepted(receipt(grant, T0.plus(Duration.ofDays(1)), Scope.GPA), T0.plusSeconds(90_000));
        ReceiptRecord after = accepted(receipt(grant, T0.plus(Duration.ofDays(3)), Scope.GPA), T0.plusSeconds(270_000));
        ReceiptRecord expired = accepted(receipt(grant, T0.plus(Duration.ofDays(31)), Scope.GPA),
                T0.plus(Duration.ofDays(31)));

        LedgerAudit.Report report = check(List.of(revoked), List.of(before, after, expired),
                T0.plus(Duration.ofDays(40)));

        assertThat(report.findings()).extracting(f -> f.receipt().id() + " " + f.kind()).containsExactly(
                after.id() + " AFTER_REVOCATION", expired.id() + " AFTER_REVOCATION",
                expired.id() + " OUTSIDE_VALIDITY");
        assertThat(report.findings().get(0).detail()).contains("revoked " + T0.plus(Duration.ofDays(2)));
        // The same values, for saying it in another language.
        assertThat(report.findings().get(0).facts()).containsExactly(T0.plus(Duration.ofDays(3)).toString(),
                grant.id().value(), T0.plus(Duration.ofDays(2)).toString());
        assertThat(report.findings().get(2).facts()).containsExactly(T0.plus(Duration.ofDays(31)).toString(),
                grant.id().value(), grant.issuedAt().toString(), T0.plus(Duration.ofDays(30)).toString());
        assertThat(report.breaches()).isTrue();
    }

    @Test
    void finds_scopes_senders_and_recipients_the_grant_does_not_name() {
        ConsentGrant grant = LedgerFixtures.grant(T0).scopes(Scope.TRANSCRIPT).build();
        Instant when = T0.plusSeconds(60);
        ReceiptRecord wider = accepted(receipt(grant, when, Scope.TRANSCRIPT, Scope.ELIGIBILITY_FOSTER_YOUTH), when);
        ReceiptRecord otherSender = accepted(new ReceiptRecord(ExchangeReceipt.underGrant(ReceiptId.random(),
                grant.id(), LedgerFixtures.COLLEGE, LedgerFixtures.UNIVERSITY, EnumSet.of(Scope.TRANSCRIPT),
                LedgerFixtures.hashOf("p2"), when), at(when), Optional.empty()), when);
        ReceiptRecord otherRecipient = accepted(new ReceiptRecord(ExchangeReceipt.underGrant(ReceiptId.random(),
                grant.id(), LedgerFixtures.DISTRICT, LedgerFixtures.COLLEGE, EnumSet.of(Scope.TRANSCRIPT),
                LedgerFixtures.hashOf("p3"), when), at(when), Optional.empty()), when);
        ReceiptRecord noGrant = accepted(new ReceiptRecord(ExchangeReceipt.underGrant(ReceiptId.random(),
                GrantId.random(), LedgerFixtures.DISTRICT, LedgerFixtures.UNIVERSITY, EnumSet.of(Scope.TRANSCRIPT),
                LedgerFixtures.hashOf("p4"), when), at(when), Optional.empty()), when);

        LedgerAudit.Report report = check(List.of(recorded(grant)),
                List.of(wider, otherSender, otherRecipient, noGrant), when.plusSeconds(60));

        assertThat(report.findings()).extracting(LedgerAudit.Finding::kind).containsExactly(
                LedgerAudit.Kind.SCOPE_OUTSIDE_GRANT, LedgerAudit.Kind.SENDER_NOT_A_SOURCE,
                LedgerAudit.Kind.RECIPIENT_NOT_GRANTEE, LedgerAudit.Kind.GRANT_MISSING);
        assertThat(report.findings().get(0).detail()).contains("[ELIGIBILITY_FOSTER_YOUTH]");
        assertThat(report.findings()).extracting(LedgerAudit.Finding::facts).containsExactly(
                List.of("ELIGIBILITY_FOSTER_YOUTH", grant.id().value(), "TRANSCRIPT"),
                List.of(LedgerFixtures.COLLEGE.value(), grant.id().value(), grant.sources().named().stream()
                        .map(InstitutionId::value).collect(java.util.stream.Collectors.joining(","))),
                List.of(LedgerFixtures.COLLEGE.value(), grant.id().value(), LedgerFixtures.UNIVERSITY.value()),
                List.of(noGrant.receipt().grant().orElseThrow().value()));
        assertThat(report.countByKind()).containsEntry(LedgerAudit.Kind.AFTER_REVOCATION, 0L)
                .containsEntry(LedgerAudit.Kind.SCOPE_OUTSIDE_GRANT, 1L);
    }

    @Test
    void any_member_may_send_under_a_grant_from_every_institution_attended_but_not_its_recipient() {
        ConsentGrant grant = LedgerFixtures.grant(T0).sources(Sources.everyInstitutionAttended()).build();
        Instant when = T0.plusSeconds(60);
        ReceiptRecord college = accepted(new ReceiptRecord(ExchangeReceipt.underGrant(ReceiptId.random(), grant.id(),
                LedgerFixtures.COLLEGE, LedgerFixtures.UNIVERSITY, EnumSet.of(Scope.TRANSCRIPT),
                LedgerFixtures.hashOf("p"), when), at(when), Optional.empty()), when);

        assertThat(check(List.of(recorded(grant)), List.of(college), when).findings()).isEmpty();
    }

    @Test
    void lists_rejections_and_overdue_acknowledgments_as_follow_ups_not_breaches() {
        ConsentGrant grant = LedgerFixtures.grant(T0).build();
        ReceiptRecord rejected = receipt(grant, T0.plusSeconds(60), Scope.TRANSCRIPT);
        rejected = rejected.acknowledgedBy(new Acknowledged(Acknowledgment.rejected(rejected.id(),
                RejectionReason.STUDENT_NOT_MATCHED), at(T0.plusSeconds(61))));
        ReceiptRecord waiting = receipt(grant, T0.plusSeconds(120), Scope.TRANSCRIPT);
        ReceiptRecord recent = receipt(grant, T0.plus(Duration.ofDays(6)), Scope.TRANSCRIPT);

        LedgerAudit.Report report = check(List.of(recorded(grant)), List.of(rejected, waiting, recent),
                T0.plus(Duration.ofDays(8)));

        assertThat(report.findings()).extracting(f -> f.receipt().id() + " " + f.kind()).containsExactly(
                rejected.id() + " REJECTED", waiting.id() + " UNACKNOWLEDGED");
        assertThat(report.findings().get(0).detail()).startsWith("rejected for STUDENT_NOT_MATCHED");
        assertThat(report.findings().get(1).detail()).contains("7 days before");
        assertThat(report.findings().get(0).facts()).containsExactly("STUDENT_NOT_MATCHED",
                T0.plusSeconds(61).toString());
        assertThat(report.findings().get(1).facts()).containsExactly(T0.plusSeconds(120).toString(), "7", "days",
                T0.plus(Duration.ofDays(8)).toString());
        assertThat(report.breaches()).isFalse();
        LedgerAudit.Tally university = report.byInstitution().get(LedgerFixtures.UNIVERSITY);
        assertThat(university.rejected()).isEqualTo(1);
        assertThat(university.unacknowledged()).isEqualTo(2);
    }
}
