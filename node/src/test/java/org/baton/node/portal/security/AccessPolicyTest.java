package org.baton.node.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.baton.node.portal.accounts.AccountId;
import org.baton.node.portal.accounts.Role;
import org.baton.node.student.StudentId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AccessPolicyTest {

    private static final StudentId MINE = new StudentId(1);
    private static final StudentId OTHER = new StudentId(2);
    private final AccessPolicy policy = new AccessPolicy();

    private static Principal who(Role role) {
        Set<StudentId> students = switch (role) {
            case STUDENT, GUARDIAN, COUNSELOR -> Set.of(MINE);
            default -> Set.of();
        };
        return Principal.of(new AccountId("0123456789abcdef0123456789abcdef"), role, students);
    }

    /** role, action, student (MINE/OTHER), eligible, allowed. */
    @ParameterizedTest(name = "{0} {1} {2} eligible={3} -> {4}")
    @CsvSource({
        "STUDENT,   VIEW_RECORDS,            MINE,  false, true",
        "STUDENT,   VIEW_RECORDS,            OTHER, false, false",
        "STUDENT,   VIEW_RECORDS,            OTHER, true,  false",
        "STUDENT,   VIEW_READINESS,          MINE,  false, true",
        "STUDENT,   PLAN_WHAT_IF,            MINE,  false, true",
        "STUDENT,   VIEW_ACCESS_LOG,         MINE,  false, true",
        "STUDENT,   GRANT_CONSENT,           MINE,  false, false",
        "STUDENT,   GRANT_CONSENT,           MINE,  true,  true",
        "STUDENT,   REVOKE_CONSENT,          MINE,  true,  true",
        "STUDENT,   REQUEST_DISCLOSURE_COPY, MINE,  true,  true",
        "STUDENT,   GRANT_CONSENT,           OTHER, true,  false",
        "GUARDIAN,  VIEW_RECORDS,            MINE,  false, true",
        "GUARDIAN,  GRANT_CONSENT,           MINE,  false, true",
        "GUARDIAN,  REVOKE_CONSENT,          MINE,  false, true",
        "GUARDIAN,  VIEW_ACCESS_LOG,         MINE,  false, true",
        "GUARDIAN,  VIEW_RECORDS,            MINE,  true,  false",
        "GUARDIAN,  GRANT_CONSENT,           MINE,  true,  false",
        "GUARDIAN,  VIEW_RECORDS,            OTHER, false, false",
        "COUNSELOR, VIEW_RECORDS,            MINE,  false, true",
        "COUNSELOR, VIEW_READINESS,          MINE,  true,  true",
        "COUNSELOR, PLAN_WHAT_IF,            MINE,  false, true",
        "COUNSELOR, VIEW_RECORDS,            OTHER, false, false",
        "COUNSELOR, GRANT_CONSENT,           MINE,  false, false",
        "COUNSELOR, VIEW_ACCESS_LOG,         MINE,  false, false",
        "REGISTRAR, VIEW_RECORDS,            OTHER, false, true",
        "REGISTRAR, VIEW_ACCESS_LOG,         OTHER, true,  true",
        "REGISTRAR, GRANT_CONSENT,           OTHER, true,  false",
        "ADMIN,     VIEW_RECORDS,            OTHER, false, false",
        "AUDITOR,   VIEW_RECORDS,            OTHER, false, false",
        "AUDITOR,   VIEW_ACCESS_LOG,         OTHER, false, false",
    })
    void decides_actions_about_one_student(Role role, Action action, String student, boolean eligible,
                                           boolean allowed) {
        StudentFacts facts = new StudentFacts(student.equals("MINE") ? MINE : OTHER, eligible);
        assertThat(policy.decide(who(role), action, Optional.of(facts)).allowed()).isEqualTo(allowed);
    }

    /** role, action, allowed. */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "COUNSELOR, VIEW_CASELOAD,      true",
        "COUNSELOR, EXPORT_CASELOAD,    true",
        "STUDENT,   VIEW_CASELOAD,      false",
        "REGISTRAR, VIEW_CASELOAD,      false",
        "REGISTRAR, VIEW_IMPORTS,       true",
        "REGISTRAR, VIEW_EXCHANGES,     true",
        "REGISTRAR, CAL_GRANT_UPLOAD,   true",
        "COUNSELOR, VIEW_IMPORTS,       false",
        "ADMIN,     MANAGE_ACCOUNTS,    true",
        "REGISTRAR, MANAGE_ACCOUNTS,    false",
        "AUDITOR,   AUDIT_LEDGER,       true",
        "ADMIN,     AUDIT_LEDGER,       false",
        "GUARDIAN,  MANAGE_OWN_ACCOUNT, true",
        "AUDITOR,   MANAGE_OWN_ACCOUNT, true",
    })
    void decides_actions_about_no_student(Role role, Action action, boolean allowed) {
        assertThat(policy.decide(who(role), action, Optional.empty()).allowed()).isEqualTo(allowed);
    }

    @Nested
    class Reasons {
        @Test
        void a_guardian_of_an_eligible_student_is_told_the_rights_passed() {
            Decision d = policy.decide(who(Role.GUARDIAN), Action.VIEW_RECORDS,
                    Optional.of(new StudentFacts(MINE, true)));
            assertThat(d).isEqualTo(new Decision(false,
                    "the student is eligible (18 or postsecondary): rights passed to the student"));
        }

        @Test
        void an_action_about_a_student_without_one_is_refused() {
            assertThat(policy.decide(who(Role.STUDENT), Action.VIEW_RECORDS, Optional.empty()))
                    .isEqualTo(new Decision(false, "VIEW_RECORDS needs a student"));
        }

        @Test
        void an_action_about_no_student_with_one_is_refused() {
            assertThat(policy.decide(who(Role.COUNSELOR), Action.VIEW_CASELOAD,
                    Optional.of(new StudentFacts(MINE, false))))
                    .isEqualTo(new Decision(false, "VIEW_CASELOAD is not about one student"));
        }
    }

    @Nested
    class Eligibility {
        @Test
        void turns_on_at_the_eighteenth_birthday_or_with_postsecondary_attendance() {
            var birth = Optional.of(java.time.LocalDate.parse("2008-03-02"));
            assertThat(StudentFacts.of(MINE, birth, false, java.time.LocalDate.parse("2026-03-01")).eligible())
                    .isFalse();
            assertThat(StudentFacts.of(MINE, birth, false, java.time.LocalDate.parse("2026-03-02")).eligible())
                    .isTrue();
            assertThat(StudentFacts.of(MINE, birth, true, java.time.LocalDate.parse("2025-01-01")).eligible())
                    .isTrue();
            assertThat(StudentFacts.of(MINE, Optional.empty(), false, java.time.LocalDate.parse("2026-03-01"))
                    .eligible()).isFalse();
        }
    }
}
