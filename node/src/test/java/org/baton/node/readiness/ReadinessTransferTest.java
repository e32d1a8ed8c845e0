package org.baton.node.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.baton.node.readiness.CourseSpec.college;
import static org.baton.node.readiness.TestStudents.student;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.baton.proto.v1.AgArea;
import org.baton.proto.v1.GePattern;
import org.baton.proto.v1.TermType;
import org.baton.proto.v1.UcPatternArea;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Transfer rules of DOMAIN.md §3 for community-college students (evaluated in spring 2026). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReadinessTransferTest {

    static final LocalDate SPRING_2026 = LocalDate.of(2026, 3, 10);
    static final GePattern CG = GePattern.CAL_GETC;

    /** A transferable (UC and CSU) community-college course of 2024-25. */
    static CourseSpec cc(String id, String title, int units, String grade) {
        return college(id, title, AgArea.AG_NONE).inAcademicYear(2024).units(units).grades(grade).transferable();
    }

    /** The eleven Cal-GETC courses, 36 units, with the UC seven-course pattern among them. */
    static List<CourseSpec> calGetc() {
        return List.of(
                cc("ENGL 1A", "College Composition", 400, "A").ge(CG, "1A").ucPattern(UcPatternArea.UC_ENGLISH_COMPOSITION),
                cc("ENGL 1C", "Critical Thinking and Writing", 300, "B").ge(CG, "1B")
                        .ucPattern(UcPatternArea.UC_ENGLISH_COMPOSITION),
                cc("COMM 1", "Public Speaking", 300, "A").ge(CG, "1C"),
                cc("MATH 13", "Statistics", 400, "B").ge(CG, "2").ucPattern(UcPatternArea.UC_MATH),
                cc("ART 1", "Art History", 300, "A").ge(CG, "3A").ucPattern(UcPatternArea.UC_ARTS_HUMANITIES),
                cc("PHIL 1", "Introduction to Philosophy", 300, "B").ge(CG, "3B")
                        .ucPattern(UcPatternArea.UC_ARTS_HUMANITIES),
                cc("PSYC 1", "General Psychology", 300, "A").ge(CG, "4").discipline("PSYCHOLOGY").major()
                        .ucPattern(UcPatternArea.UC_SOCIAL_BEHAVIORAL),
                cc("SOC 1", "Introduction to Sociology", 300, "B").ge(CG, "4").discipline("SOCIOLOGY")
                        .ucPattern(UcPatternArea.UC_SOCIAL_BEHAVIORAL),
                cc("GEOL 1", "Physical Geology with Lab", 400, "B").ge(CG, "5A", "5C")
                        .ucPattern(UcPatternArea.UC_PHYSICAL_BIOLOGICAL),
                cc("BIOL 10", "Biology for Non-Majors", 300, "A").ge(CG, "5B")
                        .ucPattern(UcPatternArea.UC_PHYSICAL_BIOLOGICAL),
                cc("ETHN 1", "Introduction to Ethnic Studies", 300, "A").ge(CG, "6"));
    }

    /** Five more psychology major courses (15 units; with PSYC 1, 18 major units). */
    static List<CourseSpec> psychologyMajor() {
        List<CourseSpec> out = new ArrayList<>();
        for (String n : List.of("2", "7", "10", "12", "33")) {
            out.add(cc("PSYC " + n, "Psychology " + n, 300, "B").discipline("PSYCHOLOGY").major());
        }
        return out;
    }

    static TestStudents.Builder collegeStudent() {
        return student(2023).gradeLevel(13).institution(TestStudents.COLLEGE);
    }

    static ReadinessReport evaluate(TestStudents.Builder builder) {
        return TestStudents.evaluate(builder.build(), SPRING_2026);
    }

    @Nested
    class Associate_degree_for_transfer {

        @Test
        void a_student_one_course_short_of_60_units_lacks_exactly_that_course() {
            // 36 GE + 15 major + 6 electives = 57 CSU-transferable units.
            ReadinessReport r = evaluate(collegeStudent().adtProgram(CG, 2024).with(calGetc()).with(psychologyMajor())
                    .with(cc("HIST 17A", "US History", 300, "B"), cc("SPAN 1", "Elementary Spanish", 300, "C")));

            TransferProgress.Adt adt = r.transfer().orElseThrow().adt();
            assertThat(adt.complete()).isFalse();
            assertThat(adt.units()).isEqualByComparingTo("57.00");
            assertThat(adt.majorUnits()).isEqualByComparingTo("18.00");
            assertThat(adt.gePatternComplete()).isTrue();
            assertThat(adt.missing()).containsExactly("3.00 more CSU-transferable units (57.00 of 60.00)");
            assertThat(r.trail(TrailScope.TRANSFER)).extracting(TrailEntry::message)
                    .contains("ADT: missing 3.00 more CSU-transferable units (57.00 of 60.00).");
        }

        @Test
        void with_that_course_every_requirement_is_met() {
            ReadinessReport r = evaluate(collegeStudent().adtProgram(CG, 2024).with(calGetc()).with(psychologyMajor())
                    .with(cc("HIST 17A", "US History", 300, "B"), cc("SPAN 1", "Elementary Spanish", 300, "C"),
                            cc("MUS 10", "Music Appreciation", 300, "A")));

            TransferProgress.Adt adt = r.transfer().orElseThrow().adt();
            assertThat(adt.complete()).isTrue();
            assertThat(adt.missing()).isEmpty();
        }

        @Test
        void major_courses_need_c_or_better_and_a_c_minus_does_not_count() {
            ReadinessReport r = evaluate(collegeStudent().with(calGetc())
                    .with(cc("PSYC 2", "Research Methods", 300, "C-").discipline("PSYCHOLOGY").major()));

            // PSYC 1 (A, 3 units) counts; PSYC 2 with C- does not.
            assertThat(r.transfer().orElseThrow().adt().majorUnits()).isEqualByComparingTo("3.00");
        }
    }

    @Nested
    class Cal_getc {

        @Test
        void eleven_courses_with_a_lab_and_two_social_science_disciplines_complete_it() {
            ReadinessReport r = evaluate(collegeStudent().with(calGetc()));

            TransferProgress.Pattern calGetc = r.transfer().orElseThrow().gePatterns().get(0);
            assertThat(calGetc.pattern()).isEqualTo("CAL_GETC");
            assertThat(calGetc.complete()).isTrue();
            assertThat(calGetc.units()).isEqualByComparingTo("36.00");
            assertThat(calGetc.slots()).allSatisfy(slot -> assertThat(slot.recordId()).isPresent());
        }

        @Test
        void two_courses_of_one_discipline_in_area_4_and_no_lab_leave_it_incomplete() {
            List<CourseSpec> courses = new ArrayList<>(calGetc());
            courses.removeIf(c -> c.records(2023, TestStudents.COLLEGE).get(0).getLocalCourseId().matches("SOC 1|GEOL 1"));
            courses.add(cc("PSYC 3", "Social Psychology", 300, "A").ge(CG, "4").discipline("PSYCHOLOGY"));
            courses.add(cc("GEOL 1", "Physical Geology", 400, "B").ge(CG, "5A"));

            ReadinessReport r = evaluate(collegeStudent().with(courses));

            TransferProgress.Pattern calGetc = r.transfer().orElseThrow().gePatterns().get(0);
            assertThat(calGetc.complete()).isFalse();
            assertThat(calGetc.unmetGroups()).containsExactly("area 4 courses from two disciplines",
                    "area 5: one course with a 5C laboratory, 7 semester units");
        }

        @Test
        void a_missing_ethnic_studies_course_is_named() {
            List<CourseSpec> courses = new ArrayList<>(calGetc());
            courses.removeIf(c -> c.records(2023, TestStudents.COLLEGE).get(0).getLocalCourseId().equals("ETHN 1"));

            ReadinessReport r = evaluate(collegeStudent().with(courses));

            assertThat(r.transfer().orElseThrow().adt().missing()).contains(
                    "Cal-GETC: 6 ethnic studies, 1.00 more units");
        }

        @Test
        void students_continuously_enrolled_before_fall_2025_may_follow_igetc_and_later_students_may_not() {
            ReadinessReport before = evaluate(collegeStudent().adtProgram(GePattern.IGETC, 2023).with(calGetc()));
            ReadinessReport after = evaluate(collegeStudent().adtProgram(GePattern.IGETC, 2025).with(calGetc()));

            assertThat(before.transfer().orElseThrow().gePattern()).isEqualTo(GePattern.IGETC);
            assertThat(before.transfer().orElseThrow().legacyPatternsAllowed()).isTrue();
            assertThat(before.transfer().orElseThrow().gePatterns()).extracting(TransferProgress.Pattern::pattern)
                    .containsExactly("CAL_GETC", "IGETC", "CSU_GE_BREADTH");
            assertThat(after.transfer().orElseThrow().gePattern()).isEqualTo(GePattern.CAL_GETC);
            assertThat(after.transfer().orElseThrow().gePatterns()).extracting(TransferProgress.Pattern::pattern)
                    .containsExactly("CAL_GETC");
            assertThat(after.trail(TrailScope.TRANSFER)).extracting(TrailEntry::message).contains(
                    "GE pattern: CAL_GETC (the program names IGETC, which only students continuously enrolled before "
                            + "fall 2025 may follow).");
        }
    }

    @Nested
    class Uc_transfer {

        @Test
        void the_seven_course_pattern_needs_two_compositions_a_math_and_four_from_two_areas() {
            ReadinessReport r = evaluate(collegeStudent().with(calGetc()));

            TransferProgress.Pattern seven = r.transfer().orElseThrow().ucSevenCourse();
            assertThat(seven.complete()).isTrue();
            assertThat(seven.slots()).extracting(s -> s.title().orElse("")).startsWith("College Composition",
                    "Critical Thinking and Writing", "Statistics");
        }

        @Test
        void ninety_quarter_units_are_sixty_semester_units() {
            List<CourseSpec> courses = new ArrayList<>();
            for (int i = 1; i <= 18; i++) {
                courses.add(cc("Q" + i, "Quarter course " + i, 500, "B").quarter());
            }
            ReadinessReport r = evaluate(collegeStudent().with(courses));

            assertThat(r.transfer().orElseThrow().ucTransferableUnits()).isEqualByComparingTo("60.00");
            assertThat(r.transfer().orElseThrow().csuTransferableUnits()).isEqualByComparingTo("60.00");
        }

        @Test
        void at_most_seventy_community_college_units_transfer() {
            List<CourseSpec> courses = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                courses.add(cc("C" + i, "Course " + i, 400, "B"));
            }
            ReadinessReport r = evaluate(collegeStudent().with(courses));

            assertThat(r.transfer().orElseThrow().ucTransferableUnits()).isEqualByComparingTo("80.00");
            assertThat(r.transfer().orElseThrow().ucTransferableUnitsCounted()).isEqualByComparingTo("70.00");
        }

        @Test
        void the_transferable_gpa_uses_plus_and_minus_weighted_by_units() {
            // A- (3.7) x 3 + B+ (3.3) x 3 = 21.0 / 6 = 3.50; A (4.0) x 4 + C (2.0) x 2 = 20 / 6 = 3.33.
            ReadinessReport plusMinus = evaluate(collegeStudent().with(cc("X1", "One", 300, "A-"),
                    cc("X2", "Two", 300, "B+")));
            ReadinessReport weighted = evaluate(collegeStudent().with(cc("X1", "One", 400, "A"),
                    cc("X2", "Two", 200, "C")));

            assertThat(plusMinus.transfer().orElseThrow().ucTransferableGpa()).hasValue(new BigDecimal("3.50"));
            assertThat(weighted.transfer().orElseThrow().csuTransferableGpa()).hasValue(new BigDecimal("3.33"));
        }

        @Test
        void a_repeated_course_counts_its_latest_grade_and_its_units_once() {
            ReadinessReport r = evaluate(collegeStudent().with(
                    college("MATH 1", "Calculus", AgArea.AG_NONE).inAcademicYear(2024).units(400).grades("F")
                            .transferable(),
                    college("MATH 1", "Calculus", AgArea.AG_NONE).inAcademicYear(2024).term(TermType.SPRING)
                            .units(400).grades("B").transferable()));

            assertThat(r.transfer().orElseThrow().csuTransferableUnits()).isEqualByComparingTo("4.00");
            assertThat(r.transfer().orElseThrow().csuTransferableGpa()).hasValue(new BigDecimal("3.00"));
        }
    }

    @Nested
    class Transfer_admission_guarantee {

        @Test
        void thirty_units_at_3_30_qualify_for_the_campuses_at_or_below_3_30() {
            List<CourseSpec> courses = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                courses.add(cc("T" + i, "Course " + i, 300, "B+"));
            }
            ReadinessReport r = evaluate(collegeStudent().with(courses));

            assertThat(r.transfer().orElseThrow().ucTransferableGpa()).hasValue(new BigDecimal("3.30"));
            assertThat(r.transfer().orElseThrow().tag()).filteredOn(TransferProgress.TagCampus::eligible)
                    .extracting(TransferProgress.TagCampus::campus)
                    .containsExactly("UC Davis", "UC Merced", "UC Riverside", "UC Santa Cruz");
            assertThat(r.transfer().orElseThrow().tag()).filteredOn(c -> c.campus().equals("UC Irvine"))
                    .singleElement().satisfies(c -> assertThat(c.missing())
                            .containsExactly("a UC-transferable GPA of 3.50 (now 3.30)"));
        }
    }

    @Nested
    class Cal_grant_transfer_entitlement {

        @Test
        void needs_a_college_gpa_of_2_40_over_every_graded_college_unit() {
            // C (2.0) x 3 + B (3.0) x 2 = 12 / 5 = 2.40, the non-transferable course included; the transferable
            // GPA (the C only) is 2.00.
            ReadinessReport met = evaluate(collegeStudent().with(cc("X1", "Transferable", 300, "C"),
                    college("X2", "Not transferable", AgArea.AG_NONE).inAcademicYear(2024).units(200).grades("B")));
            ReadinessReport notMet = evaluate(collegeStudent().with(cc("X1", "Transferable", 300, "C")));

            assertThat(met.transfer().orElseThrow().collegeGpa()).hasValue(new BigDecimal("2.40"));
            assertThat(met.transfer().orElseThrow().csuTransferableGpa()).hasValue(new BigDecimal("2.00"));
            assertThat(met.transfer().orElseThrow().meetsCalGrantTransferEntitlementGpa()).isTrue();
            assertThat(notMet.transfer().orElseThrow().meetsCalGrantTransferEntitlementGpa()).isFalse();
        }
    }

    @Test
    void more_than_one_tag_application_is_pointed_out_since_a_tag_is_for_one_campus() {
        ReadinessReport r = evaluate(collegeStudent().with(calGetc())
                .application(org.baton.proto.v1.HigherEdSystem.SYSTEM_UC, "UC Davis", 2026,
                        org.baton.proto.v1.ApplicationStatus.APP_SUBMITTED, true)
                .application(org.baton.proto.v1.HigherEdSystem.SYSTEM_UC, "UC Irvine", 2026,
                        org.baton.proto.v1.ApplicationStatus.APP_SUBMITTED, true));

        assertThat(r.trail(TrailScope.TRANSFER)).extracting(TrailEntry::message).contains(
                "TAG: 2 TAG applications on record; a student may file a TAG with one campus only.");
    }

    @Test
    void a_high_school_student_without_college_courses_has_no_transfer_progress() {
        ReadinessReport r = TestStudents.evaluate(student(2026).with(TestStudents.completeThroughEleventh()).build(),
                SPRING_2026);

        assertThat(r.transfer()).isEmpty();
    }
}
