package org.baton.node.portal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.baton.node.portal.consent.ConsentDesk;
import org.baton.node.portal.consent.Institution;
import org.baton.node.portal.registrar.RegistrarDesk;
import org.baton.node.portal.student.ReadinessReport;
import org.baton.node.portal.student.ReadinessReport.AreaStatus;
import org.baton.node.portal.student.ReadinessReport.GpaFigure;
import org.baton.node.portal.student.ReceivedRecord;
import org.baton.node.portal.student.StudentFile;
import org.baton.node.quality.QualityChecker;
import org.baton.node.quality.QualityFinding;
import org.baton.node.quality.QualityRule;
import org.baton.node.readiness.caseload.FlagKind;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.AgArea;
import org.baton.proto.v1.AgAreaStatus;
import org.baton.proto.v1.AgRequirementStatus;
import org.baton.proto.v1.AgStatusSummary;
import org.baton.proto.v1.HigherEdSystem;
import org.baton.proto.v1.AidApplicationKind;
import org.baton.proto.v1.AidApplicationStatus;
import org.baton.proto.v1.ApplicationStatus;
import org.baton.proto.v1.Award;
import org.baton.proto.v1.AwardKind;
import org.baton.proto.v1.CollegeApplication;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.FinancialAidApplication;
import org.baton.proto.v1.LearningArtifact;
import org.baton.proto.v1.ArtifactKind;
import org.baton.proto.v1.LegalBasis;
import org.baton.proto.v1.PersonName;
import org.baton.proto.v1.Scope;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.baton.proto.v1.Term;
import org.baton.proto.v1.TermType;
import org.baton.trust.InstitutionId;

/**
 * The students the portal tests use (the clock reads 2026-03-01):
 * Ana (18, grade 12, on track, an eligible student), Ben (16, grade 11, a minor with a guardian, off track),
 * a student whose name is a script tag (grade 10), and Carla (a community-college student with transfer progress).
 */
public final class PortalTestData {

    public static final StudentId ANA = new StudentId(1);
    public static final StudentId BEN = new StudentId(2);
    public static final StudentId HOSTILE = new StudentId(3);
    public static final StudentId CARLA = new StudentId(4);
    public static final String HOSTILE_NAME = "<script>alert(1)</script>";

    public static final Institution SIERRA = new Institution(InstitutionId.of("19647330000000"), "Sierra Unified School District");
    public static final Institution VALLEY_CC = new Institution(InstitutionId.of("117052"), "Valley Community College");
    public static final Institution UC_DAVIS = new Institution(InstitutionId.of("110644"), "University of California, Davis");
    public static final Institution CSAC = new Institution(InstitutionId.of("CSAC"), "California Student Aid Commission");

    private PortalTestData() {
    }

    public static void load(FakeBackends b) {
        b.consent.institutions.addAll(List.of(SIERRA, VALLEY_CC, UC_DAVIS, CSAC));

        StudentRecord ana = record("Ana", "Martínez", "2007-09-01", 12, List.of(
                course("ENG 9", AgArea.AG_B_ENGLISH, 2023, TermType.FALL, "A", false),
                course("ENG 9", AgArea.AG_B_ENGLISH, 2023, TermType.SPRING, "A-", false),
                course("Algebra I", AgArea.AG_C_MATH, 2023, TermType.FALL, "B+", false),
                course("Geometry", AgArea.AG_C_MATH, 2024, TermType.FALL, "A", false),
                course("AP World History", AgArea.AG_A_HISTORY, 2024, TermType.SPRING, "A", true),
                course("Biology", AgArea.AG_D_SCIENCE, 2024, TermType.FALL, "B", false),
                course("Spanish 2", AgArea.AG_E_LANGUAGE, 2025, TermType.FALL, "A", false)))
                .toBuilder()
                .addAwards(Award.newBuilder().setKind(AwardKind.STATE_SEAL_OF_BILITERACY).setTitle("State Seal of Biliteracy (in progress)").setConferredOn("2026-06-05").build())
                .addLearningArtifacts(LearningArtifact.newBuilder().setKind(ArtifactKind.BADGE).setTitle("Robotics Team Lead")
                        .setIssuerName("Sierra High Robotics").setIssuedOn("2025-05-20").setDescription("Led a team of 12 in the regional competition.").build())
                .addFinancialAid(FinancialAidApplication.newBuilder().setKind(AidApplicationKind.FAFSA).setAwardYear("2026-27")
                        .setStatus(AidApplicationStatus.AID_SUBMITTED).setStatusDate("2026-01-15").build())
                .addCollegeApplications(CollegeApplication.newBuilder().setCampus("UC Davis").setStatus(ApplicationStatus.APP_SUBMITTED).setStatusDate("2025-11-30").build())
                .build();
        StudentRecord fromCollege = record("Ana", "Martínez", "2007-09-01", 12, List.of(
                course("MATH 1A Calculus (dual enrollment)", AgArea.AG_C_MATH, 2025, TermType.FALL, "A", true)))
                .toBuilder()
                .addAgStatus(AgStatusSummary.newBuilder().setSystem(HigherEdSystem.SYSTEM_UC).setAsOf("2026-01-20")
                        .setStatus(AgRequirementStatus.AG_MISSING).setSemestersCompleted(2)
                        .addAreas(AgAreaStatus.newBuilder().setArea(AgArea.AG_C_MATH)
                                .setStatus(AgRequirementStatus.AG_MISSING).setSemestersRequired(6)
                                .setSemestersCompleted(2).setSemestersInProgress(1)))
                .build();
        b.students.files.put(ANA, new StudentFile(ANA, ana, List.of(new ReceivedRecord(VALLEY_CC.id(),
                VALLEY_CC.name(), Instant.parse("2026-01-20T10:00:00Z"), fromCollege,
                Optional.of("5e1f0c2a9b8d7e6f5a4b3c2d1e0f9a8b"), () -> List.of(new QualityFinding(QualityRule.GPA_MISMATCH,
                        QualityChecker.RECEIVED, "", "Cumulative unweighted GPA stored as 3.900; the 12 letter grades"
                        + " of grades 9-12 give 3.400, a difference of 0.500, more than 0.05."))))));
        b.readiness.reports.put(ANA, new ReadinessReport(List.of(
                area('a', AreaStatus.Status.MET, 4, 4, "AP World History (A, A)", "US History (B, A)"),
                area('b', AreaStatus.Status.IN_PROGRESS, 6, 8, "ENG 9, 10, 11 (A, A-, B+, A, A, A)"),
                area('c', AreaStatus.Status.MET, 6, 6, "Algebra I, Geometry, Algebra II", "MATH 1A (college, counts as one year)"),
                area('d', AreaStatus.Status.MET, 4, 4, "Biology, Chemistry"),
                area('e', AreaStatus.Status.MET, 4, 4, "Spanish 1, Spanish 2"),
                area('f', AreaStatus.Status.MET, 2, 2, "Art 1"),
                area('g', AreaStatus.Status.MET, 2, 2, "overflow from c: Statistics")),
                List.of(new GpaFigure(GpaFigure.Kind.UC_CAPPED_WEIGHTED, "UC capped weighted", "3.90",
                                List.of("22 a-g grades from summer after 9th to summer after 11th", "A=4, B=3; +/- ignored",
                                        "6 honors semesters with A, B or C: +6 points (cap 8, at most 4 in 10th)",
                                        "(80 + 6) / 22 = 3.909…, truncated to 3.90")),
                        new GpaFigure(GpaFigure.Kind.CSU, "CSU", "3.88", List.of("a-g grades of 10th and 11th plus summer after 9th")),
                        new GpaFigure(GpaFigure.Kind.CAL_GRANT, "Cal Grant", "3.71", List.of("all academic courses of 10th and 11th, unweighted, rounded"))),
                List.of(new ReadinessReport.Deadline("FAFSA / CADAA and Cal Grant GPA", LocalDate.parse("2026-03-02")),
                        new ReadinessReport.Deadline("UC Statement of Intent to Register", LocalDate.parse("2026-05-01"))),
                Optional.empty(), List.of(),
                // A senior with two applications in and no FAFSA, CADAA or opt-out on file yet.
                new ReadinessReport.Aid(ReadinessReport.AidConfirmation.NOT_CONFIRMED, 2)));

        StudentRecord ben = record("Ben", "Okafor", "2009-11-12", 11, List.of(
                course("English 10", AgArea.AG_B_ENGLISH, 2024, TermType.FALL, "B", false),
                course("Algebra I", AgArea.AG_C_MATH, 2024, TermType.FALL, "D", false),
                course("Chemistry", AgArea.AG_D_SCIENCE, 2025, TermType.FALL, "C", false)));
        b.students.files.put(BEN, new StudentFile(BEN, ben, List.of()));
        b.readiness.reports.put(BEN, new ReadinessReport(List.of(
                area('a', AreaStatus.Status.IN_PROGRESS, 2, 4, "World History (B, -)"),
                area('b', AreaStatus.Status.IN_PROGRESS, 4, 8, "English 9, 10"),
                area('c', AreaStatus.Status.DEFICIENT, 1, 6, "Algebra I: D in fall — repeat it or validate with Geometry C or better"),
                area('d', AreaStatus.Status.IN_PROGRESS, 1, 4, "Chemistry (C)"),
                area('e', AreaStatus.Status.MISSING, 0, 4),
                area('f', AreaStatus.Status.MISSING, 0, 2),
                area('g', AreaStatus.Status.MISSING, 0, 2)),
                List.of(new GpaFigure(GpaFigure.Kind.UC_CAPPED_WEIGHTED, "UC capped weighted", "2.66", List.of("9 a-g grades so far"))),
                List.of(new ReadinessReport.Deadline("Cal Grant GPA opt-out form", LocalDate.parse("2026-01-01"))),
                Optional.empty(), List.of("c: D in Algebra I (fall 2024) not yet repeated or validated",
                        "e: no language other than English yet", "UC GPA 2.66 is below the 3.00 minimum"),
                ReadinessReport.Aid.NOT_KNOWN, EnumSet.of(FlagKind.AREA_DEFICIENT, FlagKind.AREA_OFF_TRACK,
                        FlagKind.GPA_BELOW_MINIMUM)));

        StudentRecord hostile = record(HOSTILE_NAME, "Tables\"; DROP", "2010-02-02", 10, List.of(
                course("<img src=x onerror=alert(2)>", AgArea.AG_G_ELECTIVE, 2025, TermType.FALL, "A", false)));
        b.students.files.put(HOSTILE, new StudentFile(HOSTILE, hostile, List.of()));
        b.readiness.reports.put(HOSTILE, new ReadinessReport(List.of(
                area('a', AreaStatus.Status.MISSING, 0, 4), area('b', AreaStatus.Status.IN_PROGRESS, 2, 8),
                area('c', AreaStatus.Status.IN_PROGRESS, 2, 6), area('d', AreaStatus.Status.MISSING, 0, 4),
                area('e', AreaStatus.Status.MISSING, 0, 4), area('f', AreaStatus.Status.MISSING, 0, 2),
                area('g', AreaStatus.Status.MET, 2, 2, HOSTILE_NAME)),
                List.of(), List.of(), Optional.empty(), List.of("<b>bold</b> reason from a course title")));

        StudentRecord carla = record("Carla", "Nguyen", "2004-05-30", 13, List.of(
                college("PSYC 1", 2024, TermType.FALL, "A"), college("ENGL 1A", 2024, TermType.FALL, "B"),
                college("STAT 10", 2025, TermType.SPRING, "A")));
        b.students.files.put(CARLA, new StudentFile(CARLA, carla, List.of()));
        b.readiness.reports.put(CARLA, new ReadinessReport(List.of(), List.of(
                new GpaFigure(GpaFigure.Kind.OTHER, "College transferable", "3.45", List.of("42 transferable units"))),
                List.of(new ReadinessReport.Deadline("UC TAG application", LocalDate.parse("2026-09-30"))),
                Optional.of(new ReadinessReport.TransferProgress("AA-T Psychology → CSU", List.of(
                        new ReadinessReport.TransferProgress.Requirement("60 CSU-transferable units", false, "42 of 60"),
                        new ReadinessReport.TransferProgress.Requirement("GPA 2.0 or higher", true, "3.45"),
                        new ReadinessReport.TransferProgress.Requirement("18 major units with C or better", false, "9 of 18"),
                        new ReadinessReport.TransferProgress.Requirement("Cal-GETC", false, "7 of 11 courses")))),
                List.of("18 units short of 60 CSU-transferable units")));

        b.consent.disclosed(ANA, CSAC, EnumSet.of(Scope.SCOPE_GPA), LegalBasis.BASIS_CAL_GRANT_GPA_UPLOAD,
                Instant.parse("2025-10-01T08:00:00Z"));

        b.registrar.runs.add(new RegistrarDesk.ImportRun("run-7", "calpads-students-2026-02.csv", "CALPADS students",
                Instant.parse("2026-02-27T15:30:00Z"), 1204, 1201, 3, Optional.empty(), List.of(
                        new RegistrarDesk.Problem("students.csv", 88, "SSID",
                                "an SSID is exactly 10 digits (got 9 characters)", "ssid", List.of("9")),
                        new RegistrarDesk.Problem("students.csv", 412, "BirthDate", "the value is not a real date",
                                "realDate.sensitive", List.of()),
                        new RegistrarDesk.Problem("students.csv", 977, "SchoolCode",
                                "school 19647330130542 is not a school of this district"))));
        b.registrar.runs.add(new RegistrarDesk.ImportRun("run-6", "course-completions-2026-01.csv", "CALPADS course completions",
                Instant.parse("2026-01-31T15:30:00Z"), 20411, 20411, 0, Optional.empty(), List.of()));
        b.registrar.exchanges.add(new RegistrarDesk.Exchange("x-12", true, UC_DAVIS.name(),
                Instant.parse("2026-02-20T12:00:00Z"), "acknowledged", EnumSet.of(Scope.SCOPE_TRANSCRIPT)));
        b.registrar.exchanges.add(new RegistrarDesk.Exchange("x-11", false, VALLEY_CC.name(),
                Instant.parse("2026-01-20T10:00:00Z"), "received, verified", EnumSet.of(Scope.SCOPE_TRANSCRIPT)));
        b.registrar.calGrant.add(new RegistrarDesk.CalGrantRow(ANA, "Ana Martínez", Optional.of("3.71"), false));
        b.registrar.calGrant.add(new RegistrarDesk.CalGrantRow(new StudentId(9), "Dev Patel", Optional.of("3.10"), true));
        b.registrar.quality.add(new RegistrarDesk.QualityRow(ANA, "Ana Martínez", "1000042", QualityRule.GPA_MISMATCH,
                "Cumulative unweighted GPA stored as 3.900 (as of 2025-06-10); the 30 letter grades of grades 9-12 give "
                        + "3.400, a difference of 0.500, more than 0.05. Recompute it in the SIS.", "CUMULATIVE_GPA",
                List.of("3.900", "2025-06-10", "30", "3.400", "0.500", "0.05"), "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
                Optional.empty()));
        b.registrar.quality.add(new RegistrarDesk.QualityRow(BEN, "Ben Okafor", "1000043",
                QualityRule.POSSIBLE_DUPLICATE, "Student 9 (local id 9000043) has the same legal name and date of "
                        + "birth.", "f9e8d7c6b5a4938271605f4e3d2c1b0a", Optional.empty()));
        b.registrar.received.add(new RegistrarDesk.ReceivedRow("9223370265414775807/5e1f0c2a9b8d7e6f5a4b3c2d1e0f9a8b",
                "5e1f0c2a9b8d7e6f5a4b3c2d1e0f9a8b", VALLEY_CC.name(), Instant.parse("2026-01-20T10:00:00Z"),
                "Ana Martínez", Optional.of(ANA), QualityRule.GPA_MISMATCH,
                "Cumulative unweighted GPA stored as 3.900 (as of 2025-06-10); the 12 letter grades of grades 9-12 "
                        + "give 3.400, a difference of 0.500, more than 0.05. Recompute it in the SIS.",
                "CUMULATIVE_GPA", List.of("3.900", "2025-06-10", "12", "3.400", "0.500", "0.05"),
                "1a2b3c4d5e6f708192a3b4c5d6e7f809", Optional.empty(), false));
        b.registrar.received.add(new RegistrarDesk.ReceivedRow("9223370265414775807/7d6c5b4a39281706f5e4d3c2b1a09f8e",
                "7d6c5b4a39281706f5e4d3c2b1a09f8e", VALLEY_CC.name(), Instant.parse("2026-01-12T09:00:00Z"),
                "Jordan Lee", Optional.empty(), QualityRule.SSID_CHECK_DIGIT,
                "The SSID's last digit is not the check digit of its first nine (Luhn): a digit was probably "
                        + "mistyped or swapped. Compare it with CALPADS.", "SSID_CHECK_DIGIT", List.of(),
                "2b3c4d5e6f708192a3b4c5d6e7f8091a", Optional.empty(), false));
        b.consent.discrepancies.put(ANA, List.of(new ConsentDesk.Discrepancy(Instant.parse("2026-02-26T10:00:00Z"),
                false, UC_DAVIS, "AP Biology (spring 2025) is missing its honors flag.", "CLOSED",
                "Checked: the honors flag is on the record.")));
        b.registrar.reports.add(new RegistrarDesk.Report("c0ffee00c0ffee00c0ffee00c0ffee00", false, UC_DAVIS.name(),
                Instant.parse("2026-02-25T16:20:00Z"), Optional.of(BEN), "Ben Okafor", "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
                "Chemistry (spring 2025) is listed twice, once with a D and once with a B.", "OPEN", "", ""));
        b.registrar.findings.add(new RegistrarDesk.Finding(Instant.parse("2026-02-21T09:00:00Z"), BEN, "Ben Okafor",
                VALLEY_CC.name(), List.of("birth_date"), "a1b2c3"));
    }

    private static AreaStatus area(char a, AreaStatus.Status s, int earned, int required, String... trail) {
        return new AreaStatus(a, s, earned, required, List.of(trail));
    }

    private static StudentRecord record(String first, String last, String birth, int grade, List<CourseRecord> courses) {
        // A consent names the student by a commitment to the SSID: every record here has one (by name and birth).
        String ssid = String.format("%010d", Math.floorMod((first + last + birth).hashCode(), 1_000_000_000L) + 1L);
        return StudentRecord.newBuilder().setStudent(Student.newBuilder().setSsid(ssid)
                        .setLegalName(PersonName.newBuilder().setFirst(first).setLast(last))
                        .setBirthDate(birth).setGradeLevel(grade).setInstitutionId(SIERRA.id().value()))
                .addAllCourses(courses).build();
    }

    private static int seq = 0;

    private static CourseRecord course(String title, AgArea area, int year, TermType term, String grade, boolean honors) {
        return CourseRecord.newBuilder().setRecordId("c" + (++seq)).setTitle(title).setLocalCourseId("C" + (100 + seq))
                .setAgArea(area).setTerm(Term.newBuilder().setAcademicYear(year).setType(term))
                .setLetterGrade(grade).setHonors(honors).setCreditsEarned(500).setCreditsAttempted(500).build();
    }

    private static CourseRecord college(String title, int year, TermType term, String grade) {
        return course(title, AgArea.AG_NONE, year, term, grade, false).toBuilder().setGradeLevel(13).build();
    }

}
