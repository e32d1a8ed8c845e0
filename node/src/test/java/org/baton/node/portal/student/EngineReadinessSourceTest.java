package org.baton.node.portal.student;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.baton.node.portal.i18n.Language;
import org.baton.node.portal.i18n.Messages;
import org.baton.node.portal.i18n.RuleTexts;
import org.baton.node.readiness.AgCourseLists;
import org.baton.node.readiness.ReadinessEngine;
import org.baton.node.readiness.caseload.FlagKind;
import org.baton.node.readiness.rules.RuleBook;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.AcademicProgram;
import org.baton.proto.v1.AgArea;
import org.baton.proto.v1.AidApplicationKind;
import org.baton.proto.v1.AidApplicationStatus;
import org.baton.proto.v1.ApplicationStatus;
import org.baton.proto.v1.AwardKind;
import org.baton.proto.v1.CollegeApplication;
import org.baton.proto.v1.CollegeCourse;
import org.baton.proto.v1.CourseCategory;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.FinancialAidApplication;
import org.baton.proto.v1.GeArea;
import org.baton.proto.v1.GePattern;
import org.baton.proto.v1.PersonName;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.baton.proto.v1.Term;
import org.baton.proto.v1.TermCalendar;
import org.baton.proto.v1.TermType;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EngineReadinessSourceTest {

    private static final StudentId ANA = new StudentId(1);
    private static final RuleBook RULES = RuleBook.loadDefault();

    private static CourseRecord english(int year, TermType term, int segment) {
        return CourseRecord.newBuilder().setRecordId("e" + year + term).setTitle("English " + year)
                .setLocalCourseId("ENG" + year).setTerm(Term.newBuilder().setAcademicYear(year).setType(term))
                .setGradeLevel(year - 2014).setLetterGrade("A").setAgArea(AgArea.AG_B_ENGLISH)
                .setCategory(CourseCategory.ACADEMIC).setCreditsAttempted(500).setCreditsEarned(500)
                .setSegment(segment).build();
    }

    private static CourseRecord chemistry(int year, TermType term, int segment, int gradeLevel, String grade) {
        return CourseRecord.newBuilder().setRecordId("chem" + year + term).setTitle("Chemistry")
                .setLocalCourseId("CHEM").setTerm(Term.newBuilder().setAcademicYear(year).setType(term))
                .setGradeLevel(gradeLevel).setLetterGrade(grade).setAgArea(AgArea.AG_D_SCIENCE)
                .setDiscipline("CHEMISTRY").setCategory(CourseCategory.ACADEMIC).setCreditsAttempted(500)
                .setCreditsEarned(500).setSegment(segment).build();
    }

    /** A senior who repeated a D in Chemistry, with nothing in history yet. */
    private static StudentRecord senior() {
        return StudentRecord.newBuilder().setStudent(Student.newBuilder()
                        .setLegalName(PersonName.newBuilder().setFirst("Ana").setLast("M")).setBirthDate("2008-09-01")
                        .setGradeLevel(12).setCohortYear(2026).setInstitutionId("19647330000000"))
                .addCourses(english(2023, TermType.FALL, 1)).addCourses(english(2023, TermType.SPRING, 2))
                .addCourses(chemistry(2023, TermType.FALL, 1, 10, "D"))
                .addCourses(chemistry(2023, TermType.SPRING, 2, 10, "B"))
                .addCourses(chemistry(2024, TermType.FALL, 1, 11, "B"))
                .build();
    }

    private static CourseRecord collegeCourse(String id, String title, int units, String geArea) {
        return CourseRecord.newBuilder().setRecordId(id).setInstitutionId("117274").setSchoolCode("117274")
                .setLocalCourseId(id).setTitle(title).setTerm(Term.newBuilder().setAcademicYear(2024)
                        .setType(TermType.FALL).setCalendar(TermCalendar.SEMESTER))
                .setGradeLevel(13).setLetterGrade("A").setAgArea(AgArea.AG_NONE)
                .setCategory(CourseCategory.ACADEMIC).setCreditsAttempted(500).setCreditsEarned(500)
                .setCollege(CollegeCourse.newBuilder().setInstitutionId("117274").setUnits(units)
                        .setUnitSystem(TermCalendar.SEMESTER).setUcTransferable(true).setCsuTransferable(true)
                        .addGeAreas(GeArea.newBuilder().setPattern(GePattern.CAL_GETC).setArea(geArea)))
                .build();
    }

    /** A community-college student early in an ADT: two Cal-GETC courses, 7 units. */
    private static StudentRecord collegeStudent() {
        return StudentRecord.newBuilder().setStudent(Student.newBuilder()
                        .setLegalName(PersonName.newBuilder().setFirst("Luis").setLast("R")).setBirthDate("2005-02-01")
                        .setGradeLevel(13).setCohortYear(2023).setInstitutionId("117274"))
                .addPrograms(AcademicProgram.newBuilder().setProgramCode("TMC-PSY").setTitle("Psychology AA-T")
                        .setAwardKind(AwardKind.ASSOCIATE_ARTS_TRANSFER).setGePattern(GePattern.CAL_GETC)
                        .setCatalogYear(2024).setMajorUnitsRequired(1800)
                        .setContinuousEnrollmentSince(Term.newBuilder().setAcademicYear(2024).setType(TermType.FALL)))
                .addCourses(collegeCourse("ENGL 1A", "College Composition", 400, "1A"))
                .addCourses(collegeCourse("COMM 1", "Public Speaking", 300, "1C"))
                .build();
    }

    private static ReadinessSource source(StudentRecord record, String today) {
        return ReadinessSource.fromEngine(ReadinessEngine.create(RULES), RULES.counseling(),
                id -> Optional.of(new StudentFile(id, record, List.of())), AgCourseLists.none(),
                Clock.fixed(Instant.parse(today + "T12:00:00Z"), ZoneOffset.UTC));
    }

    /** Every text of a report, as the progress page shows them. */
    private static List<String> texts(ReadinessReport r) {
        List<String> texts = new ArrayList<>(r.offTrack());
        r.areas().forEach(a -> texts.addAll(a.trail()));
        r.gpas().forEach(g -> {
            texts.add(g.name());
            texts.addAll(g.howComputed());
        });
        r.deadlines().forEach(d -> texts.add(d.what()));
        r.transfer().ifPresent(t -> {
            texts.add(t.goal());
            t.requirements().forEach(q -> {
                texts.add(q.name());
                texts.add(q.detail());
            });
        });
        return texts;
    }

    private static ReadinessReport.AreaStatus area(ReadinessReport r, char letter) {
        return r.areas().stream().filter(a -> a.area() == letter).findFirst().orElseThrow();
    }

    @Test
    void a_language_level_reads_in_the_readers_language_with_the_languages_name() {
        assertThat(EngineReadinessSource.level("language level 2 (SPANISH)", Messages.of(Language.SPANISH)))
                .isEqualTo("nivel de idioma 2 (español)");
        assertThat(EngineReadinessSource.level("language level 2 (SPANISH)", Messages.of(Language.ENGLISH)))
                .isEqualTo("language level 2 (Spanish)");
        assertThat(EngineReadinessSource.level("language level 3 (ASL)", Messages.of(Language.SPANISH)))
                .isEqualTo("nivel de idioma 3 (lengua de señas americana)");
        // A language without a name here keeps its code; one not given says so.
        assertThat(EngineReadinessSource.level("language level 1 (KLINGON)", Messages.of(Language.SPANISH)))
                .isEqualTo("nivel de idioma 1 (KLINGON)");
        assertThat(EngineReadinessSource.level("language level 1 ((language not given))",
                Messages.of(Language.SPANISH))).isEqualTo("nivel de idioma 1 (idioma no indicado)");
        // A label that is not a level is translated whole.
        assertThat(EngineReadinessSource.level("language level", Messages.of(Language.SPANISH)))
                .isEqualTo("nivel de idioma");
    }

    @Test
    void a_seniors_progress_reads_in_the_readers_language() {
        ReadinessSource source = source(senior(), "2026-01-15");
        ReadinessReport english = source.report(ANA, Language.ENGLISH).orElseThrow();
        ReadinessReport spanish = source.report(ANA, Language.SPANISH).orElseThrow();

        assertThat(area(english, 'd').trail()).containsExactly(
                "✓ 1 year of biology, chemistry or physics",
                "✗ a second year of a different science: biology, chemistry, physics, integrated or earth/space"
                        + " science",
                "Chemistry (D, fall 2023): cleared, repeated with B in fall 2024");
        assertThat(area(spanish, 'd').trail()).containsExactly(
                "✓ 1 año de biología, química o física",
                "✗ un segundo año de otra ciencia: biología, química, física, ciencia integrada o ciencias de la Tierra"
                        + " y el espacio",
                "Chemistry (D, otoño 2023): subsanado, repetido con B en otoño 2024");
        assertThat(english.offTrack()).contains(
                "a · History / social science: 0 of 4 semesters expected by the end of grade 12",
                "UC: 2 of 11 a-g courses before the senior year", "FAFSA / CADAA 2026-27: not started");
        assertThat(english.concerns()).containsExactlyInAnyOrder(FlagKind.AREA_OFF_TRACK,
                FlagKind.COURSES_BEFORE_SENIOR_YEAR, FlagKind.FAFSA_NOT_SUBMITTED,
                FlagKind.CAL_GRANT_GPA_NOT_UPLOADED);
        assertThat(spanish.offTrack()).hasSameSizeAs(english.offTrack()).contains(
                "a · Historia / ciencias sociales: 0 de 4 semestres esperados al final del grado 12",
                "UC: 2 de 11 cursos a-g antes del último año",
                "FAFSA / CADAA 2026-27: " + Messages.of(Language.SPANISH).t("aid.AID_NOT_STARTED"));
        assertThat(spanish.gpa(ReadinessReport.GpaFigure.Kind.UC_CAPPED_WEIGHTED)).hasValueSatisfying(g -> {
            assertThat(g.name()).isEqualTo("UC ponderado con límite");
            assertThat(g.value()).isEqualTo(english.gpa(ReadinessReport.GpaFigure.Kind.UC_CAPPED_WEIGHTED)
                    .orElseThrow().value());
            assertThat(g.howComputed().get(0))
                    .isEqualTo("grados 10.º y 11.º, desde el verano después de 9.º hasta el verano después de 11.º");
        });
        assertThat(english.deadlines()).extracting(ReadinessReport.Deadline::what)
                .contains("FAFSA / California Dream Act Application and Cal Grant GPA deadline");
        assertThat(spanish.deadlines()).extracting(ReadinessReport.Deadline::what)
                .contains("Fecha límite de la FAFSA / Solicitud de la Ley Dream de California (CADAA) y del GPA de"
                        + " Cal Grant");
        assertThat(spanish.deadlines()).extracting(ReadinessReport.Deadline::due)
                .isEqualTo(english.deadlines().stream().map(ReadinessReport.Deadline::due).toList());
        assertNoEnglishRuleText(spanish);
    }

    @Test
    void a_transfer_students_progress_reads_in_the_readers_language() {
        ReadinessSource source = source(collegeStudent(), "2026-03-10");
        ReadinessReport english = source.report(ANA, Language.ENGLISH).orElseThrow();
        ReadinessReport spanish = source.report(ANA, Language.SPANISH).orElseThrow();

        ReadinessReport.TransferProgress en = english.transfer().orElseThrow();
        assertThat(en.goal()).isEqualTo("TMC-PSY Psychology AA-T");
        assertThat(en.requirements()).extracting(ReadinessReport.TransferProgress.Requirement::name).containsExactly(
                "ADT: CSU-transferable units", "ADT: CSU-transferable GPA", "ADT: major units with C or better",
                "ADT: GE pattern certified", "UC: transferable units and GPA", "UC: seven-course pattern");
        assertThat(en.requirements().get(0).detail()).isEqualTo("7 of 60");
        assertThat(en.requirements().get(1).met()).isTrue();
        assertThat(en.requirements().get(3).detail()).startsWith("Cal-GETC: still needs 1B critical thinking and"
                + " composition; 2 mathematical concepts and quantitative reasoning;");
        // Early in the program is not off track; a college student without a FAFSA/CADAA is.
        assertThat(english.offTrack()).containsExactly("FAFSA / CADAA 2027-28: not started");

        ReadinessReport.TransferProgress es = spanish.transfer().orElseThrow();
        assertThat(es.requirements()).extracting(ReadinessReport.TransferProgress.Requirement::met)
                .isEqualTo(en.requirements().stream().map(ReadinessReport.TransferProgress.Requirement::met).toList());
        assertThat(es.requirements().get(0).name()).isEqualTo("ADT: unidades transferibles a CSU");
        assertThat(es.requirements().get(0).detail()).isEqualTo("7 de 60");
        assertThat(es.requirements().get(3).detail()).startsWith("Cal-GETC: falta 1B pensamiento crítico y"
                + " composición; 2 conceptos matemáticos y razonamiento cuantitativo;");
        assertThat(spanish.offTrack()).containsExactly("FAFSA / CADAA 2027-28: "
                + Messages.of(Language.SPANISH).t("aid.AID_NOT_STARTED"));
        assertNoEnglishRuleText(spanish);
    }

    @Test
    void a_ninth_grader_on_a_four_year_plan_is_on_track_though_most_areas_are_not_started() {
        StudentRecord ninth = StudentRecord.newBuilder().setStudent(Student.newBuilder()
                        .setLegalName(PersonName.newBuilder().setFirst("Ana").setLast("M")).setBirthDate("2011-09-01")
                        .setGradeLevel(9).setCohortYear(2029).setInstitutionId("19647330000000"))
                .addCourses(english(2025, TermType.FALL, 1).toBuilder().setGradeLevel(9))
                .addCourses(english(2025, TermType.SPRING, 2).toBuilder().setGradeLevel(9).setLetterGrade("IP"))
                .build();
        ReadinessReport report = source(ninth, "2026-03-01").report(ANA, Language.ENGLISH).orElseThrow();

        assertThat(area(report, 'a').status()).isEqualTo(ReadinessReport.AreaStatus.Status.MISSING);
        assertThat(report.offTrack()).containsExactly(
                "c · Mathematics: 0 of 2 semesters expected by the end of grade 9");

        StudentRecord withAlgebra = ninth.toBuilder()
                .addCourses(english(2025, TermType.FALL, 1).toBuilder().setRecordId("alg1").setTitle("Algebra I")
                        .setLocalCourseId("ALG1").setAgArea(AgArea.AG_C_MATH).setSequenceLevel(1).setGradeLevel(9))
                .addCourses(english(2025, TermType.SPRING, 2).toBuilder().setRecordId("alg2").setTitle("Algebra I")
                        .setLocalCourseId("ALG1").setAgArea(AgArea.AG_C_MATH).setSequenceLevel(1).setGradeLevel(9)
                        .setLetterGrade("IP"))
                .build();
        ReadinessReport onTrack = source(withAlgebra, "2026-03-01").report(ANA, Language.ENGLISH).orElseThrow();
        assertThat(onTrack.onTrack()).isTrue();
        assertThat(onTrack.concerns()).isEmpty();
    }

    /** No text of the report holds an English rule text that Spanish translates, nor an English term. */
    private static void assertNoEnglishRuleText(ReadinessReport spanish) {
        List<String> english = RuleTexts.translations(Language.SPANISH).entrySet().stream()
                .filter(e -> !e.getKey().equals(e.getValue())).map(java.util.Map.Entry::getKey).toList();
        assertThat(texts(spanish)).isNotEmpty().allSatisfy(text -> {
            assertThat(english).noneMatch(text::contains);
            assertThat(text).doesNotContainPattern("\\b(fall|winter|spring|summer) \\d{4}")
                    .doesNotContain("cleared", "more units", "in progress", "of 60");
        });
    }

    @Test
    void maps_the_engines_report_to_seven_areas_and_projects_planned_courses() {
        StudentRecord record = StudentRecord.newBuilder().setStudent(Student.newBuilder()
                        .setLegalName(PersonName.newBuilder().setFirst("Ana").setLast("M")).setBirthDate("2009-09-01")
                        .setGradeLevel(11).setCohortYear(2027).setInstitutionId("19647330000000"))
                .addCourses(english(2023, TermType.FALL, 1)).addCourses(english(2023, TermType.SPRING, 2)).build();
        StudentDirectory students = id -> Optional.of(new StudentFile(id, record, List.of()));
        ReadinessSource source = ReadinessSource.fromEngine(ReadinessEngine.create(RULES), RULES.counseling(), students,
                AgCourseLists.none(), Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC));
        ReadinessReport report = source.report(ANA, Language.ENGLISH).orElseThrow();
        assertThat(report.areas()).extracting(ReadinessReport.AreaStatus::area)
                .containsExactly('a', 'b', 'c', 'd', 'e', 'f', 'g');
        assertThat(report.onTrack()).isFalse();
        // A junior: the senior-year aid confirmation does not apply yet.
        assertThat(report.aid()).isEqualTo(ReadinessReport.Aid.NOT_KNOWN);
        ReadinessReport planned = source.whatIf(ANA, List.of(new PlannedCourse("Spanish 1", 'e', "A", 2, false, 11)),
                        Language.ENGLISH)
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
        ReadinessSource without = ReadinessSource.fromEngine(ReadinessEngine.create(RULES), RULES.counseling(),
                id -> Optional.of(new StudentFile(id, senior, List.of())), AgCourseLists.none(), march);
        StudentRecord submitted = senior.toBuilder().addFinancialAid(FinancialAidApplication.newBuilder()
                .setKind(AidApplicationKind.CADAA).setAwardYear("2026-27").setStatus(AidApplicationStatus.AID_SUBMITTED)
                .setStatusDate("2026-02-10")).build();
        ReadinessSource with = ReadinessSource.fromEngine(ReadinessEngine.create(RULES), RULES.counseling(),
                id -> Optional.of(new StudentFile(id, submitted, List.of())), AgCourseLists.none(), march);

        assertThat(without.report(ANA, Language.ENGLISH).orElseThrow().aid()).isEqualTo(
                new ReadinessReport.Aid(ReadinessReport.AidConfirmation.NOT_CONFIRMED, 2));
        assertThat(with.report(ANA, Language.ENGLISH).orElseThrow().aid()).isEqualTo(
                new ReadinessReport.Aid(ReadinessReport.AidConfirmation.SUBMITTED, 2));
    }
}
