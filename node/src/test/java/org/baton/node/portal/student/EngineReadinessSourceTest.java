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
import org.baton.proto.v1.CourseCategory;
import org.baton.proto.v1.CourseRecord;
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
        ReadinessReport planned = source.whatIf(ANA, List.of(new PlannedCourse("Spanish 1", 'e', "A", 2, false, 11)))
                .orElseThrow();
        Map<Character, Integer> before = new java.util.HashMap<>();
        report.areas().forEach(a -> before.put(a.area(), a.earned()));
        assertThat(planned.areas().stream().filter(a -> a.area() == 'e').findFirst().orElseThrow().earned())
                .isGreaterThanOrEqualTo(before.get('e'));
    }
}
