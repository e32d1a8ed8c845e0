package org.baton.node.portal.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.baton.node.quality.QualityChecker;
import org.baton.node.quality.QualityFinding;
import org.baton.node.quality.QualityOptions;
import org.baton.node.quality.QualityRule;
import org.baton.node.quality.Resemblance;
import org.baton.node.readiness.AgListFiles;
import org.baton.node.readiness.ReadinessEngine;
import org.baton.node.readiness.rules.RuleBook;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.AgArea;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.Enrollment;
import org.baton.proto.v1.GpaKind;
import org.baton.proto.v1.PersonName;
import org.baton.proto.v1.ReportedGpa;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.baton.proto.v1.Term;
import org.baton.proto.v1.TermType;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FindingWordingTest {

    private static final String HIGH = "19647331930001";
    private static final String OTHER_HIGH = "19647331939999";
    private static final StudentId ME = new StudentId(7);
    private static final Messages ENGLISH = Messages.of(Language.ENGLISH);
    private static final Messages SPANISH = Messages.of(Language.SPANISH);

    @TempDir
    Path dir;

    private static CourseRecord course(String id, String localId, String grade, int year, String school, AgArea area,
            boolean honors) {
        return CourseRecord.newBuilder().setRecordId(id).setSchoolCode(school).setLocalCourseId(localId)
                .setTitle(localId + " title").setTerm(Term.newBuilder().setAcademicYear(year).setType(TermType.FALL))
                .setGradeLevel(10).setCreditsAttempted(5).setCreditsEarned(5).setLetterGrade(grade).setAgArea(area)
                .setHonors(honors).build();
    }

    private static ReportedGpa gpa(GpaKind kind, int thousandths, String asOf) {
        return ReportedGpa.newBuilder().setKind(kind).setValue(thousandths).setAsOf(asOf).build();
    }

    private static Student named(Student me, String first, String last, String birthDate) {
        return me.toBuilder().setLegalName(PersonName.newBuilder().setFirst(first).setLast(last))
                .setBirthDate(birthDate).build();
    }

    /** One record that breaks every rule, and a lookalike of each kind. */
    private List<QualityFinding> everyKindOfFinding() throws Exception {
        Path lists = Files.createDirectories(dir.resolve("ag-lists"));
        Files.writeString(lists.resolve("list.csv"), String.join("\n",
                "SchoolCode,AcademicYearID,LocalCourseID,AGArea,Honors",
                HIGH + ",2024-2025,ENG9,b,N",
                HIGH + ",2024-2025,BIO,d,N",
                ""));
        Student me = Student.newBuilder().setSsid("1234567890").setBirthDate("2009-04-02").setInstitutionId("1964733")
                .setLegalName(PersonName.newBuilder().setFirst("Ana").setLast("Martínez"))
                .setCohortYear(2027).setGradeLevel(11).build();
        StudentRecord record = StudentRecord.newBuilder().setStudent(me)
                .addEnrollments(Enrollment.newBuilder().setSchoolCode(OTHER_HIGH).setAcademicYear(2023)
                        .setGradeLevel(9).setEntryDate("2023-08-15"))
                .addEnrollments(Enrollment.newBuilder().setSchoolCode(OTHER_HIGH).setAcademicYear(2024)
                        .setGradeLevel(10).setEntryDate("2024-08-15"))
                .addCourses(course("c1", "ENG9", "A", 2024, HIGH, AgArea.AG_NONE, false))
                .addCourses(course("c2", "BIO", "A", 2024, HIGH, AgArea.AG_D_SCIENCE, true))
                .addCourses(course("c3", "CHEM", "B", 2024, HIGH, AgArea.AG_D_SCIENCE, true))
                .addCourses(course("c4", "ART", "C", 2024, HIGH, AgArea.AG_F_ARTS, false))
                .addCourses(course("c5", "ART", "A", 2023, HIGH, AgArea.AG_F_ARTS, false))
                .addReportedGpas(gpa(GpaKind.GPA_CUMULATIVE_UNWEIGHTED, 2000, "2025-06-10"))
                .addReportedGpas(gpa(GpaKind.GPA_CUMULATIVE_UNWEIGHTED, 1900, ""))
                .addReportedGpas(gpa(GpaKind.GPA_CAL_GRANT, 4400, "2025-06-10"))
                .addReportedGpas(gpa(GpaKind.GPA_UC, 2100, ""))
                .build();
        List<QualityChecker.Lookalike> lookalikes = List.of(
                new QualityChecker.Lookalike(new StudentId(31), List.of("9000040"), me,
                        Resemblance.SAME_NAME_AND_BIRTH_DATE),
                new QualityChecker.Lookalike(new StudentId(32), List.of(), named(me, "Martínez", "Ana", "2009-04-02"),
                        Resemblance.NAMES_SWAPPED),
                new QualityChecker.Lookalike(new StudentId(33), List.of("1", "2"), named(me, "Anna", "Martínez",
                        "2009-04-02"), Resemblance.FIRST_NAME_VARIANT),
                new QualityChecker.Lookalike(new StudentId(34), List.of(), named(me, "Ana", "Martínez López",
                        "2009-04-02"), Resemblance.LAST_NAME_VARIANT),
                new QualityChecker.Lookalike(new StudentId(35), List.of(), named(me, "Ana", "Martínez", "2009-02-04"),
                        Resemblance.BIRTH_DAY_AND_MONTH_SWAPPED));
        QualityChecker checker = new QualityChecker(ReadinessEngine.create(RuleBook.loadDefault()),
                AgListFiles.readDirectory(lists), QualityOptions.defaults().withSsidCheckDigit(true),
                (self, student) -> lookalikes);
        return checker.check(ME, record, LocalDate.parse("2026-06-30"));
    }

    @Test
    void every_finding_reads_in_english_as_its_detail_and_in_spanish_in_spanish() throws Exception {
        List<QualityFinding> found = everyKindOfFinding();
        Set<String> messages = new TreeSet<>();
        Set<QualityRule> rules = new TreeSet<>();
        for (QualityFinding finding : found) {
            messages.add(finding.message());
            rules.add(finding.rule());
            assertThat(FindingWording.of(ENGLISH, finding.message(), finding.facts(), finding.detail()))
                    .as(finding.message()).isEqualTo(finding.detail());
            String spanish = FindingWording.of(SPANISH, finding.message(), finding.facts(), finding.detail());
            assertThat(spanish).as(finding.message()).isNotEqualTo(finding.detail())
                    .doesNotContain("{", "Correct the", "If they are", "reported by", "the record says",
                            "date not given", "as of", "where this record", "not a-g", "area ");
        }
        assertThat(rules).containsExactlyInAnyOrder(QualityRule.values());
        assertThat(messages).containsExactlyInAnyOrder("SSID_CHECK_DIGIT",
                "POSSIBLE_DUPLICATE.SAME_NAME_AND_BIRTH_DATE", "POSSIBLE_DUPLICATE.NAMES_SWAPPED",
                "POSSIBLE_DUPLICATE.FIRST_NAME_VARIANT", "POSSIBLE_DUPLICATE.LAST_NAME_VARIANT",
                "POSSIBLE_DUPLICATE.BIRTH_DAY_AND_MONTH_SWAPPED", "trail.AG_LIST_NOT_LISTED",
                "trail.AG_LIST_DIFFERS", "trail.REPORTED_GPA_DIFFERS", "trail.REPORTED_GPA_WEIGHTED",
                "CUMULATIVE_GPA", "COURSE_OUTSIDE_ENROLLMENT");
        List<String> spanish = new ArrayList<>();
        found.forEach(f -> spanish.add(FindingWording.of(SPANISH, f.message(), f.facts(), f.detail())));
        assertThat(spanish).contains(
                "El estudiante 31 (identificador local 9000040) tiene el mismo nombre legal, la misma fecha de"
                        + " nacimiento y el mismo género. Si son la misma persona, combine los registros en el SIS y"
                        + " conserve un solo SSID; si no, revise los nombres y las fechas de nacimiento de ambos.",
                "CHEM title (CHEM) no está en la lista a-g de la escuela " + HIGH + " para 2024-2025: no es un curso"
                        + " a-g, aunque el registro indica el área d de honores. Corrija las marcas a-g del curso en"
                        + " el SIS o la lista de la escuela.");
    }

    @Test
    void a_finding_without_a_wording_or_whose_facts_do_not_fit_it_shows_its_detail() {
        assertThat(FindingWording.of(SPANISH, "", List.of(), "stored before wordings"))
                .isEqualTo("stored before wordings");
        assertThat(FindingWording.of(SPANISH, "A_RULE_OF_A_NEWER_VERSION", List.of("x"), "newer"))
                .isEqualTo("newer");
        assertThat(FindingWording.of(SPANISH, "COURSE_OUTSIDE_ENROLLMENT", List.of("2"), "too few facts"))
                .isEqualTo("too few facts");
    }
}
