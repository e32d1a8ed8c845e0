package org.baton.node.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.baton.node.readiness.CourseSpec.college;
import static org.baton.node.readiness.CourseSpec.fall;
import static org.baton.node.readiness.CourseSpec.spring;
import static org.baton.node.readiness.CourseSpec.summer;
import static org.baton.node.readiness.CourseSpec.yearlong;
import static org.baton.node.readiness.TestStudents.completeThroughEleventh;
import static org.baton.node.readiness.TestStudents.student;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.baton.node.readiness.AgResult.CreditKind;
import org.baton.node.readiness.AgResult.LevelStatus;
import org.baton.node.readiness.rules.AgSubject;
import org.baton.proto.v1.AgArea;
import org.baton.proto.v1.AgAreaStatus;
import org.baton.proto.v1.AgRequirementStatus;
import org.baton.proto.v1.AgStatusSummary;
import org.baton.proto.v1.HigherEdSystem;
import org.baton.proto.v1.StudentRecord;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * a-g rules of DOMAIN.md §1, each with students a counselor can evaluate by hand. Cohort 2026: 9th grade is
 * 2022-23, 10th 2023-24, 11th 2024-25, senior year 2025-26; evaluated in the fall of the senior year.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReadinessAgTest {

    static final LocalDate SENIOR_FALL = LocalDate.of(2025, 10, 15);
    static final CourseSpec ENGLISH_12_IN_PROGRESS = yearlong("ENG12", "English 12", AgArea.AG_B_ENGLISH).inGrade(12)
            .grades("IP", "IP");
    static final CourseSpec ECONOMICS_IN_PROGRESS = yearlong("ECON", "Economics", AgArea.AG_G_ELECTIVE).inGrade(12)
            .grades("IP", "IP");

    static ReadinessReport evaluate(TestStudents.Builder builder) {
        return TestStudents.evaluate(builder.build(), SENIOR_FALL);
    }

    static AgResult.Area uc(ReadinessReport report, AgSubject area) {
        return report.uc().area(area);
    }

    static AgResult.Area csu(ReadinessReport report, AgSubject area) {
        return report.csu().area(area);
    }

    @Nested
    class Area_status {

        @Test
        void a_senior_with_every_area_done_or_in_progress_is_in_progress_and_each_area_lists_its_courses() {
            ReadinessReport r = evaluate(student(2026).with(completeThroughEleventh())
                    .with(ENGLISH_12_IN_PROGRESS, ECONOMICS_IN_PROGRESS));

            assertThat(r.uc().status()).isEqualTo(AreaStatus.IN_PROGRESS);
            assertThat(uc(r, AgSubject.A).status()).isEqualTo(AreaStatus.MET);
            assertThat(uc(r, AgSubject.B).status()).isEqualTo(AreaStatus.IN_PROGRESS);
            assertThat(uc(r, AgSubject.B).semestersCompleted()).isEqualTo(6);
            assertThat(uc(r, AgSubject.B).semestersInProgress()).isEqualTo(2);
            assertThat(uc(r, AgSubject.G).status()).isEqualTo(AreaStatus.IN_PROGRESS);
            assertThat(uc(r, AgSubject.C).used()).extracting(AgResult.Credit::title)
                    .containsExactly("Algebra I", "Algebra I", "Geometry", "Geometry", "Algebra II", "Algebra II");
            assertThat(r.csu().status()).isEqualTo(AreaStatus.IN_PROGRESS);
        }

        @Test
        void the_summary_a_package_carries_gives_each_areas_status_and_counts_without_courses() {
            ReadinessReport r = evaluate(student(2026).with(completeThroughEleventh())
                    .with(ENGLISH_12_IN_PROGRESS, ECONOMICS_IN_PROGRESS));

            AgStatusSummary summary = r.uc().summary(SENIOR_FALL);

            assertThat(summary.getSystem()).isEqualTo(HigherEdSystem.SYSTEM_UC);
            assertThat(summary.getAsOf()).isEqualTo("2025-10-15");
            assertThat(summary.getRulesCohortFrom()).isEqualTo(r.uc().rulesCohortFrom());
            assertThat(summary.getStatus()).isEqualTo(AgRequirementStatus.AG_IN_PROGRESS);
            assertThat(summary.getSemestersCompleted()).isEqualTo(r.uc().semestersCompleted());
            assertThat(summary.getSemestersInProgress()).isEqualTo(4);
            assertThat(summary.getAreasList()).extracting(AgAreaStatus::getArea).containsExactly(AgArea.AG_A_HISTORY,
                    AgArea.AG_B_ENGLISH, AgArea.AG_C_MATH, AgArea.AG_D_SCIENCE, AgArea.AG_E_LANGUAGE, AgArea.AG_F_ARTS,
                    AgArea.AG_G_ELECTIVE);
            AgAreaStatus english = summary.getAreas(1);
            assertThat(english.getStatus()).isEqualTo(AgRequirementStatus.AG_IN_PROGRESS);
            assertThat(english.getSemestersRequired()).isEqualTo(8);
            assertThat(english.getSemestersCompleted()).isEqualTo(6);
            assertThat(english.getSemestersInProgress()).isEqualTo(2);
            assertThat(summary.getAreas(0).getStatus()).isEqualTo(AgRequirementStatus.AG_MET);
            assertThat(r.csu().summary(SENIOR_FALL).getSystem()).isEqualTo(HigherEdSystem.SYSTEM_CSU);
        }

        @Test
        void a_year_is_two_semester_grades_so_one_semester_of_art_is_half_of_f() {
            ReadinessReport r = evaluate(student(2026).with(fall("ART1", "Drawing", AgArea.AG_F_ARTS).inGrade(10)
                    .discipline("VISUAL_ARTS")));

            assertThat(uc(r, AgSubject.F).status()).isEqualTo(AreaStatus.MISSING);
            assertThat(uc(r, AgSubject.F).semestersCompleted()).isEqualTo(1);
            assertThat(uc(r, AgSubject.F).semestersRequired()).isEqualTo(2);
        }

        @Test
        void a_d_that_nothing_clears_makes_the_area_deficient_in_both_systems() {
            ReadinessReport r = evaluate(student(2026).with(completeThroughEleventh()).without("ENG10")
                    .with(yearlong("ENG10", "English 10", AgArea.AG_B_ENGLISH).inGrade(10).grades("B", "D")));

            assertThat(uc(r, AgSubject.B).status()).isEqualTo(AreaStatus.DEFICIENT);
            assertThat(csu(r, AgSubject.B).status()).isEqualTo(AreaStatus.DEFICIENT);
            assertThat(uc(r, AgSubject.B).deficiencies()).singleElement().satisfies(d -> {
                assertThat(d.grade()).isEqualTo("D");
                assertThat(d.clearedBy()).isEmpty();
            });
            assertThat(r.trailFor("ENG10|2023S|S2")).extracting(TrailEntry::message).contains(
                    "English 10 (spring 2024, D): below the minimum C; does not satisfy area b.",
                    "English 10 (spring 2024, D): the deficiency in area b is not cleared (repeat the course).");
        }

        @Test
        void an_area_with_nothing_is_missing() {
            ReadinessReport r = evaluate(student(2026).with(completeThroughEleventh()).without("ART"));

            assertThat(uc(r, AgSubject.F).status()).isEqualTo(AreaStatus.MISSING);
            assertThat(r.uc().status()).isEqualTo(AreaStatus.MISSING);
        }
    }

    @Nested
    class Minimum_grade {

        @Test
        void uc_counts_c_minus_as_c_by_default_and_says_so() {
            ReadinessReport r = evaluate(student(2026).with(fall("CERAM", "Ceramics", AgArea.AG_F_ARTS).inGrade(10)
                    .discipline("VISUAL_ARTS").grades("C-"), spring("CERAM2", "Ceramics 2", AgArea.AG_F_ARTS)
                    .inGrade(10).discipline("VISUAL_ARTS").grades("B")));

            assertThat(uc(r, AgSubject.F).status()).isEqualTo(AreaStatus.MET);
            assertThat(r.trailFor("CERAM|2023F")).extracting(TrailEntry::message)
                    .contains("Ceramics (fall 2023, C-): C- counts as C (UC ignores +/-); 1 semester(s) of area f.");
        }

        @Test
        void uc_rejects_c_minus_when_configured_while_csu_accepts_it() {
            ReadinessEngine strict = ReadinessEngine.create(TestStudents.RULES,
                    EvaluationOptions.defaults().withUcCMinusCountsAsC(false));
            StudentRecord record = student(2026).with(fall("CERAM", "Ceramics", AgArea.AG_F_ARTS).inGrade(10)
                    .discipline("VISUAL_ARTS").grades("C-"), spring("CERAM2", "Ceramics 2", AgArea.AG_F_ARTS)
                    .inGrade(10).discipline("VISUAL_ARTS").grades("B")).build();

            ReadinessReport r = strict.evaluate(ReadinessInput.of(record, SENIOR_FALL));

            assertThat(uc(r, AgSubject.F).status()).isEqualTo(AreaStatus.DEFICIENT);
            assertThat(csu(r, AgSubject.F).status()).isEqualTo(AreaStatus.MET);
        }
    }

    @Nested
    class Eleven_courses_before_senior_year {

        static List<CourseSpec> tenCourses() {
            return List.of(
                    yearlong("ENG9", "English 9", AgArea.AG_B_ENGLISH).inGrade(9),
                    yearlong("ENG10", "English 10", AgArea.AG_B_ENGLISH).inGrade(10),
                    yearlong("ENG11", "English 11", AgArea.AG_B_ENGLISH).inGrade(11),
                    yearlong("WHIST", "World History", AgArea.AG_A_HISTORY).inGrade(10).discipline("WORLD_HISTORY"),
                    yearlong("USHIST", "US History", AgArea.AG_A_HISTORY).inGrade(11).discipline("US_HISTORY"),
                    yearlong("ALG1", "Algebra I", AgArea.AG_C_MATH).inGrade(9).level(1),
                    yearlong("GEOM", "Geometry", AgArea.AG_C_MATH).inGrade(10).level(2),
                    yearlong("ALG2", "Algebra II", AgArea.AG_C_MATH).inGrade(11).level(3),
                    yearlong("BIO", "Biology", AgArea.AG_D_SCIENCE).inGrade(9).discipline("BIOLOGY"),
                    yearlong("CHEM", "Chemistry", AgArea.AG_D_SCIENCE).inGrade(10).discipline("CHEMISTRY"));
        }

        @Test
        void ten_courses_by_the_end_of_11th_grade_miss_the_uc_rule_and_csu_has_no_such_rule() {
            ReadinessReport r = evaluate(student(2026).with(tenCourses()));

            assertThat(r.uc().beforeSeniorYear()).hasValueSatisfying(s -> {
                assertThat(s.semestersCompleted()).isEqualTo(20);
                assertThat(s.status()).isEqualTo(AreaStatus.MISSING);
            });
            assertThat(r.csu().beforeSeniorYear()).isEmpty();
        }

        @Test
        void a_summer_course_after_11th_grade_counts_before_the_senior_year() {
            ReadinessReport r = evaluate(student(2026).with(tenCourses())
                    .with(summer("ARTS", "Summer Art", AgArea.AG_F_ARTS).inGrade(11).discipline("VISUAL_ARTS"),
                            summer("ARTS2", "Summer Art II", AgArea.AG_F_ARTS).inGrade(11).discipline("VISUAL_ARTS")));

            assertThat(r.uc().beforeSeniorYear()).hasValueSatisfying(s -> {
                assertThat(s.semestersCompleted()).isEqualTo(22);
                assertThat(s.status()).isEqualTo(AreaStatus.MET);
            });
        }

        @Test
        void senior_year_courses_do_not_count_toward_the_eleven() {
            ReadinessReport r = evaluate(student(2026).with(tenCourses()).with(yearlong("ART", "Studio Art",
                    AgArea.AG_F_ARTS).inGrade(12).discipline("VISUAL_ARTS")));

            assertThat(r.uc().beforeSeniorYear().get().semestersCompleted()).isEqualTo(20);
            assertThat(r.uc().semestersCompleted()).isEqualTo(22);
        }
    }

    @Nested
    class School_a_g_list_for_the_year_taken {

        @Test
        void a_course_not_on_the_list_for_its_year_does_not_count_even_if_the_record_flags_it() {
            StudentRecord record = student(2026).with(yearlong("PHOTO", "Photography", AgArea.AG_F_ARTS).inGrade(11)
                    .discipline("VISUAL_ARTS")).build();
            AgCourseLists lists = AgCourseLists.of(List.of(
                    new AgCourseList(SchoolCode.of(TestStudents.SCHOOL), 2023,
                            Map.of("PHOTO", new AgCourseList.Listing(AgSubject.F, false))),
                    new AgCourseList(SchoolCode.of(TestStudents.SCHOOL), 2024, Map.of())));

            ReadinessReport r = TestStudents.ENGINE.evaluate(ReadinessInput.of(record, SENIOR_FALL).withAgLists(lists));

            assertThat(uc(r, AgSubject.F).status()).isEqualTo(AreaStatus.MISSING);
            assertThat(r.trailFor("PHOTO|2024F|S1")).extracting(TrailEntry::message).contains(
                    "Photography (PHOTO) is not on school 19647331930106's a-g list for 2024-2025: not an a-g course, "
                            + "although the record says area f.");
        }

        @Test
        void the_list_decides_area_and_honors_over_the_record() {
            StudentRecord record = student(2026).with(yearlong("APBIO", "AP Biology", AgArea.AG_G_ELECTIVE).inGrade(11)
                    .discipline("BIOLOGY")).build();
            AgCourseLists lists = AgCourseLists.of(List.of(new AgCourseList(SchoolCode.of(TestStudents.SCHOOL), 2024,
                    Map.of("APBIO", new AgCourseList.Listing(AgSubject.D, true)))));

            ReadinessReport r = TestStudents.ENGINE.evaluate(ReadinessInput.of(record, SENIOR_FALL).withAgLists(lists));

            assertThat(uc(r, AgSubject.D).semestersCompleted()).isEqualTo(2);
            assertThat(r.ucGpa().honorsEarned()).isEqualTo(2);
            assertThat(r.trail(TrailScope.RECORDS)).extracting(TrailEntry::message).contains(
                    "AP Biology (APBIO) is on school 19647331930106's a-g list for 2024-2025 as area d honors; the "
                            + "record says area g; the list is used.");
        }

        @Test
        void without_a_list_the_record_flags_are_used_and_the_trail_says_so() {
            ReadinessReport r = evaluate(student(2026).with(yearlong("ART", "Studio Art", AgArea.AG_F_ARTS).inGrade(11)
                    .discipline("VISUAL_ARTS")));

            assertThat(uc(r, AgSubject.F).status()).isEqualTo(AreaStatus.MET);
            assertThat(r.trail(TrailScope.RECORDS)).extracting(TrailEntry::message).contains(
                    "No a-g course list for school 19647331930106 in 2024-2025; the a-g area and honors flags on its "
                            + "course records are used.");
        }
    }

    @Nested
    class Seventh_and_eighth_grade {

        @Test
        void eighth_grade_algebra_with_a_b_counts_toward_math_and_eighth_grade_english_does_not() {
            ReadinessReport r = evaluate(student(2026).with(
                    yearlong("ALG1-MS", "Algebra I", AgArea.AG_C_MATH).inGrade(8).level(1).grades("B", "B"),
                    yearlong("ENG8", "English 8", AgArea.AG_B_ENGLISH).inGrade(8),
                    yearlong("GEOM", "Geometry", AgArea.AG_C_MATH).inGrade(9).level(2),
                    yearlong("ALG2", "Algebra II", AgArea.AG_C_MATH).inGrade(10).level(3)));

            assertThat(uc(r, AgSubject.C).status()).isEqualTo(AreaStatus.MET);
            assertThat(uc(r, AgSubject.C).levels()).extracting(AgResult.Level::status)
                    .containsExactly(LevelStatus.COMPLETED, LevelStatus.COMPLETED, LevelStatus.COMPLETED);
            assertThat(uc(r, AgSubject.B).semestersCompleted()).isZero();
            assertThat(r.trailFor("ENG8|2021F|S1")).extracting(TrailEntry::message).contains(
                    "English 8 (fall 2021, grade 8): 7th/8th-grade courses count only in areas c and e; not counted.");
        }

        @Test
        void eighth_grade_math_below_c_is_treated_as_not_taken_and_is_validated_by_omission() {
            ReadinessReport r = evaluate(student(2026).with(
                    yearlong("ALG1-MS", "Algebra I", AgArea.AG_C_MATH).inGrade(8).level(1).grades("D", "D"),
                    yearlong("GEOM", "Geometry", AgArea.AG_C_MATH).inGrade(9).level(2),
                    yearlong("ALG2", "Algebra II", AgArea.AG_C_MATH).inGrade(10).level(3).grades("C", "C")));

            assertThat(uc(r, AgSubject.C).status()).isEqualTo(AreaStatus.MET);
            assertThat(uc(r, AgSubject.C).levels().get(0).status()).isEqualTo(LevelStatus.VALIDATED);
            assertThat(uc(r, AgSubject.C).deficiencies()).isEmpty();
        }
    }

    @Nested
    class Pass_credit_window {

        @Test
        void pass_counts_in_spring_2020_but_not_in_fall_2021_or_fall_2019() {
            ReadinessReport r = evaluate(student(2022).with(
                    spring("ART-A", "Art A", AgArea.AG_F_ARTS).inAcademicYear(2019).inGrade(10).discipline("ART")
                            .grades("P"),
                    spring("ART-B", "Art B", AgArea.AG_F_ARTS).inAcademicYear(2020).inGrade(11).discipline("ART")
                            .grades("CR"),
                    fall("ART-C", "Art C", AgArea.AG_F_ARTS).inAcademicYear(2021).inGrade(12).discipline("ART")
                            .grades("P"),
                    fall("ART-D", "Art D", AgArea.AG_F_ARTS).inAcademicYear(2019).inGrade(10).discipline("ART")
                            .grades("P")));

            assertThat(r.uc().area(AgSubject.F).used()).extracting(AgResult.Credit::title)
                    .containsExactly("Art A", "Art B");
            assertThat(r.trailFor("ART-C|2021F")).extracting(TrailEntry::message).contains(
                    "Art C (fall 2021, P): pass/credit grades count only for winter 2020 through summer 2021; not counted.");
            assertThat(r.trailFor("ART-D|2019F")).extracting(TrailEntry::message).contains(
                    "Art D (fall 2019, P): pass/credit grades count only for winter 2020 through summer 2021; not counted.");
        }
    }

    @Nested
    class Validation {

        @Test
        void by_omission_the_first_higher_course_validates_algebra_i_never_taken() {
            ReadinessReport r = evaluate(student(2026).with(
                    yearlong("GEOM", "Geometry", AgArea.AG_C_MATH).inGrade(9).level(2),
                    yearlong("ALG2", "Algebra II", AgArea.AG_C_MATH).inGrade(10).level(3).grades("C", "B")));

            AgResult.Area c = uc(r, AgSubject.C);
            assertThat(c.status()).isEqualTo(AreaStatus.MET);
            assertThat(c.semestersCompleted()).isEqualTo(6);
            assertThat(c.used()).filteredOn(credit -> credit.kind() == CreditKind.VALIDATED_BY_OMISSION)
                    .singleElement().satisfies(credit -> {
                        assertThat(credit.semesters()).isEqualTo(2);
                        assertThat(credit.recordIds()).containsExactly("GEOM|2022F|S1");
                    });
            assertThat(r.trail(TrailScope.UC)).extracting(TrailEntry::message).contains(
                    "Algebra I / Integrated Math I, never taken, is validated by omission by Geometry (fall 2022, A).");
        }

        @Test
        void by_deficiency_a_higher_course_with_c_validates_a_d_which_still_counts_in_the_gpa() {
            ReadinessReport r = evaluate(student(2026).with(
                    yearlong("ALG1", "Algebra I", AgArea.AG_C_MATH).inGrade(9).level(1),
                    yearlong("GEOM", "Geometry", AgArea.AG_C_MATH).inGrade(10).level(2),
                    yearlong("ALG2", "Algebra II", AgArea.AG_C_MATH).inGrade(11).level(3).grades("D", "D"),
                    fall("PRECALC", "Precalculus", AgArea.AG_C_MATH).inGrade(12).level(4)
                            .grades("C")));

            AgResult.Area c = uc(r, AgSubject.C);
            assertThat(c.status()).isEqualTo(AreaStatus.MET);
            assertThat(c.levels().get(2).status()).isEqualTo(LevelStatus.VALIDATED);
            assertThat(c.deficiencies()).hasSize(2).allSatisfy(d -> assertThat(d.clearedBy())
                    .hasValue("validated by Precalculus (C)"));
            // The D's stay in the UC GPA (grades 10-11): Geometry A, A = 8; Algebra II D, D = 2 -> 10 / 4 = 2.50.
            assertThat(r.ucGpa().unweighted()).hasValue(new java.math.BigDecimal("2.50"));
        }

        @Test
        void geometry_can_be_validated_neither_by_omission_nor_by_deficiency() {
            ReadinessReport skipped = evaluate(student(2026).with(
                    yearlong("ALG1", "Algebra I", AgArea.AG_C_MATH).inGrade(9).level(1),
                    yearlong("ALG2", "Algebra II", AgArea.AG_C_MATH).inGrade(10).level(3),
                    yearlong("PRECALC", "Precalculus", AgArea.AG_C_MATH).inGrade(11).level(4)));
            ReadinessReport failed = evaluate(student(2026).with(
                    yearlong("ALG1", "Algebra I", AgArea.AG_C_MATH).inGrade(9).level(1),
                    yearlong("GEOM", "Geometry", AgArea.AG_C_MATH).inGrade(10).level(2).grades("D", "C"),
                    yearlong("ALG2", "Algebra II", AgArea.AG_C_MATH).inGrade(11).level(3)));

            assertThat(uc(skipped, AgSubject.C).status()).isEqualTo(AreaStatus.MISSING);
            assertThat(uc(skipped, AgSubject.C).levels().get(1).status()).isEqualTo(LevelStatus.MISSING);
            assertThat(skipped.trail(TrailScope.UC)).extracting(TrailEntry::message).contains(
                    "Geometry / Integrated Math II: it cannot be validated by a higher-level course; it must be "
                            + "completed with an accepted grade.",
                    "Area c: Geometry / Integrated Math II is neither completed nor validated.");
            assertThat(uc(failed, AgSubject.C).status()).isEqualTo(AreaStatus.DEFICIENT);
            assertThat(uc(failed, AgSubject.C).levels().get(1).status()).isEqualTo(LevelStatus.DEFICIENT);
        }

        @Test
        void the_second_semester_validates_the_first_in_math_and_language_but_never_in_english() {
            ReadinessReport r = evaluate(student(2026).with(
                    yearlong("ALG1", "Algebra I", AgArea.AG_C_MATH).inGrade(9).level(1).grades("D", "C"),
                    yearlong("SPAN1", "Spanish 1", AgArea.AG_E_LANGUAGE).inGrade(9).level(1).discipline("SPANISH")
                            .grades("F", "B"),
                    yearlong("ENG9", "English 9", AgArea.AG_B_ENGLISH).inGrade(9).grades("D", "A")));

            assertThat(uc(r, AgSubject.C).levels().get(0).status()).isEqualTo(LevelStatus.VALIDATED);
            assertThat(uc(r, AgSubject.E).levels().get(0).status()).isEqualTo(LevelStatus.VALIDATED);
            assertThat(uc(r, AgSubject.B).semestersCompleted()).isEqualTo(1);
            assertThat(uc(r, AgSubject.B).deficiencies()).singleElement()
                    .satisfies(d -> assertThat(d.clearedBy()).isEmpty());
            assertThat(r.trailFor("ALG1|2022F|S1")).extracting(TrailEntry::message).contains(
                    "Algebra I (Algebra I / Integrated Math I): the second semester (C) validates the first semester (D) "
                            + "of the same course.");
        }

        @Test
        void a_third_year_of_a_language_validates_the_first_two_and_counts_three_years() {
            ReadinessReport r = evaluate(student(2026).with(yearlong("SPAN3", "Spanish 3", AgArea.AG_E_LANGUAGE)
                    .inGrade(9).level(3).discipline("SPANISH").grades("C", "C")));

            AgResult.Area e = uc(r, AgSubject.E);
            assertThat(e.status()).isEqualTo(AreaStatus.MET);
            assertThat(e.used()).extracting(AgResult.Credit::kind).containsOnly(CreditKind.VALIDATED_BY_OMISSION);
            assertThat(e.extra()).extracting(AgResult.Credit::title).containsExactly("Spanish 3", "Spanish 3");
            assertThat(uc(r, AgSubject.G).used()).extracting(AgResult.Credit::title).containsExactly("Spanish 3",
                    "Spanish 3");
        }

        @Test
        void american_sign_language_counts_as_a_language() {
            ReadinessReport r = evaluate(student(2026).with(
                    yearlong("ASL1", "American Sign Language 1", AgArea.AG_E_LANGUAGE).inGrade(9).level(1)
                            .discipline("ASL"),
                    yearlong("ASL2", "American Sign Language 2", AgArea.AG_E_LANGUAGE).inGrade(10).level(2)
                            .discipline("ASL")));

            assertThat(uc(r, AgSubject.E).status()).isEqualTo(AreaStatus.MET);
            assertThat(csu(r, AgSubject.E).status()).isEqualTo(AreaStatus.MET);
        }

        @Test
        void two_different_languages_do_not_make_two_years_of_the_same_language() {
            ReadinessReport r = evaluate(student(2026).with(
                    yearlong("SPAN1", "Spanish 1", AgArea.AG_E_LANGUAGE).inGrade(9).level(1).discipline("SPANISH"),
                    yearlong("FREN1", "French 1", AgArea.AG_E_LANGUAGE).inGrade(10).level(1).discipline("FRENCH")));

            assertThat(uc(r, AgSubject.E).status()).isEqualTo(AreaStatus.MISSING);
            assertThat(uc(r, AgSubject.E).components()).singleElement().satisfies(c -> assertThat(c.met()).isFalse());
        }

        @Test
        void ap_statistics_validates_algebra_ii_until_summer_2025_but_not_from_fall_2025() {
            List<CourseSpec> before = List.of(
                    yearlong("ALG1", "Algebra I", AgArea.AG_C_MATH).inGrade(9).level(1),
                    yearlong("GEOM", "Geometry", AgArea.AG_C_MATH).inGrade(10).level(2),
                    yearlong("APSTAT", "AP Statistics", AgArea.AG_C_MATH).inGrade(11).level(4)
                            .discipline("STATISTICS").honors());
            ReadinessReport cohort2026 = evaluate(student(2026).with(before));
            ReadinessReport cohort2027 = TestStudents.evaluate(student(2027).with(before).gradeLevel(11).build(),
                    LocalDate.of(2026, 6, 30));

            assertThat(uc(cohort2026, AgSubject.C).status()).isEqualTo(AreaStatus.MET);
            assertThat(uc(cohort2027, AgSubject.C).status()).isEqualTo(AreaStatus.MISSING);
            assertThat(uc(cohort2027, AgSubject.C).levels().get(2).status()).isEqualTo(LevelStatus.MISSING);
            assertThat(cohort2027.trailFor("APSTAT|2025F|S1")).extracting(TrailEntry::message).anySatisfy(m ->
                    assertThat(m).startsWith("AP Statistics (fall 2025) does not validate Algebra II / Integrated "
                            + "Math III: UC BOARS, fall 2025"));
        }
    }

    @Nested
    class Repeats {

        @Test
        void a_yearlong_course_exported_without_semester_numbers_is_two_semesters_not_a_repeat() {
            // Algebra I fall D and spring C, both with segment 0: the spring C validates the fall D.
            ReadinessReport r = evaluate(student(2026).with(
                    fall("ALG1", "Algebra I", AgArea.AG_C_MATH).inGrade(9).level(1).grades("D"),
                    spring("ALG1", "Algebra I", AgArea.AG_C_MATH).inGrade(9).level(1).grades("C"),
                    fall("ENG9", "English 9", AgArea.AG_B_ENGLISH).inGrade(9).grades("B"),
                    spring("ENG9", "English 9", AgArea.AG_B_ENGLISH).inGrade(9).grades("A")));

            assertThat(uc(r, AgSubject.C).levels().get(0).status()).isEqualTo(LevelStatus.VALIDATED);
            assertThat(uc(r, AgSubject.B).semestersCompleted()).isEqualTo(2);
            assertThat(r.trail(TrailScope.UC)).extracting(TrailEntry::code)
                    .doesNotContain(TrailCode.REPEAT_OF_PASSING_NOT_USED, TrailCode.REPEAT_REPLACES);
        }

        @Test
        void a_repeated_d_is_replaced_by_the_repeat_of_the_same_course_in_area_and_gpa() {
            ReadinessReport repeated = evaluate(student(2026).with(
                    yearlong("CHEM", "Chemistry", AgArea.AG_D_SCIENCE).inGrade(10).discipline("CHEMISTRY")
                            .grades("D", "B"),
                    yearlong("CHEM", "Chemistry", AgArea.AG_D_SCIENCE).inGrade(11).discipline("CHEMISTRY")
                            .grades("B", "IP")));

            assertThat(repeated.uc().area(AgSubject.D).deficiencies()).singleElement().satisfies(d ->
                    assertThat(d.clearedBy()).hasValue("repeated: B in fall 2024"));
            assertThat(repeated.uc().area(AgSubject.D).semestersCompleted()).isEqualTo(2);
            // UC GPA: Chemistry S2 B (10th) and the repeat B (11th): 6 / 2 = 3.00; the D is gone.
            assertThat(repeated.ucGpa().grades()).isEqualTo(2);
            assertThat(repeated.ucGpa().unweighted()).hasValue(new java.math.BigDecimal("3.00"));
            assertThat(repeated.trail(TrailScope.UC)).extracting(TrailEntry::message).contains(
                    "Chemistry: the D of fall 2023 is replaced by the repeat's B of fall 2024 (same course).");
        }

        @Test
        void a_passing_grade_may_not_be_repeated_so_the_repeat_is_not_used() {
            ReadinessReport r = evaluate(student(2026).with(
                    yearlong("ENG10", "English 10", AgArea.AG_B_ENGLISH).inGrade(10).grades("C", "C"),
                    yearlong("ENG10", "English 10", AgArea.AG_B_ENGLISH).inGrade(11).grades("A", "A")));

            assertThat(r.ucGpa().unweighted()).hasValue(new java.math.BigDecimal("2.00"));
            assertThat(uc(r, AgSubject.B).semestersCompleted()).isEqualTo(2);
            assertThat(r.trailFor("ENG10|2024F|S1")).extracting(TrailEntry::message).contains(
                    "English 10: repeated in fall 2024 after a C in fall 2023; only D and F may be repeated, so the "
                            + "repeat's A is not used.");
        }

        @Test
        void a_different_course_does_not_replace_a_d_in_the_gpa() {
            ReadinessReport r = evaluate(student(2026).with(
                    yearlong("APCHEM", "AP Chemistry", AgArea.AG_D_SCIENCE).inGrade(10).discipline("CHEMISTRY")
                            .grades("D", "D"),
                    yearlong("CHEM", "Chemistry", AgArea.AG_D_SCIENCE).inGrade(11).discipline("CHEMISTRY")
                            .grades("A", "A")));

            // (1 + 1 + 4 + 4) / 4 = 2.50: both courses count in the GPA.
            assertThat(r.ucGpa().unweighted()).hasValue(new java.math.BigDecimal("2.50"));
            assertThat(uc(r, AgSubject.D).semestersCompleted()).isEqualTo(2);
        }
    }

    @Nested
    class College_courses {

        @Test
        void a_transferable_course_of_three_semester_units_is_a_year_and_of_two_units_a_semester() {
            ReadinessReport r = evaluate(student(2026).with(
                    college("ART 101", "Drawing", AgArea.AG_F_ARTS).inGrade(11).dualEnrollment().transferable()
                            .discipline("VISUAL_ARTS").units(300).grades("B"),
                    college("PSY 1", "Psychology", AgArea.AG_G_ELECTIVE).inGrade(11).dualEnrollment().transferable()
                            .units(200).grades("A")));

            assertThat(uc(r, AgSubject.F).status()).isEqualTo(AreaStatus.MET);
            assertThat(uc(r, AgSubject.G).semestersCompleted()).isEqualTo(1);
            assertThat(r.trailFor("ART 101|2024F")).extracting(TrailEntry::message).contains(
                    "Drawing (fall 2024, 3.00 semester units, B): a college course of at least 3.00 units counts as "
                            + "one year (2 semesters) of area f.");
        }

        @Test
        void the_colleges_own_record_of_a_dual_enrollment_course_counts_with_the_high_schools_a_g_area() {
            StudentRecord district = student(2026).with(
                    college("ART 101", "Drawing", AgArea.AG_F_ARTS).inGrade(11).dualEnrollment().transferable()
                            .discipline("VISUAL_ARTS").units(300).grades("B")).build();
            // The college's transcript names no a-g area and no transferability; its grade is the grade of record.
            var listed = district.getCourses(0);
            StudentRecord college = StudentRecord.newBuilder()
                    .setStudent(district.getStudent().toBuilder().setInstitutionId(TestStudents.COLLEGE))
                    .addCourses(listed.toBuilder()
                            .setRecordId("pesc|ART 101|1")
                            .setInstitutionId(TestStudents.COLLEGE)
                            .clearAgArea()
                            .clearDiscipline()
                            .setLetterGrade("A")
                            .setCollege(listed.getCollege().toBuilder().setUcTransferable(false)
                                    .setCsuTransferable(false)))
                    .build();

            ReadinessReport r = TestStudents.ENGINE.evaluate(new ReadinessInput(List.of(district, college),
                    AgCourseLists.none(), SENIOR_FALL));

            assertThat(uc(r, AgSubject.F).status()).isEqualTo(AreaStatus.MET);
            assertThat(uc(r, AgSubject.F).used()).extracting(c -> c.recordIds().get(0), AgResult.Credit::grade)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("pesc|ART 101|1", "A"));
        }

        @Test
        void four_quarter_units_are_a_year_and_a_non_transferable_course_does_not_count() {
            ReadinessReport r = evaluate(student(2026).with(
                    college("MUS 10", "Music Theory", AgArea.AG_F_ARTS).inGrade(11).dualEnrollment().transferable()
                            .discipline("MUSIC").units(400).quarter(),
                    college("ENGL 50", "Basic Writing", AgArea.AG_B_ENGLISH).inGrade(11).dualEnrollment()
                            .units(400)));

            assertThat(uc(r, AgSubject.F).status()).isEqualTo(AreaStatus.MET);
            assertThat(uc(r, AgSubject.B).semestersCompleted()).isZero();
            assertThat(r.trailFor("ENGL 50|2024F")).extracting(TrailEntry::message).contains(
                    "Basic Writing (fall 2024): the college course is not UC-transferable; not counted toward a-g.");
        }
    }

    @Nested
    class Area_components_and_overflow {

        @Test
        void extra_a_to_f_courses_overflow_into_g() {
            ReadinessReport r = evaluate(student(2026).with(completeThroughEleventh())
                    .with(yearlong("PHYS", "Physics", AgArea.AG_D_SCIENCE).inGrade(11).discipline("PHYSICS")));

            assertThat(uc(r, AgSubject.D).extra()).extracting(AgResult.Credit::title).containsExactly("Physics",
                    "Physics");
            assertThat(uc(r, AgSubject.G).status()).isEqualTo(AreaStatus.MET);
            assertThat(uc(r, AgSubject.G).used()).allSatisfy(c -> assertThat(c.area()).isEqualTo(AgSubject.D));
        }

        @Test
        void uc_science_needs_two_different_sciences_and_csu_one_physical_and_one_biological() {
            ReadinessReport twoBiologies = evaluate(student(2026).with(
                    yearlong("BIO", "Biology", AgArea.AG_D_SCIENCE).inGrade(9).discipline("BIOLOGY"),
                    yearlong("APBIO", "AP Biology", AgArea.AG_D_SCIENCE).inGrade(11).discipline("BIOLOGY")));
            ReadinessReport chemistryAndPhysics = evaluate(student(2026).with(
                    yearlong("CHEM", "Chemistry", AgArea.AG_D_SCIENCE).inGrade(10).discipline("CHEMISTRY"),
                    yearlong("PHYS", "Physics", AgArea.AG_D_SCIENCE).inGrade(11).discipline("PHYSICS")));
            ReadinessReport biologyAndEarth = evaluate(student(2026).with(
                    yearlong("BIO", "Biology", AgArea.AG_D_SCIENCE).inGrade(9).discipline("BIOLOGY"),
                    yearlong("EARTH", "Earth Science", AgArea.AG_D_SCIENCE).inGrade(10).discipline("EARTH_SPACE")));

            assertThat(uc(twoBiologies, AgSubject.D).status()).isEqualTo(AreaStatus.MISSING);
            assertThat(uc(chemistryAndPhysics, AgSubject.D).status()).isEqualTo(AreaStatus.MET);
            assertThat(csu(chemistryAndPhysics, AgSubject.D).status()).isEqualTo(AreaStatus.MISSING);
            assertThat(csu(chemistryAndPhysics, AgSubject.D).components()).extracting(AgResult.Component::id,
                    AgResult.Component::met).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("physical", true),
                            org.assertj.core.groups.Tuple.tuple("biological", false));
            assertThat(uc(biologyAndEarth, AgSubject.D).status()).isEqualTo(AreaStatus.MET);
            assertThat(csu(biologyAndEarth, AgSubject.D).status()).isEqualTo(AreaStatus.MET);
        }

        @Test
        void history_needs_us_history_and_world_history_and_csu_takes_the_world_year_from_g() {
            ReadinessReport r = evaluate(student(2026).with(
                    fall("USH-A", "US History A", AgArea.AG_A_HISTORY).inGrade(11).discipline("US_HISTORY"),
                    spring("GOV", "American Government", AgArea.AG_A_HISTORY).inGrade(11).discipline("CIVICS"),
                    yearlong("WCULT", "World Cultures", AgArea.AG_G_ELECTIVE).inGrade(10).discipline("WORLD_CULTURES")));

            assertThat(uc(r, AgSubject.A).status()).isEqualTo(AreaStatus.MISSING);
            assertThat(uc(r, AgSubject.A).components()).extracting(AgResult.Component::met).containsExactly(true, false);
            assertThat(csu(r, AgSubject.A).status()).isEqualTo(AreaStatus.MET);
            assertThat(csu(r, AgSubject.A).used()).extracting(AgResult.Credit::title)
                    .contains("World Cultures", "US History A", "American Government");
            assertThat(csu(r, AgSubject.G).semestersCompleted()).isZero();
        }

        @Test
        void art_needs_one_discipline_for_the_year() {
            ReadinessReport mixed = evaluate(student(2026).with(
                    fall("DRAW", "Drawing", AgArea.AG_F_ARTS).inGrade(10).discipline("VISUAL_ARTS"),
                    spring("CHOIR", "Choir", AgArea.AG_F_ARTS).inGrade(10).discipline("MUSIC")));
            ReadinessReport same = evaluate(student(2026).with(
                    fall("DRAW", "Drawing", AgArea.AG_F_ARTS).inGrade(10).discipline("VISUAL_ARTS"),
                    spring("PAINT", "Painting", AgArea.AG_F_ARTS).inGrade(10).discipline("VISUAL_ARTS")));

            assertThat(uc(mixed, AgSubject.F).status()).isEqualTo(AreaStatus.MISSING);
            assertThat(uc(same, AgSubject.F).status()).isEqualTo(AreaStatus.MET);
        }

        @Test
        void at_most_one_year_of_esl_counts_toward_english() {
            ReadinessReport r = evaluate(student(2026).with(
                    yearlong("ELD1", "Advanced ELD 1", AgArea.AG_B_ENGLISH).inGrade(9).discipline("ESL_ELD"),
                    yearlong("ELD2", "Advanced ELD 2", AgArea.AG_B_ENGLISH).inGrade(10).discipline("ESL_ELD"),
                    yearlong("ENG11", "English 11", AgArea.AG_B_ENGLISH).inGrade(11),
                    yearlong("ENG12", "English 12", AgArea.AG_B_ENGLISH).inGrade(12)));

            assertThat(uc(r, AgSubject.B).semestersCompleted()).isEqualTo(6);
            assertThat(uc(r, AgSubject.B).status()).isEqualTo(AreaStatus.MISSING);
            assertThat(r.trail(TrailScope.UC)).extracting(TrailEntry::message).contains(
                    "Advanced ELD 2 (fall 2023): at most 2 semesters of ESL_ELD count toward area b; this semester does not.");
        }
    }
}
