package org.baton.node.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.baton.node.readiness.CourseSpec.yearlong;
import static org.baton.node.readiness.TestStudents.completeThroughEleventh;
import static org.baton.node.readiness.TestStudents.student;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baton.node.readiness.caseload.Caseload;
import org.baton.node.readiness.caseload.CaseloadQuery;
import org.baton.node.readiness.caseload.CaseloadRow;
import org.baton.node.readiness.caseload.Flag;
import org.baton.node.readiness.caseload.FlagKind;
import org.baton.node.readiness.rules.AgSubject;
import org.baton.proto.v1.AgArea;
import org.baton.proto.v1.AidApplicationKind;
import org.baton.proto.v1.AidApplicationStatus;
import org.baton.proto.v1.GpaKind;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Caseload view: who is off track and why, filtered and sorted. Evaluated on 2025-10-15. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReadinessCaseloadTest {

    record StudentKey(String value) {
    }

    static final LocalDate AS_OF = LocalDate.of(2025, 10, 15);
    static final StudentKey ON_TRACK = new StudentKey("on-track senior");
    static final StudentKey BEHIND_IN_MATH = new StudentKey("junior behind in math");
    static final StudentKey D_IN_ENGLISH = new StudentKey("senior with a D in English");
    static final StudentKey NO_FAFSA = new StudentKey("senior without FAFSA");
    static final StudentKey C_STUDENT = new StudentKey("senior with C grades");

    static Caseload<StudentKey> caseload() {
        CourseSpec english12 = yearlong("ENG12", "English 12", AgArea.AG_B_ENGLISH).inGrade(12).grades("IP", "IP");
        CourseSpec economics = yearlong("ECON", "Economics", AgArea.AG_G_ELECTIVE).inGrade(12).grades("IP", "IP");
        Map<StudentKey, ReadinessInput> inputs = new LinkedHashMap<>();
        inputs.put(ON_TRACK, ReadinessInput.of(student(2026).with(completeThroughEleventh()).with(english12, economics)
                .aid(AidApplicationKind.FAFSA, "2026-27", AidApplicationStatus.AID_SUBMITTED)
                .reportedGpa(GpaKind.GPA_CAL_GRANT, 4000, "2025-09-25").build(), AS_OF));
        inputs.put(BEHIND_IN_MATH, ReadinessInput.of(student(2027).gradeLevel(11).with(
                yearlong("ENG9", "English 9", AgArea.AG_B_ENGLISH).inGrade(9),
                yearlong("ENG10", "English 10", AgArea.AG_B_ENGLISH).inGrade(10),
                yearlong("ENG11", "English 11", AgArea.AG_B_ENGLISH).inGrade(11).grades("IP", "IP"),
                yearlong("ALG1", "Algebra I", AgArea.AG_C_MATH).inGrade(9).level(1)).build(), AS_OF));
        inputs.put(D_IN_ENGLISH, ReadinessInput.of(student(2026).with(completeThroughEleventh()).without("ENG11")
                .with(yearlong("ENG11", "English 11", AgArea.AG_B_ENGLISH).inGrade(11).grades("D", "D"))
                .aid(AidApplicationKind.FAFSA, "2026-27", AidApplicationStatus.AID_SUBMITTED)
                .reportedGpa(GpaKind.GPA_CAL_GRANT, 3670, "2025-09-25").build(), AS_OF));
        inputs.put(NO_FAFSA, ReadinessInput.of(student(2026).with(completeThroughEleventh()).with(english12, economics)
                .build(), AS_OF));
        inputs.put(C_STUDENT, ReadinessInput.of(student(2026).with(
                yearlong("ENG10", "English 10", AgArea.AG_B_ENGLISH).inGrade(10).grades("C", "C"),
                yearlong("ENG11", "English 11", AgArea.AG_B_ENGLISH).inGrade(11).grades("C", "B"))
                .aid(AidApplicationKind.CADAA, "2026-27", AidApplicationStatus.AID_OPTED_OUT).build(), AS_OF));
        return Caseload.evaluate(TestStudents.ENGINE, TestStudents.RULES.counseling(), inputs);
    }

    static CaseloadRow<StudentKey> row(Caseload<StudentKey> caseload, StudentKey key) {
        return caseload.rows().stream().filter(r -> r.student().equals(key)).findFirst().orElseThrow();
    }

    @Nested
    class Flags {

        @Test
        void a_senior_with_everything_done_or_under_way_is_on_track() {
            assertThat(row(caseload(), ON_TRACK).flags()).isEmpty();
        }

        @Test
        void a_junior_with_one_year_of_math_is_off_track_in_c_for_uc_and_csu() {
            CaseloadRow<StudentKey> row = row(caseload(), BEHIND_IN_MATH);

            assertThat(row.flags()).filteredOn(f -> f.kind() == FlagKind.AREA_OFF_TRACK && f.area().equals(
                    java.util.Optional.of(AgSubject.C))).extracting(Flag::detail)
                    .containsExactly("c: 2 of 6 semesters expected by the end of grade 11",
                            "c: 2 of 6 semesters expected by the end of grade 11");
            assertThat(row.ucMissing()).contains(AgSubject.C);
        }

        @Test
        void an_uncleared_d_flags_the_area_as_deficient() {
            assertThat(row(caseload(), D_IN_ENGLISH).flags()).extracting(Flag::kind, Flag::area).contains(
                    org.assertj.core.groups.Tuple.tuple(FlagKind.AREA_DEFICIENT, java.util.Optional.of(AgSubject.B)));
        }

        @Test
        void a_senior_without_fafsa_or_gpa_upload_is_flagged_for_both() {
            assertThat(row(caseload(), NO_FAFSA).flags()).extracting(Flag::kind).containsExactlyInAnyOrder(
                    FlagKind.FAFSA_NOT_SUBMITTED, FlagKind.CAL_GRANT_GPA_NOT_UPLOADED);
        }

        @Test
        void a_gpa_below_the_minimum_is_flagged_and_an_opt_out_form_satisfies_fafsa() {
            CaseloadRow<StudentKey> row = row(caseload(), C_STUDENT);

            assertThat(row.flags()).filteredOn(f -> f.kind() == FlagKind.GPA_BELOW_MINIMUM).extracting(Flag::detail)
                    .containsExactly("UC GPA 2.25 is below 3.00", "CSU GPA 2.25 is below 2.50 (multi-factor review)");
            assertThat(row.has(FlagKind.FAFSA_NOT_SUBMITTED)).isFalse();
        }
    }

    @Nested
    class Queries {

        @Test
        void off_track_only_leaves_out_students_on_track_and_sorts_most_flags_first() {
            List<CaseloadRow<StudentKey>> rows = caseload().query(CaseloadQuery.all().onlyOffTrack());

            assertThat(rows).extracting(CaseloadRow::student).doesNotContain(ON_TRACK).hasSize(4);
            assertThat(rows.get(0).flags().size()).isGreaterThanOrEqualTo(rows.get(rows.size() - 1).flags().size());
        }

        @Test
        void filter_by_flag_by_missing_area_and_by_gpa() {
            Caseload<StudentKey> caseload = caseload();

            assertThat(caseload.query(CaseloadQuery.all().withAnyFlag(FlagKind.FAFSA_NOT_SUBMITTED)))
                    .extracting(CaseloadRow::student).containsExactly(NO_FAFSA);
            assertThat(caseload.query(CaseloadQuery.all().withUcAreaMissing(AgSubject.C)))
                    .extracting(CaseloadRow::student).containsExactlyInAnyOrder(BEHIND_IN_MATH, C_STUDENT);
            assertThat(caseload.query(CaseloadQuery.all().withGpaBelow(new BigDecimal("3.00"))))
                    .extracting(CaseloadRow::student).containsExactly(C_STUDENT);
        }

        @Test
        void sort_by_uc_gpa_puts_the_lowest_first_and_students_without_one_last() {
            List<CaseloadRow<StudentKey>> rows = caseload().query(CaseloadQuery.all()
                    .sortedBy(CaseloadQuery.Sort.UC_GPA, false));

            assertThat(rows.get(0).student()).isEqualTo(C_STUDENT);
            assertThat(rows.get(rows.size() - 1).ucGpa()).isPresent();
            assertThat(caseload().query(CaseloadQuery.all().sortedBy(CaseloadQuery.Sort.UC_GPA, false).limitedTo(2)))
                    .hasSize(2);
        }

        @Test
        void a_negative_limit_is_refused() {
            assertThatThrownBy(() -> CaseloadQuery.all().limitedTo(-1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("caseload query limit must not be negative, was -1");
        }
    }
}
