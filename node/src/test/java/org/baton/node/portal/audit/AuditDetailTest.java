package org.baton.node.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.baton.ledger.audit.LedgerAudit;
import org.baton.node.portal.i18n.Language;
import org.baton.node.portal.i18n.Messages;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** An audit finding's detail in the auditor's language, from the facts the ledger audit keeps beside its words. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AuditDetailTest {

    private static final Messages EN = Messages.of(Language.ENGLISH);
    private static final Messages ES = Messages.of(Language.SPANISH);
    private static final String GRANT = "0123456789abcdef0123456789abcdef";

    /** One finding of each kind, with facts as LedgerAudit writes them (institutions already by name). */
    private static final Map<LedgerAudit.Kind, List<String>> FACTS = Map.of(
            LedgerAudit.Kind.REJECTED, List.of("STUDENT_NOT_MATCHED", "2026-02-28T10:00:01Z"),
            LedgerAudit.Kind.UNACKNOWLEDGED, List.of("2026-02-20T10:00:00Z", "8", "days", "2026-02-28T10:00:00Z"),
            LedgerAudit.Kind.GRANT_MISSING, List.of(GRANT),
            LedgerAudit.Kind.AFTER_REVOCATION, List.of("2026-02-28T10:00:00Z", GRANT, "2026-02-27T09:00:00Z"),
            LedgerAudit.Kind.OUTSIDE_VALIDITY, List.of("2026-04-01T10:00:00Z", GRANT, "2026-01-01T00:00:00Z",
                    "2026-03-31T00:00:00Z"),
            LedgerAudit.Kind.SCOPE_OUTSIDE_GRANT, List.of("ELIGIBILITY_FOSTER_YOUTH,GPA", GRANT, "TRANSCRIPT"),
            LedgerAudit.Kind.SENDER_NOT_A_SOURCE, List.of("Valley Oak College", GRANT, "Sunrise Unified"),
            LedgerAudit.Kind.RECIPIENT_NOT_GRANTEE, List.of("Valley Oak College", GRANT, "UC Sierra"));

    private static AuditPages.FindingRow row(LedgerAudit.Kind kind, List<String> facts) {
        return new AuditPages.FindingRow("2026-02-28 10:00:00Z", "r", "a", "b", kind, "the English detail", facts);
    }

    @Test
    void every_kind_reads_in_english_and_in_spanish_with_its_values() {
        for (LedgerAudit.Kind kind : LedgerAudit.Kind.values()) {
            List<String> facts = FACTS.get(kind);
            String english = AuditPages.detail(EN, row(kind, facts));
            String spanish = AuditPages.detail(ES, row(kind, facts));
            assertThat(english).as(kind.name()).isNotEqualTo("the English detail").doesNotContain("{");
            assertThat(spanish).as(kind.name()).isNotEqualTo("the English detail").doesNotContain("{")
                    .doesNotContain("Recorded", "grant ", "Sent ", "not acknowledged");
        }
        assertThat(AuditPages.detail(ES, row(LedgerAudit.Kind.AFTER_REVOCATION,
                FACTS.get(LedgerAudit.Kind.AFTER_REVOCATION)))).isEqualTo("Registrado el 2026-02-28 10:00 UTC; la "
                + "autorización " + GRANT + " se revocó el 2026-02-27 09:00 UTC.");
        assertThat(AuditPages.detail(EN, row(LedgerAudit.Kind.REJECTED, FACTS.get(LedgerAudit.Kind.REJECTED))))
                .isEqualTo("Rejected (the records are not of the grant's student) on 2026-02-28 10:00 UTC.");
        assertThat(AuditPages.detail(ES, row(LedgerAudit.Kind.SCOPE_OUTSIDE_GRANT,
                FACTS.get(LedgerAudit.Kind.SCOPE_OUTSIDE_GRANT)))).startsWith(
                ES.t("scope.SCOPE_ELIGIBILITY_FOSTER_YOUTH") + "; " + ES.t("scope.SCOPE_GPA") + ": fuera de");
        assertThat(AuditPages.detail(ES, row(LedgerAudit.Kind.UNACKNOWLEDGED, List.of("2026-02-27T10:00:00Z", "1",
                "day", "2026-02-28T11:00:00Z")))).isEqualTo("Registrado el 2026-02-27 10:00 UTC; sin acuse 1 día "
                + "después (2026-02-28 11:00 UTC).");
        assertThat(AuditPages.detail(ES, row(LedgerAudit.Kind.SENDER_NOT_A_SOURCE, List.of("Valley Oak College",
                GRANT, "")))).endsWith("nombra a todas las instituciones a las que asistió el estudiante.");
    }

    @Test
    void a_finding_without_facts_or_with_facts_that_do_not_fit_keeps_its_english() {
        assertThat(AuditPages.detail(ES, row(LedgerAudit.Kind.AFTER_REVOCATION, List.of())))
                .isEqualTo("the English detail");
        assertThat(AuditPages.detail(ES, row(LedgerAudit.Kind.GRANT_MISSING, List.of("a", "b"))))
                .isEqualTo("the English detail");
        assertThat(AuditPages.detail(ES, row(LedgerAudit.Kind.UNACKNOWLEDGED, List.of("x", "3", "weeks", "y"))))
                .isEqualTo("the English detail");
    }
}
