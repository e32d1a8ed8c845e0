package org.baton.node.portal.student;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.baton.node.readiness.AgCourseLists;
import org.baton.node.readiness.ReadinessEngine;
import org.baton.node.readiness.rules.RuleBook;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.AgArea;
import org.baton.proto.v1.AidApplicationKind;
import org.baton.proto.v1.AidApplicationStatus;
import org.baton.proto.v1.ApplicationStatus;
import org.baton.proto.v1.CollegeApplication;
import org.baton.proto.v1.CourseCategory;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.FinancialAidApplication;
import org.baton.proto.v1.PersonName;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.baton.proto.v1.Term;
import org.baton.proto.v1.TermType;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EngineReadinessSourceTest {

    private static final StudentId ANA = new StudentId(1);

    private static CourseRecord english(int year, TermType term, int segment) {
        return CourseRecord.newBuilder().setRecordId("e" + year + term).setTitle("English " + year)
                .setLocalCourseId("ENG" + year).setTerm(Term.newBuilder().setAcademicYear(year).setType(term))
                .setGradeLevel(year - 2014).setLetterGrade("A").setAgArea(AgArea.AG_B_ENGLISH)
                .setCategory(CourseCategory.ACADEMIC).setCreditsAttempted(500).setCreditsEarned(500)
                .setSegment(segment).build();
    }

    @Test
    void maps_the_engines_report_to_seven_areas_and_projects_planned_courses() {
        StudentRecord record = StudentRecord.newBuilder().setStudent(Student.newBuilder()
                        .setLegalName(PersonName.newBuilder().setFirst("Ana").setLast("M")).setBirthDate("2009-09-01")
                        .setGradeLevel(11).setCohortYear(2027).setInstitutionId("19647330000000"))
                .addCourses(english(2023, TermType.FALL, 1)).addCourses(english(2023, TermType.SPRING, 2)).build();
        StudentDirectory students = id -> Optional.of(new StudentFile(id, record, List.of()));
        ReadinessSource source = ReadinessSource.fromEngine(ReadinessEngine.create(RuleBook.loadDefault()), students,
                AgCourseLists.none(), Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC));
        ReadinessReport report = source.report(ANA).orElseThrow();
        assertThat(report.areas()).extracting(ReadinessReport.AreaStatus::area)
                .containsExactly('a', 'b', 'c', 'd', 'e', 'f', 'g');
        assertThat(report.onTrack()).isFalse();
        // A junior: the senior-year aid confirmation does not apply yet.
        assertThat(report.aid()).isEqualTo(ReadinessReport.Aid.NOT_KNOWN);
        ReadinessReport planned = source.whatIf(ANA, List.of(new PlannedCourse("Spanish 1", 'e', "A", 2, false, 11)))
                .orElseThrow();
        Map<Character, Integer> before = new java.util.HashMap<>();
        report.areas().forEach(a -> before.put(a.area(), a.earned()));
        assertThat(planned.areas().stream().filter(a -> a.area() == 'e').findFirst().orElseThrow().earned())
                .isGreaterThanOrEqualTo(before.get('e'));
    }

    @Test
    void a_seniors_aid_confirmation_and_the_applications_submitted_reach_the_caseload() {
        StudentRecord senior = StudentRecord.newBuilder().setStudent(Student.newBuilder()
                        .setLegalName(PersonName.newBuilder().setFirst("Ana").setLast("M")).setBirthDate("2008-09-01")
                        .setGradeLevel(12).setCohortYear(2026).setInstitutionId("19647330000000"))
                .addCourses(english(2023, TermType.FALL, 1))
                .addCollegeApplications(CollegeApplication.newBuilder().setCampus("UC Davis")
                        .setStatus(ApplicationStatus.APP_ADMITTED))
                .addCollegeApplications(CollegeApplication.newBuilder().setCampus("CSU Sacramento")
                        .setStatus(ApplicationStatus.APP_SUBMITTED))
                .addCollegeApplications(CollegeApplication.newBuilder().setCampus("UC Merced")
                        .setStatus(ApplicationStatus.APP_STARTED))
                .build();
        Clock march = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);
        ReadinessSource without = ReadinessSource.fromEngine(ReadinessEngine.create(RuleBook.loadDefault()),
                id -> Optional.of(new StudentFile(id, senior, List.of())), AgCourseLists.none(), march);
        StudentRecord submitted = senior.toBuilder().addFinancialAid(FinancialAidApplication.newBuilder()
                .setKind(AidApplicationKind.CADAA).setAwardYear("2026-27").setStatus(AidApplicationStatus.AID_SUBMITTED)
                .setStatusDate("2026-02-10")).build();
        ReadinessSource with = ReadinessSource.fromEngine(ReadinessEngine.create(RuleBook.loadDefault()),
                id -> Optional.of(new StudentFile(id, submitted, List.of())), AgCourseLists.none(), march);

        assertThat(without.report(ANA).orElseThrow().aid()).isEqualTo(
                new ReadinessReport.Aid(ReadinessReport.AidConfirmation.NOT_CONFIRMED, 2));
        assertThat(with.report(ANA).orElseThrow().aid()).isEqualTo(
                new ReadinessReport.Aid(ReadinessReport.AidConfirmation.SUBMITTED, 2));
    }
}
