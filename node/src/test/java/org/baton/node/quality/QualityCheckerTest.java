package org.baton.node.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.baton.node.readiness.AgCourseLists;
import org.baton.node.readiness.AgListFiles;
import org.baton.node.readiness.ReadinessEngine;
import org.baton.node.readiness.rules.RuleBook;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.AgArea;
import org.baton.proto.v1.CollegeCourse;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.Demographics;
import org.baton.proto.v1.Enrollment;
import org.baton.proto.v1.GpaKind;
import org.baton.proto.v1.PersonName;
import org.baton.proto.v1.ReportedGpa;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.baton.proto.v1.Term;
import org.baton.proto.v1.TermType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QualityCheckerTest {

    private static final String HIGH = "19647331930001";
    private static final String OTHER_HIGH = "19647331939999";
    private static final LocalDate AS_OF = LocalDate.parse("2026-06-30");
    private static final StudentId ME = new StudentId(7);

    private ReadinessEngine engine;
    private AgCourseLists lists;
    private final List<QualityChecker.Lookalike> lookalikes = new ArrayList<>();

    @BeforeAll
    void rules(@TempDir Path dir) throws Exception {
        engine = ReadinessEngine.create(RuleBook.loadDefault());
        Path listDir = Files.createDirectories(dir.resolve("ag-lists"));
        Files.writeString(listDir.resolve("list.csv"), String.join("\n",
                "SchoolCode,AcademicYearID,LocalCourseID,AGArea,Honors",
                HIGH + ",2024-2025,ENG9,b,N",
                HIGH + ",2024-2025,BIO,d,N",
                HIGH + ",2024-2025,APBIO,d,Y",
                ""));
        lists = AgListFiles.readDirectory(listDir);
    }

    private QualityChecker checker(QualityOptions options) {
        return new QualityChecker(engine, lists, options, (self, student) -> List.copyOf(lookalikes));
    }

    private List<QualityFinding> check(StudentRecord record) {
        return checker(QualityOptions.defaults()).check(ME, record, AS_OF);
    }

    private static StudentRecord.Builder student(String ssid) {
        return StudentRecord.newBuilder().setStudent(Student.newBuilder().setSsid(ssid)
                .setLegalName(PersonName.newBuilder().setFirst("Ana").setLast("Martínez")).setBirthDate("2009-04-02")
                .setInstitutionId("1964733").setCohortYear(2027).setGradeLevel(11));
    }

    private static CourseRecord course(String id, String localId, String grade, int level, AgArea area,
            boolean honors) {
        return CourseRecord.newBuilder().setRecordId(id).setSchoolCode(HIGH).setLocalCourseId(localId)
                .setTitle(localId + " title").setTerm(Term.newBuilder().setAcademicYear(2024).setType(TermType.FALL))
                .setGradeLevel(level).setCreditsAttempted(5).setCreditsEarned(5).setLetterGrade(grade).setAgArea(area)
                .setHonors(honors).build();
    }

    private static Enrollment enrolled(String school, int year) {
        return Enrollment.newBuilder().setSchoolCode(school).setAcademicYear(year).setGradeLevel(10)
                .setEntryDate(year + "-08-15").build();
    }

    private static ReportedGpa gpa(GpaKind kind, int thousandths) {
        return ReportedGpa.newBuilder().setKind(kind).setValue(thousandths).setAsOf("2025-06-10").build();
    }

    @Test
    void a_clean_record_has_no_findings() {
        StudentRecord record = student("1234567897")
                .addEnrollments(enrolled(HIGH, 2024))
                .addCourses(course("c1", "ENG9", "A", 10, AgArea.AG_B_ENGLISH, false))
                .addCourses(course("c2", "BIO", "B", 10, AgArea.AG_D_SCIENCE, false))
                .addReportedGpas(gpa(GpaKind.GPA_CUMULATIVE_UNWEIGHTED, 3500))
                .build();

        assertThat(checker(QualityOptions.defaults().withSsidCheckDigit(true)).check(ME, record, AS_OF)).isEmpty();
    }

    @Nested
    class the_ssid_check_digit {

        @Test
        void is_checked_only_when_the_node_says_ssids_carry_one() {
            StudentRecord record = student("1234567890").build(); // the Luhn digit of 123456789 is 7

            assertThat(check(record)).isEmpty();
            List<QualityFinding> found = checker(QualityOptions.defaults().withSsidCheckDigit(true))
                    .check(ME, record, AS_OF);
            assertThat(found).extracting(QualityFinding::rule).containsExactly(QualityRule.SSID_CHECK_DIGIT);
            assertThat(found.get(0).detail()).doesNotContain("1234567890");
        }

        @Test
        void is_the_luhn_digit_of_the_first_nine() {
            assertThat(QualityChecker.luhn("123456789")).isEqualTo('7');
            assertThat(QualityChecker.luhn("000000001")).isEqualTo('8');
        }
    }

    @Nested
    class possible_duplicates {

        private Student namesake(String middle, String gender) {
            return student("2345678904").getStudent().toBuilder()
                    .setLegalName(PersonName.newBuilder().setFirst("Ana").setMiddle(middle).setLast("Martínez"))
                    .setDemographics(Demographics.newBuilder().setGender(gender)).build();
        }

        @Test
        void a_lookalike_under_another_id_is_one_naming_their_local_id() {
            lookalikes.add(new QualityChecker.Lookalike(new StudentId(31), List.of("9000040"), namesake("", "F"),
                    Resemblance.SAME_NAME_AND_BIRTH_DATE));
            lookalikes.add(new QualityChecker.Lookalike(ME, List.of("1000040"), namesake("", "F"),
                    Resemblance.SAME_NAME_AND_BIRTH_DATE));
            try {
                List<QualityFinding> found = check(student("1234567897").build());

                assertThat(found).extracting(QualityFinding::rule).containsExactly(QualityRule.POSSIBLE_DUPLICATE);
                assertThat(found.get(0).detail()).isEqualTo("Student 31 (local id 9000040) has the same legal name,"
                        + " date of birth and gender. If they are one person, merge the records in the SIS and keep"
                        + " one SSID; if not, check both names and birth dates.");
            } finally {
                lookalikes.clear();
            }
        }

        @Test
        void says_how_the_two_records_differ() {
            Student me = student("1234567897").getStudent();
            Student aidan = me.toBuilder().setLegalName(me.getLegalName().toBuilder().setFirst("Aidan")).build();
            Student swapped = me.toBuilder().setBirthDate("2009-02-04").build();

            assertThat(QualityChecker.duplicate(me, new QualityChecker.Lookalike(new StudentId(31), List.of(), aidan,
                    Resemblance.FIRST_NAME_VARIANT)))
                    .startsWith("Student 31 has the same last name and date of birth, and the first name \"Aidan\""
                            + " where this record has \"" + me.getLegalName().getFirst() + "\"");
            assertThat(QualityChecker.duplicate(me, new QualityChecker.Lookalike(new StudentId(31), List.of("9"),
                    swapped, Resemblance.BIRTH_DAY_AND_MONTH_SWAPPED)))
                    .contains("(local id 9)", "the date of birth 2009-02-04 where this record has "
                            + me.getBirthDate(), "day and month swapped");
        }
    }

    @Nested
    class the_a_g_list {

        @Test
        void finds_a_flagged_course_the_list_does_not_have() {
            StudentRecord record = student("1234567897")
                    .addCourses(course("c9", "DANCE", "A", 10, AgArea.AG_F_ARTS, false)).build();

            List<QualityFinding> found = check(record);

            assertThat(found).extracting(QualityFinding::rule).containsExactly(QualityRule.AG_NOT_ON_LIST);
            assertThat(found.get(0).recordId()).isEqualTo("c9");
            assertThat(found.get(0).detail()).contains("DANCE", HIGH, "2024-2025", "area f");
        }

        @Test
        void finds_flags_that_differ_from_the_list() {
            StudentRecord record = student("1234567897")
                    .addCourses(course("c3", "APBIO", "A", 11, AgArea.AG_D_SCIENCE, false)).build();

            List<QualityFinding> found = check(record);

            assertThat(found).extracting(QualityFinding::rule).containsExactly(QualityRule.AG_FLAGS_DIFFER);
            assertThat(found.get(0).detail()).contains("area d honors");
        }

        @Test
        void says_nothing_of_an_unflagged_course_off_the_list() {
            StudentRecord record = student("1234567897")
                    .addCourses(course("c4", "WOOD", "A", 10, AgArea.AG_NONE, false)).build();

            assertThat(check(record)).isEmpty();
        }
    }

    @Nested
    class the_cumulative_gpa {

        private StudentRecord withStored(int thousandths, CourseRecord... courses) {
            StudentRecord.Builder b = student("1234567897").addReportedGpas(gpa(GpaKind.GPA_CUMULATIVE_UNWEIGHTED,
                    thousandths));
            for (CourseRecord c : courses) {
                b.addCourses(c);
            }
            return b.build();
        }

        @Test
        void differing_by_more_than_the_tolerance_is_a_finding_with_both_values() {
            StudentRecord record = withStored(3900, course("c1", "ENG9", "A", 10, AgArea.AG_B_ENGLISH, false),
                    course("c2", "BIO", "C+", 10, AgArea.AG_D_SCIENCE, false));

            List<QualityFinding> found = check(record);

            assertThat(found).extracting(QualityFinding::rule).containsExactly(QualityRule.GPA_MISMATCH);
            assertThat(found.get(0).detail()).contains("3.900", "3.000", "0.900", "2 letter grades");
        }

        @Test
        void within_the_tolerance_or_from_outside_grades_9_to_12_is_not() {
            StudentRecord record = withStored(3040, course("c1", "ENG9", "A", 10, AgArea.AG_B_ENGLISH, false),
                    course("c2", "BIO", "C", 10, AgArea.AG_D_SCIENCE, false),
                    course("c5", "MATH7", "F", 7, AgArea.AG_NONE, false),
                    course("c6", "ART", "P", 10, AgArea.AG_NONE, false));

            assertThat(check(record)).isEmpty();
            assertThat(new QualityChecker(engine, lists, new QualityOptions(false, new BigDecimal("0.01")),
                    (s, st) -> List.of()).check(ME, record, AS_OF))
                    .extracting(QualityFinding::rule).containsExactly(QualityRule.GPA_MISMATCH);
        }

        @Test
        void weighted_by_credits_is_accepted_when_the_school_computes_it_so() {
            CourseRecord fiveCredits = course("c1", "ENG9", "A", 10, AgArea.AG_B_ENGLISH, false);
            CourseRecord tenCredits = course("c2", "BIO", "C", 10, AgArea.AG_D_SCIENCE, false).toBuilder()
                    .setCreditsAttempted(10).build();

            // By grade: (4 + 2) / 2 = 3.0; by credit: (20 + 20) / 15 = 2.667.
            assertThat(check(withStored(2667, fiveCredits, tenCredits))).isEmpty();
            assertThat(check(withStored(3000, fiveCredits, tenCredits))).isEmpty();
            assertThat(check(withStored(2300, fiveCredits, tenCredits))).hasSize(1);
        }
    }

    @Test
    void a_cal_grant_gpa_above_four_looks_weighted() {
        StudentRecord record = student("1234567897")
                .addCourses(course("c3", "APBIO", "A", 11, AgArea.AG_D_SCIENCE, true))
                .addReportedGpas(gpa(GpaKind.GPA_CAL_GRANT, 4300)).build();

        assertThat(check(record)).extracting(QualityFinding::rule).contains(QualityRule.CAL_GRANT_GPA_WEIGHTED);
    }

    @Nested
    class courses_and_enrollments {

        @Test
        void a_course_at_another_school_in_an_enrolled_year_is_a_finding_per_school_and_year() {
            CourseRecord elsewhere = course("c7", "ENG9", "B", 10, AgArea.AG_B_ENGLISH, false).toBuilder()
                    .setSchoolCode(OTHER_HIGH).build();
            CourseRecord alsoElsewhere = elsewhere.toBuilder().setRecordId("c8").setLocalCourseId("BIO").build();
            StudentRecord record = student("1234567897").addEnrollments(enrolled(HIGH, 2024))
                    .addCourses(elsewhere).addCourses(alsoElsewhere).build();

            List<QualityFinding> found = check(record);

            assertThat(found).extracting(QualityFinding::rule)
                    .containsExactly(QualityRule.COURSE_OUTSIDE_ENROLLMENT);
            assertThat(found.get(0).recordId()).isEqualTo("c7");
            assertThat(found.get(0).detail()).contains("2 courses", OTHER_HIGH, "2024-2025", "enrolled at " + HIGH);
        }

        @Test
        void summer_college_and_unenrolled_years_are_not_judged() {
            CourseRecord summer = course("c1", "ENG9", "B", 10, AgArea.AG_B_ENGLISH, false).toBuilder()
                    .setSchoolCode(OTHER_HIGH).setTerm(Term.newBuilder().setAcademicYear(2024)
                            .setType(TermType.SUMMER)).build();
            CourseRecord college = course("c2", "ENGL1A", "A", 11, AgArea.AG_B_ENGLISH, false).toBuilder()
                    .setSchoolCode("123456").setCollege(CollegeCourse.newBuilder().setInstitutionId("123456")
                            .setUnits(3).setDualEnrollment(true)).build();
            CourseRecord earlier = course("c3", "BIO", "B", 9, AgArea.AG_D_SCIENCE, false).toBuilder()
                    .setSchoolCode(OTHER_HIGH).setTerm(Term.newBuilder().setAcademicYear(2023)
                            .setType(TermType.FALL)).build();
            StudentRecord record = student("1234567897").addEnrollments(enrolled(HIGH, 2024))
                    .addCourses(summer).addCourses(college).addCourses(earlier).build();

            assertThat(check(record)).extracting(QualityFinding::rule)
                    .doesNotContain(QualityRule.COURSE_OUTSIDE_ENROLLMENT);
        }
    }

    @Nested
    class a_finding {

        @Test
        void keeps_its_fingerprint_while_it_says_the_same_and_changes_it_when_it_does_not() {
            QualityFinding one = new QualityFinding(QualityRule.GPA_MISMATCH, ME, "", "stored 3.9, grades 3.0");

            assertThat(one.fingerprint()).hasSize(32).matches("[0-9a-f]+")
                    .isEqualTo(new QualityFinding(QualityRule.GPA_MISMATCH, ME, "", "stored 3.9, grades 3.0")
                            .fingerprint());
            assertThat(one.fingerprint())
                    .isNotEqualTo(new QualityFinding(QualityRule.GPA_MISMATCH, ME, "", "stored 3.9, grades 3.1")
                            .fingerprint())
                    .isNotEqualTo(new QualityFinding(QualityRule.GPA_MISMATCH, new StudentId(8), "",
                            "stored 3.9, grades 3.0").fingerprint());
        }

        @Test
        void never_prints_its_detail() {
            assertThat(new QualityFinding(QualityRule.GPA_MISMATCH, ME, "", "Ana stored 3.9").toString())
                    .doesNotContain("Ana").doesNotContain("3.9");
        }
    }

    @Test
    void a_received_record_is_judged_on_its_own_without_lookalikes() {
        lookalikes.add(new QualityChecker.Lookalike(new StudentId(31), List.of("9000040"),
                student("2345678904").getStudent(), Resemblance.SAME_NAME_AND_BIRTH_DATE));
        try {
            StudentRecord fromAnotherSchool = student("1234567890")
                    .addCourses(course("c1", "ENG9", "A", 10, AgArea.AG_B_ENGLISH, false))
                    .addReportedGpas(gpa(GpaKind.GPA_CUMULATIVE_UNWEIGHTED, 3000)).build();

            List<String> words = checker(QualityOptions.defaults().withSsidCheckDigit(true))
                    .checkReceived(fromAnotherSchool, AS_OF).stream().map(QualityFinding::detail).toList();

            assertThat(words).hasSize(2);
            assertThat(words.get(0)).contains("check digit");
            assertThat(words.get(1)).contains("stored as 3.000", "give 4.000");
        } finally {
            lookalikes.clear();
        }
    }

    @Test
    void options_refuse_a_tolerance_outside_0_to_1() {
        assertThatThrownBy(() -> new QualityOptions(false, new BigDecimal("-0.1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QualityOptions(false, new BigDecimal("1.5")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
