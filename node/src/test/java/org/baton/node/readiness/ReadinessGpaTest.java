package org.baton.node.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.baton.node.readiness.CourseSpec.college;
import static org.baton.node.readiness.CourseSpec.fall;
import static org.baton.node.readiness.CourseSpec.summer;
import static org.baton.node.readiness.CourseSpec.yearlong;
import static org.baton.node.readiness.TestStudents.student;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.baton.proto.v1.AgArea;
import org.baton.proto.v1.CourseCategory;
import org.baton.proto.v1.GpaKind;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** GPA rules of DOMAIN.md §2. Cohort 2026: 10th grade 2023-24, 11th 2024-25. Every expected value is by hand. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReadinessGpaTest {

    static final LocalDate SENIOR_FALL = LocalDate.of(2025, 10, 15);

    static ReadinessReport evaluate(TestStudents.Builder builder) {
        return TestStudents.evaluate(builder.build(), SENIOR_FALL);
    }

    static BigDecimal gpa(String value) {
        return new BigDecimal(value);
    }

    @Nested
    class Uc_gpa {

        @Test
        void is_truncated_to_two_decimals_never_rounded() {
            // A, A, B = 11 / 3 = 3.666...: UC reports 3.66.
            ReadinessReport r = evaluate(student(2026).with(
                    yearlong("ENG10", "English 10", AgArea.AG_B_ENGLISH).inGrade(10),
                    fall("WHIST", "World History", AgArea.AG_A_HISTORY).inGrade(10).grades("B")));

            assertThat(r.ucGpa().unweighted()).hasValue(gpa("3.66"));
            assertThat(r.ucGpa().grades()).isEqualTo(3);
            assertThat(r.ucGpa().gradePoints()).isEqualTo(11);
        }

        @Test
        void takes_the_summer_after_9th_through_the_summer_after_11th_but_not_9th_or_12th_grade() {
            // In: summer after 9th C (2), English 10 B, B (6), summer after 11th A (4) = 12 / 4 = 3.00.
            // Out: English 9 F, F and English 12 D, D.
            ReadinessReport r = evaluate(student(2026).with(
                    yearlong("ENG9", "English 9", AgArea.AG_B_ENGLISH).inGrade(9).grades("F", "F"),
                    summer("GEOM-S", "Geometry (summer)", AgArea.AG_C_MATH).inGrade(9).level(2).grades("C"),
                    yearlong("ENG10", "English 10", AgArea.AG_B_ENGLISH).inGrade(10).grades("B", "B"),
                    summer("ALG2-S", "Algebra II (summer)", AgArea.AG_C_MATH).inGrade(11).level(3).grades("A"),
                    yearlong("ENG12", "English 12", AgArea.AG_B_ENGLISH).inGrade(12).grades("D", "D")));

            assertThat(r.ucGpa().unweighted()).hasValue(gpa("3.00"));
            assertThat(r.ucGpa().lines()).extracting(GpaLine::recordId).containsExactly("GEOM-S|2022S",
                    "ENG10|2023F|S1", "ENG10|2023S|S2", "ALG2-S|2024S");
            assertThat(r.trailFor("ENG9|2022F|S1")).extracting(TrailEntry::message).contains(
                    "English 9 (fall 2022, grade 9): outside the window (grades 10-11, from the summer after 9th "
                            + "through the summer after 11th); not in the GPA.");
        }

        @Test
        void ignores_plus_and_minus() {
            // B+ = 3, A- = 4: 7 / 2 = 3.50.
            ReadinessReport r = evaluate(student(2026).with(
                    yearlong("ENG10", "English 10", AgArea.AG_B_ENGLISH).inGrade(10).grades("B+", "A-")));

            assertThat(r.ucGpa().unweighted()).hasValue(gpa("3.50"));
        }

        @Test
        void caps_honors_at_four_semesters_in_10th_grade_and_eight_in_all() {
            // 10th: three honors yearlong courses (6 honors semesters), 11th: two (4), plus Algebra II; all A.
            // 12 grades x 4 = 48. Earned 10 honors points; within caps 4 (10th) + 4 (11th) = 8.
            // Capped weighted 56 / 12 = 4.666 -> 4.66; fully weighted 58 / 12 = 4.833 -> 4.83.
            ReadinessReport r = evaluate(student(2026).with(
                    yearlong("HENG10", "Honors English 10", AgArea.AG_B_ENGLISH).inGrade(10).honors(),
                    yearlong("HCHEM", "Honors Chemistry", AgArea.AG_D_SCIENCE).inGrade(10).honors()
                            .discipline("CHEMISTRY"),
                    yearlong("APWH", "AP World History", AgArea.AG_A_HISTORY).inGrade(10).honors()
                            .discipline("WORLD_HISTORY"),
                    yearlong("APENG", "AP English Language", AgArea.AG_B_ENGLISH).inGrade(11).honors(),
                    yearlong("APUSH", "AP US History", AgArea.AG_A_HISTORY).inGrade(11).honors()
                            .discipline("US_HISTORY"),
                    yearlong("ALG2", "Algebra II", AgArea.AG_C_MATH).inGrade(11).level(3)));

            AdmissionGpa uc = r.ucGpa();
            assertThat(uc.unweighted()).hasValue(gpa("4.00"));
            assertThat(uc.honorsEarned()).isEqualTo(10);
            assertThat(uc.honorsCounted()).isEqualTo(8);
            assertThat(uc.cappedWeighted()).hasValue(gpa("4.66"));
            assertThat(uc.fullyWeighted()).hasValue(gpa("4.83"));
            assertThat(r.trail(TrailScope.UC_GPA)).extracting(TrailEntry::message)
                    .filteredOn(m -> m.endsWith("honors point not in the capped GPA — the cap of 4 honors semesters in "
                            + "grade 10 is reached."))
                    .hasSize(2);
        }

        @Test
        void counts_an_honors_course_of_the_summer_after_9th_in_the_10th_grade_cap() {
            // Summer after 9th (counts as 10th) + 4 honors semesters in 10th: 5 earned, 4 within the 10th-grade cap.
            // 5 A = 20: capped (20 + 4) / 5 = 4.80, fully (20 + 5) / 5 = 5.00.
            ReadinessReport r = evaluate(student(2026).with(
                    summer("HGEOM-S", "Honors Geometry (summer)", AgArea.AG_C_MATH).inGrade(9).level(2).honors(),
                    yearlong("HENG10", "Honors English 10", AgArea.AG_B_ENGLISH).inGrade(10).honors(),
                    yearlong("HCHEM", "Honors Chemistry", AgArea.AG_D_SCIENCE).inGrade(10).honors()
                            .discipline("CHEMISTRY")));

            assertThat(r.ucGpa().cappedWeighted()).hasValue(gpa("4.80"));
            assertThat(r.ucGpa().fullyWeighted()).hasValue(gpa("5.00"));
            assertThat(r.ucGpa().lines()).filteredOn(l -> l.recordId().equals("HGEOM-S|2022S")).singleElement()
                    .satisfies(l -> assertThat(l.honorsCounted()).isEqualTo(1));
        }

        @Test
        void gives_no_honors_point_for_a_d() {
            // AP US History D, A: points 1 + 4 = 5; one honors point (the A): 2.50 unweighted, 3.00 weighted.
            ReadinessReport r = evaluate(student(2026).with(yearlong("APUSH", "AP US History", AgArea.AG_A_HISTORY)
                    .inGrade(11).honors().discipline("US_HISTORY").grades("D", "A")));

            assertThat(r.ucGpa().unweighted()).hasValue(gpa("2.50"));
            assertThat(r.ucGpa().honorsEarned()).isEqualTo(1);
            assertThat(r.ucGpa().cappedWeighted()).hasValue(gpa("3.00"));
        }

        @Test
        void compares_with_the_minimum_for_the_students_residency() {
            // B, B, B, A, B = 16 / 5 = 3.20: meets 3.00 (resident), not 3.40 (non-resident).
            TestStudents.Builder courses = student(2026).with(
                    yearlong("ENG10", "English 10", AgArea.AG_B_ENGLISH).inGrade(10).grades("B", "B"),
                    yearlong("ENG11", "English 11", AgArea.AG_B_ENGLISH).inGrade(11).grades("B", "A"),
                    fall("GOV", "Government", AgArea.AG_A_HISTORY).inGrade(11).grades("B"));
            ReadinessReport resident = evaluate(courses);
            ReadinessReport nonResident = evaluate(courses.nonResident());

            assertThat(resident.ucGpa().cappedWeighted()).hasValue(gpa("3.20"));
            assertThat(resident.ucGpa().standing()).isEqualTo(GpaStanding.MEETS_MINIMUM);
            assertThat(nonResident.ucGpa().minimum()).isEqualTo(gpa("3.40"));
            assertThat(nonResident.ucGpa().standing()).isEqualTo(GpaStanding.BELOW_MINIMUM);
        }
    }

    @Nested
    class Dual_enrollment {

        @Test
        void a_college_course_counts_once_in_the_uc_gpa_and_twice_in_the_csu_gpa_each_with_its_honors_point() {
            // English 11 A, A + PSYC 1 (UC/CSU-transferable, 3 units, B) in 11th grade.
            // UC: A, A, B = 11 / 3 = 3.66; +1 honors -> 12 / 3 = 4.00.
            // CSU: A, A, B, B = 14 / 4 = 3.50; +2 honors -> 16 / 4 = 4.00.
            ReadinessReport r = evaluate(student(2026).with(
                    yearlong("ENG11", "English 11", AgArea.AG_B_ENGLISH).inGrade(11),
                    college("PSYC 1", "General Psychology", AgArea.AG_G_ELECTIVE).inGrade(11).dualEnrollment()
                            .transferable().grades("B")));

            assertThat(r.ucGpa().grades()).isEqualTo(3);
            assertThat(r.ucGpa().unweighted()).hasValue(gpa("3.66"));
            assertThat(r.ucGpa().cappedWeighted()).hasValue(gpa("4.00"));
            assertThat(r.csuGpa().grades()).isEqualTo(4);
            assertThat(r.csuGpa().unweighted()).hasValue(gpa("3.50"));
            assertThat(r.csuGpa().cappedWeighted()).hasValue(gpa("4.00"));
            assertThat(r.trail(TrailScope.CSU_GPA)).extracting(TrailEntry::message).contains(
                    "General Psychology (fall 2024, grade 11, B): 3 point(s) x 2, +2 honors.");
        }

        @Test
        void the_same_college_course_on_the_high_school_and_the_college_transcript_is_counted_once() {
            CourseSpec fromCollege = college("PSYC 1", "General Psychology", AgArea.AG_G_ELECTIVE).inGrade(11)
                    .dualEnrollment().transferable().grades("B");
            CourseSpec onHighSchoolTranscript = college("PSYC 1", "General Psychology", AgArea.AG_G_ELECTIVE)
                    .inGrade(11).dualEnrollment().transferable().grades("B").issuedBy(TestStudents.DISTRICT);
            ReadinessReport r = evaluate(student(2026).with(fromCollege, onHighSchoolTranscript));

            assertThat(r.ucGpa().grades()).isEqualTo(1);
            assertThat(r.trail(TrailScope.RECORDS)).extracting(TrailEntry::message).contains(
                    "General Psychology (fall 2024) from college 117274 appears on more than one transcript; it is "
                            + "counted once, as issued by 117274.");
        }
    }

    @Nested
    class Csu_gpa {

        @Test
        void window_is_configurable_and_all_grades_after_9th_take_the_senior_year() {
            // Default (summer after 9th - 11th): C, B, B, A = 12 / 4 = 3.00. All after 9th adds English 12 D, D:
            // 14 / 6 = 2.333 -> 2.33.
            TestStudents.Builder courses = student(2026).with(
                    summer("GEOM-S", "Geometry (summer)", AgArea.AG_C_MATH).inGrade(9).level(2).grades("C"),
                    yearlong("ENG10", "English 10", AgArea.AG_B_ENGLISH).inGrade(10).grades("B", "B"),
                    summer("ALG2-S", "Algebra II (summer)", AgArea.AG_C_MATH).inGrade(11).level(3).grades("A"),
                    yearlong("ENG12", "English 12", AgArea.AG_B_ENGLISH).inGrade(12).grades("D", "D"));
            ReadinessEngine allAfterNinth = ReadinessEngine.create(TestStudents.RULES,
                    EvaluationOptions.defaults().withCsuGpaWindow("all-after-ninth"));

            assertThat(evaluate(courses).csuGpa().unweighted()).hasValue(gpa("3.00"));
            ReadinessReport r = allAfterNinth.evaluate(ReadinessInput.of(courses.build(), SENIOR_FALL));
            assertThat(r.csuGpa().unweighted()).hasValue(gpa("2.33"));
            assertThat(r.csuGpa().window()).isEqualTo("all grades after 9th (CSU GPA calculator)");
        }

        @Test
        void an_unknown_window_name_is_refused_when_the_engine_is_built() {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReadinessEngine.create(TestStudents.RULES,
                    EvaluationOptions.defaults().withCsuGpaWindow("eleventh-only")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("CSU GPA window 'eleventh-only' is not in the CSU rules for cohorts from 2015; windows "
                            + "there: " + TestStudents.RULES.csu().versions().get(0).gpa().windows().keySet());
        }

        @Test
        void between_2_00_and_2_49_is_multi_factor_review() {
            // C, C, C, B = 9 / 4 = 2.25.
            ReadinessReport r = evaluate(student(2026).with(
                    yearlong("ENG10", "English 10", AgArea.AG_B_ENGLISH).inGrade(10).grades("C", "C"),
                    yearlong("ENG11", "English 11", AgArea.AG_B_ENGLISH).inGrade(11).grades("C", "B")));

            assertThat(r.csuGpa().cappedWeighted()).hasValue(gpa("2.25"));
            assertThat(r.csuGpa().standing()).isEqualTo(GpaStanding.REVIEW);
            assertThat(r.ucGpa().standing()).isEqualTo(GpaStanding.BELOW_MINIMUM);
        }
    }

    @Nested
    class Cal_grant_gpa {

        @Test
        void excludes_pe_and_takes_every_other_academic_course_not_only_a_g() {
            // 10th grade: PE A, A (excluded), English 10 C, C, Health (academic, not a-g) B:
            // Cal Grant 7 / 3 = 2.333 -> 2.33 (meets B, not A). UC takes English 10 only: 2.00.
            ReadinessReport r = evaluate(student(2026).with(
                    yearlong("PE10", "Physical Education", AgArea.AG_NONE).inGrade(10)
                            .category(CourseCategory.PHYSICAL_EDUCATION),
                    yearlong("ENG10", "English 10", AgArea.AG_B_ENGLISH).inGrade(10).grades("C", "C"),
                    fall("HEALTH", "Health", AgArea.AG_NONE).inGrade(10).grades("B")));

            CalGrantGpa calGrant = r.calGrantGpa();
            assertThat(calGrant.value()).hasValue(gpa("2.33"));
            assertThat(calGrant.meetsB()).isTrue();
            assertThat(calGrant.meetsA()).isFalse();
            assertThat(calGrant.lines()).extracting(GpaLine::title)
                    .containsExactlyInAnyOrder("English 10", "Health", "English 10");
            assertThat(r.ucGpa().unweighted()).hasValue(gpa("2.00"));
            assertThat(r.trailFor("PE10|2023F|S1")).extracting(TrailEntry::message)
                    .contains("Physical Education (fall 2023): physical education courses are excluded.");
        }

        @Test
        void excludes_rotc_and_remedial_courses_too() {
            // JROTC A and remedial math A are left out: English 10 C, C = 2.00.
            ReadinessReport r = evaluate(student(2026).with(
                    fall("JROTC", "JROTC", AgArea.AG_NONE).inGrade(10).category(CourseCategory.ROTC),
                    fall("MATHLAB", "Math Lab", AgArea.AG_NONE).inGrade(10).category(CourseCategory.REMEDIAL),
                    yearlong("ENG10", "English 10", AgArea.AG_B_ENGLISH).inGrade(10).grades("C", "C")));

            assertThat(r.calGrantGpa().value()).hasValue(gpa("2.00"));
            assertThat(r.calGrantGpa().lines()).extracting(GpaLine::title).containsOnly("English 10");
        }

        @Test
        void takes_10th_and_11th_and_the_summers_after_them_but_not_the_summer_after_9th() {
            // Summer after 9th A (out), English 10 B, B, summer after 10th C, summer after 11th A: 12 / 4 = 3.00.
            ReadinessReport r = evaluate(student(2026).with(
                    summer("S9", "Summer 9", AgArea.AG_G_ELECTIVE).inGrade(9),
                    yearlong("ENG10", "English 10", AgArea.AG_B_ENGLISH).inGrade(10).grades("B", "B"),
                    summer("S10", "Summer 10", AgArea.AG_G_ELECTIVE).inGrade(10).grades("C"),
                    summer("S11", "Summer 11", AgArea.AG_G_ELECTIVE).inGrade(11)));

            assertThat(r.calGrantGpa().value()).hasValue(gpa("3.00"));
            assertThat(r.calGrantGpa().lines()).extracting(GpaLine::recordId).doesNotContain("S9|2022S");
        }

        @Test
        void uses_only_the_latest_grade_of_a_repeated_course_and_counts_a_failing_grade_not_retaken() {
            // Algebra II D (10th) repeated B (11th); English 10 C (10th) repeated A (11th); Spanish 2 F (11th).
            // Cal Grant: B + A + F = 7 / 3 = 2.33. UC (only D/F may be repeated): B + C + F = 5 / 3 = 1.66.
            ReadinessReport r = evaluate(student(2026).with(
                    fall("ALG2", "Algebra II", AgArea.AG_C_MATH).inGrade(10).level(3).grades("D"),
                    fall("ALG2", "Algebra II", AgArea.AG_C_MATH).inGrade(11).level(3).grades("B"),
                    fall("ENG10", "English 10", AgArea.AG_B_ENGLISH).inGrade(10).grades("C"),
                    fall("ENG10", "English 10", AgArea.AG_B_ENGLISH).inGrade(11).grades("A"),
                    fall("SPAN2", "Spanish 2", AgArea.AG_E_LANGUAGE).inGrade(11).level(2).discipline("SPANISH")
                            .grades("F")));

            assertThat(r.calGrantGpa().value()).hasValue(gpa("2.33"));
            assertThat(r.ucGpa().unweighted()).hasValue(gpa("1.66"));
            assertThat(r.trail(TrailScope.CAL_GRANT_GPA)).extracting(TrailEntry::message).contains(
                    "English 10: repeated; only the latest grade, A of fall 2024, is used (earlier: C of fall 2023).");
        }

        @Test
        void is_rounded_to_the_nearest_hundredth_where_uc_truncates() {
            // Five A and three B: 29 / 8 = 3.625 -> Cal Grant 3.63, UC 3.62.
            ReadinessReport r = evaluate(student(2026).with(
                    yearlong("ENG10", "English 10", AgArea.AG_B_ENGLISH).inGrade(10),
                    yearlong("WHIST", "World History", AgArea.AG_A_HISTORY).inGrade(10).grades("A", "B"),
                    yearlong("CHEM", "Chemistry", AgArea.AG_D_SCIENCE).inGrade(11).grades("A", "B"),
                    yearlong("ALG2", "Algebra II", AgArea.AG_C_MATH).inGrade(11).level(3).grades("A", "B")));

            assertThat(r.calGrantGpa().value()).hasValue(gpa("3.63"));
            assertThat(r.ucGpa().unweighted()).hasValue(gpa("3.62"));
        }
    }

    @Nested
    class Reported_gpas {

        @Test
        void are_shown_beside_batons_values_and_flagged_when_they_disagree_or_look_weighted() {
            // UC capped weighted: Honors English 10 A, A = (8 + 2) / 2 = 5.00; Cal Grant 4.00.
            ReadinessReport r = evaluate(student(2026)
                    .with(yearlong("HENG10", "Honors English 10", AgArea.AG_B_ENGLISH).inGrade(10).honors())
                    .reportedGpa(GpaKind.GPA_UC, 5000, "")
                    .reportedGpa(GpaKind.GPA_CAL_GRANT, 5000, "2025-09-20")
                    .reportedGpa(GpaKind.GPA_CUMULATIVE_WEIGHTED, 4100, ""));

            assertThat(r.reportedGpas()).hasSize(3);
            ReportedGpaCheck uc = r.reportedGpas().get(0);
            assertThat(uc.computed()).hasValue(gpa("5.00"));
            assertThat(uc.disagrees()).isFalse();
            ReportedGpaCheck calGrant = r.reportedGpas().get(1);
            assertThat(calGrant.computed()).hasValue(gpa("4.00"));
            assertThat(calGrant.disagrees()).isTrue();
            assertThat(calGrant.looksWeighted()).isTrue();
            assertThat(r.reportedGpas().get(2).computed()).isEmpty();
            assertThat(r.aid().calGrantUpload().warnings()).containsExactly(
                    "the uploaded GPA 5.000 looks weighted; CSAC needs the unweighted GPA",
                    "the uploaded GPA 5.000 differs from Baton's 4.00");
            assertThat(r.trail(TrailScope.REPORTED_GPA)).extracting(TrailEntry::message).contains(
                    "Cal Grant GPA reported by 19647330000000 (as of 2025-09-15): 5.000; Baton computes 4.00 — a "
                            + "difference of 1.000, more than 0.01.");
        }
    }
}
