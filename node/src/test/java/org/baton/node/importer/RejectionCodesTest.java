package org.baton.node.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.baton.node.portal.i18n.Language;
import org.baton.node.portal.i18n.Messages;
import org.baton.node.portal.i18n.RejectionWording;
import org.baton.proto.v1.GpaKind;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RejectionCodesTest {

    private final RowProblems p = new RowProblems();

    @Test
    void every_field_check_names_a_code_worded_in_english_as_its_reason_and_in_spanish_with_the_same_facts() {
        everyFieldCheck(p);
        Messages english = Messages.of(Language.ENGLISH);
        Messages spanish = Messages.of(Language.SPANISH);
        Set<String> seen = new HashSet<>();

        for (int i = 0; i < p.size(); i++) {
            String code = p.code(i);
            String reason = p.reason(i);
            seen.add(code);
            assertThat(RejectionWording.of(english, code, p.facts(i), reason)).as(code).isEqualTo(reason);
            String worded = RejectionWording.of(spanish, code, p.facts(i), reason);
            assertThat(worded).as(code).isNotEqualTo(reason).doesNotContain("{");
            if (code.equals("before")) {
                assertThat(worded).as(code).contains("2024-08-01").contains("2024-08-15")
                        .contains("la fecha de inicio de la matrícula");
            } else {
                p.facts(i).forEach(fact -> assertThat(worded).as(code).contains(fact));
            }
        }
        // The other codes are given by the format readers and the merge (ReaderRejectionCodesTest).
        assertThat(seen).hasSize(24).isSubsetOf(RejectionWording.codes());
    }

    @Test
    void a_date_before_another_names_the_earlier_one_in_words_the_messages_know_or_by_its_field() {
        Messages spanish = Messages.of(Language.SPANISH);
        for (String what : new String[] {"the start date", "the enrollment start date", "the issue date",
                "the begin date", "entry_date"}) {
            Checks.before(p, "EndDate", "2024-01-01", "2024-02-01", what);
        }

        assertThat(p.size()).isEqualTo(5);
        for (int i = 0; i < 4; i++) {
            assertThat(RejectionWording.of(spanish, p.code(i), p.facts(i), p.reason(i))).as(p.reason(i))
                    .startsWith("'2024-01-01' es anterior a la fecha de ").endsWith(" '2024-02-01'");
        }
        assertThat(RejectionWording.of(spanish, p.code(4), p.facts(4), p.reason(4)))
                .isEqualTo("'2024-01-01' es anterior a entry_date '2024-02-01'");
    }

    @Test
    void a_sensitive_value_is_in_no_fact() {
        Checks.ssid(p, "SSID", "98765432", true);
        Checks.date(p, "BirthDate", "31/12/2008", true, true);
        Checks.date(p, "BirthDate", "2008-02-30", true, true);

        assertThat(p.size()).isEqualTo(3);
        for (int i = 0; i < p.size(); i++) {
            assertThat(p.facts(i)).noneMatch(fact -> fact.contains("98765432") || fact.contains("2008"));
        }
    }

    @Test
    void a_reason_without_a_code_or_with_facts_that_do_not_fit_stays_in_english() {
        Messages spanish = Messages.of(Language.SPANISH);

        assertThat(RejectionWording.of(spanish, "", java.util.List.of(), "no such class")).isEqualTo("no such class");
        assertThat(RejectionWording.of(spanish, "cds", java.util.List.of(), "'1' is not a 14-digit CDS code"))
                .isEqualTo("'1' is not a 14-digit CDS code");
        assertThat(RejectionWording.of(spanish, "cds", java.util.List.of("1"), "'1' is not a 14-digit CDS code"))
                .isEqualTo("'1' no es un código CDS de 14 dígitos");
    }

    /** Runs every field check once on a value it refuses, each giving a code of its own (24 in all). */
    static void everyFieldCheck(RowProblems p) {
        Checks.required(p, "LocalId", "");
        Checks.ssid(p, "SSID", "12345678", true);
        Checks.ssid(p, "SSID", "12345678AB", true);
        Checks.cds(p, "SchoolCode", "123", true);
        Checks.ipeds(p, "CollegeId", "12", true);
        Checks.stateCourseCode(p, "CRSStateCode", "12", true);
        Checks.date(p, "EnrollmentStart", "2024/01/01", true, false);
        Checks.date(p, "BirthDate", "2024/01/01", true, true);
        Checks.date(p, "EnrollmentStart", "2024-02-30", true, false);
        Checks.date(p, "BirthDate", "2024-02-30", true, true);
        Checks.hundredths(p, "Credits", "-1", true);
        Checks.hundredths(p, "Credits", "1.234", true);
        Checks.hundredths(p, "Credits", "12345678", true);
        Checks.thousandths(p, "GPA", "abc", true);
        Checks.grade(p, "Mark", "Z+", GradeScale.CALIFORNIA);
        Checks.agArea(p, "AGArea", "Q");
        Checks.flag(p, "Honors", "maybe");
        Checks.gradeLevel(p, "GradeLevel", "05", true);
        Checks.whole(p, "Attempts", "12a", true, 3);
        Checks.academicYear(p, "AcademicYear", "24");
        Checks.term(p, "Term", "X9", 2024);
        Checks.oneOf(p, "Kind", "SOMETHING", GpaKind.class, "GPA_", true);
        Checks.notInDistrict(p, "SchoolOfAttendance", "01611920130229", "1964733");
        Checks.before(p, "EnrollmentExitDate", "2024-08-01", "2024-08-15", "the enrollment start date");
    }
}
