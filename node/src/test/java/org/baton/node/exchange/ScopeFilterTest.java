package org.baton.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.baton.ledger.Scope;
import org.baton.proto.v1.EligibilityFlag;
import org.baton.proto.v1.EligibilityProgram;
import org.baton.proto.v1.StudentRecord;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ScopeFilterTest {

    private final StudentRecord full = Students.record(1, "19647330000000", 4);

    @Nested
    class Filter {

        @Test
        void always_keeps_the_identity_and_never_demographics_residency_or_the_opt_out() {
            StudentRecord out = ScopeFilter.filter(full, EnumSet.of(Scope.AG_STATUS));

            assertThat(out.getStudent().getSsid()).isEqualTo(full.getStudent().getSsid());
            assertThat(out.getStudent().getLegalName()).isEqualTo(full.getStudent().getLegalName());
            assertThat(out.getStudent().getBirthDate()).isEqualTo(full.getStudent().getBirthDate());
            assertThat(out.getStudent().getLocalIdsList()).isEqualTo(full.getStudent().getLocalIdsList());
            assertThat(out.getStudent().hasDemographics()).isFalse();
            assertThat(out.getStudent().getResidencyValue()).isZero();
            assertThat(out.getCoursesCount() + out.getReportedGpasCount() + out.getFinancialAidCount()).isZero();
        }

        @Test
        void gives_the_transcript_as_courses_enrollments_and_programs() {
            StudentRecord out = ScopeFilter.filter(full, EnumSet.of(Scope.TRANSCRIPT));

            assertThat(out.getCoursesList()).isEqualTo(full.getCoursesList());
            assertThat(out.getEnrollmentsList()).isEqualTo(full.getEnrollmentsList());
            assertThat(out.getReportedGpasCount()).isZero();
        }

        @Test
        void gives_each_eligibility_flag_only_under_its_own_scope() {
            StudentRecord out = ScopeFilter.filter(full, EnumSet.of(Scope.ELIGIBILITY_CALFRESH, Scope.GPA));

            assertThat(out.getStudent().getEligibilityList()).extracting(EligibilityFlag::getProgram)
                    .containsExactly(EligibilityProgram.CALFRESH);
            assertThat(out.getReportedGpasList()).isEqualTo(full.getReportedGpasList());
        }
    }

    @Nested
    class Outside {

        @Test
        void is_empty_for_what_the_filter_gives() {
            EnumSet<Scope> scopes = EnumSet.of(Scope.TRANSCRIPT, Scope.FINANCIAL_AID_STATUS);

            assertThat(ScopeFilter.outside(ScopeFilter.filter(full, scopes), scopes)).isEmpty();
        }

        @Test
        void names_every_part_the_scopes_do_not_disclose() {
            assertThat(ScopeFilter.outside(full, EnumSet.of(Scope.TRANSCRIPT, Scope.ELIGIBILITY_FOSTER_YOUTH)))
                    .containsExactly("student.demographics", "student.residency", "student.eligibility[CALFRESH]",
                            "reported_gpas", "financial_aid");
        }
    }
}
