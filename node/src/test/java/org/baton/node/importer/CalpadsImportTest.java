package org.baton.node.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.baton.node.importer.ImportFixtures.DISTRICT;
import static org.baton.node.importer.ImportFixtures.rejections;
import static org.baton.node.importer.ImportFixtures.resource;
import static org.baton.node.importer.ImportFixtures.bySsid;
import static org.baton.node.importer.ImportFixtures.openStore;
import static org.baton.node.importer.ImportFixtures.records;
import static org.baton.node.importer.ImportFixtures.relative;
import static org.baton.node.importer.ImportFixtures.run;

import java.nio.file.Path;
import java.util.Map;
import org.baton.proto.v1.AgArea;
import org.baton.proto.v1.AidApplicationKind;
import org.baton.proto.v1.AidApplicationStatus;
import org.baton.proto.v1.ApplicationStatus;
import org.baton.proto.v1.CourseCategory;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.EligibilityProgram;
import org.baton.proto.v1.GpaKind;
import org.baton.proto.v1.HigherEdSystem;
import org.baton.proto.v1.Residency;
import org.baton.proto.v1.StudentRecord;
import org.baton.proto.v1.TermCalendar;
import org.baton.proto.v1.TermType;
import org.baton.node.store.RecordStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CalpadsImportTest {

    @TempDir
    Path work;

    RecordStore store;

    @BeforeEach
    void open() {
        store = openStore(work);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Nested
    class a_good_extract {

        @Test
        void loads_every_row_and_rejects_none() {
            ImportSummary summary = run(store, ImportFormat.CALPADS, resource("calpads/good"), DISTRICT, work);

            assertThat(summary.rowsRead()).isEqualTo(3 + 5 + 8 + 2 + 2 + 2 + 2 + 1 + 1);
            assertThat(summary.rowsRejected()).isZero();
            assertThat(summary.rowsLoaded()).isEqualTo(summary.rowsRead());
            assertThat(summary.courseRowsRead()).isEqualTo(8);
            assertThat(summary.studentsWritten()).isEqualTo(3);
            assertThat(rejections(work.resolve("report.txt"))).isEmpty();
            assertThat(records(store)).hasSize(3);
        }

        @Test
        void loads_from_a_directory_given_relative_to_the_working_directory() {
            Path relative = relative(resource("calpads/good"));

            ImportSummary summary = run(store, ImportFormat.CALPADS, relative, DISTRICT, work);

            assertThat(relative.isAbsolute()).isFalse();
            assertThat(summary.studentsWritten()).isEqualTo(3);
            assertThat(summary.rowsRejected()).isZero();
        }

        @Test
        void maps_the_student_information_row() {
            run(store, ImportFormat.CALPADS, resource("calpads/good"), DISTRICT, work);

            var james = bySsid(store, "1000000026").getStudent();
            assertThat(james.getLegalName().getFirst()).isEqualTo("James");
            assertThat(james.getLegalName().getLast()).isEqualTo("O'Neil, Smith");
            assertThat(james.getLegalName().getSuffix()).isEqualTo("Jr");
            assertThat(james.getBirthDate()).isEqualTo("2009-11-02");
            assertThat(james.getDemographics().getRaceCodesList()).containsExactly("600", "700");
            assertThat(james.getLocalIdsList()).singleElement()
                    .satisfies(id -> {
                        assertThat(id.getIssuer()).isEqualTo(DISTRICT.value());
                        assertThat(id.getValue()).isEqualTo("100002");
                    });
            assertThat(james.getInstitutionId()).isEqualTo(DISTRICT.value());
            assertThat(james.getGradeLevel()).isEqualTo(11);
            assertThat(james.getCohortYear()).isEqualTo(2027);

            var maria = bySsid(store, "1000000018").getStudent();
            assertThat(maria.getBirthDate()).isEqualTo("2008-03-14");
            assertThat(maria.getDemographics().getEnglishStatus()).isEqualTo("RFEP");
            assertThat(maria.getDemographics().getSocioeconomicallyDisadvantaged()).isTrue();

            var wei = bySsid(store, "1000000034").getStudent();
            assertThat(wei.getBirthDate()).isEqualTo("2010-05-30");
            assertThat(wei.getResidency()).isEqualTo(Residency.AB540);
            assertThat(wei.getDemographics().getDisability()).isTrue();
            assertThat(wei.getEligibilityList()).extracting(e -> e.getProgram())
                    .containsExactlyInAnyOrder(EligibilityProgram.FOSTER_YOUTH, EligibilityProgram.CALFRESH);
        }

        @Test
        void maps_course_completions_with_term_grade_credits_and_flags() {
            run(store, ImportFormat.CALPADS, resource("calpads/good"), DISTRICT, work);

            Map<String, CourseRecord> courses = coursesById(bySsid(store, "1000000018"));
            CourseRecord algebra = courses.get("19765431930001|MA1001|2022|S1|01");
            assertThat(algebra.getLetterGrade()).isEqualTo("D");
            assertThat(algebra.getTerm().getAcademicYear()).isEqualTo(2022);
            assertThat(algebra.getTerm().getType()).isEqualTo(TermType.FALL);
            assertThat(algebra.getTerm().getCalendar()).isEqualTo(TermCalendar.SEMESTER);
            assertThat(algebra.getCreditsAttempted()).isEqualTo(500);
            assertThat(algebra.getAgArea()).isEqualTo(AgArea.AG_C_MATH);
            assertThat(algebra.getStateCourseCode()).isEqualTo("2403");
            assertThat(algebra.getSegment()).isEqualTo(1);
            assertThat(algebra.getSequenceLevel()).isEqualTo(1);
            assertThat(algebra.getCompletionDate()).isEqualTo("2022-12-16");

            CourseRecord english = courses.get("19765431930001|EN2001|2023|FY|02");
            assertThat(english.getTerm().getType()).isEqualTo(TermType.FULL_YEAR);
            assertThat(english.getAgArea()).isEqualTo(AgArea.AG_B_ENGLISH);
            assertThat(english.getCreditsEarned()).isEqualTo(1000);

            CourseRecord college = courses.get("19765431930001|DE-MATH-1A|2024|S1|");
            assertThat(college.getTitle()).isEqualTo("Calculus I, College");
            assertThat(college.getHonors()).isTrue();
            assertThat(college.getCollege().getInstitutionId()).isEqualTo("123456");
            assertThat(college.getCollege().getUnits()).isEqualTo(400);
            assertThat(college.getCollege().getUcTransferable()).isTrue();
            assertThat(college.getCollege().getDualEnrollment()).isTrue();

            CourseRecord pe = coursesById(bySsid(store, "1000000026")).get("19765431930001|PE1001|2025|S1|01");
            assertThat(pe.getCategory()).isEqualTo(CourseCategory.PHYSICAL_EDUCATION);
            assertThat(pe.getAgArea()).isEqualTo(AgArea.AG_NONE);
            assertThat(pe.getLetterGrade()).isEqualTo("P");
        }

        @Test
        void maps_enrollments_gpas_aid_applications_awards_and_badges() {
            run(store, ImportFormat.CALPADS, resource("calpads/good"), DISTRICT, work);

            StudentRecord maria = bySsid(store, "1000000018");
            assertThat(maria.getEnrollmentsList()).hasSize(2);
            assertThat(maria.getEnrollments(1).getExitCode()).isEqualTo("E230");
            assertThat(maria.getEnrollments(1).getExitDate()).isEqualTo("2026-06-05");
            assertThat(maria.getReportedGpasList()).extracting(g -> g.getKind(), g -> g.getValue())
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(GpaKind.GPA_CUMULATIVE_UNWEIGHTED, 2875),
                            org.assertj.core.groups.Tuple.tuple(GpaKind.GPA_CUMULATIVE_WEIGHTED, 3100));
            assertThat(maria.getFinancialAid(0).getKind()).isEqualTo(AidApplicationKind.FAFSA);
            assertThat(maria.getFinancialAid(0).getStatus()).isEqualTo(AidApplicationStatus.AID_SUBMITTED);
            assertThat(maria.getCollegeApplicationsList()).extracting(a -> a.getSystem(), a -> a.getStatus())
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(HigherEdSystem.SYSTEM_UC, ApplicationStatus.APP_ADMITTED),
                            org.assertj.core.groups.Tuple.tuple(HigherEdSystem.SYSTEM_CSU,
                                    ApplicationStatus.APP_SUBMITTED));
            assertThat(maria.getAwards(0).getInstitutionId()).isEqualTo(DISTRICT.value());
            assertThat(maria.hasUpdatedAt()).isTrue();

            StudentRecord james = bySsid(store, "1000000026");
            assertThat(james.getLearningArtifacts(0).getEvidenceUrlsList()).hasSize(2);
        }
    }

    @Nested
    class a_re_run {

        @Test
        void of_the_same_extract_changes_nothing() {
            run(store, ImportFormat.CALPADS, resource("calpads/good"), DISTRICT, work);
            Map<String, StudentRecord> before = records(store);

            ImportSummary again = run(store, ImportFormat.CALPADS, resource("calpads/good"), DISTRICT, work);

            assertThat(again.studentsWritten()).isZero();
            assertThat(again.studentsUnchanged()).isEqualTo(3);
            assertThat(again.rowsLoaded()).isEqualTo(again.rowsRead());
            assertThat(records(store)).isEqualTo(before);
        }

        @Test
        void into_a_store_that_already_holds_students_merges_onto_them() throws Exception {
            Path first = work.resolve("first");
            java.nio.file.Files.createDirectories(first);
            java.nio.file.Files.writeString(first.resolve("SINF.csv"), String.join("\n", SINF_HEADER,
                    "1111111110,A1,Ann,One,2009-01-01", ""));
            java.nio.file.Files.writeString(first.resolve("SCSC.csv"), String.join("\n", SCSC_HEADER,
                    "2025-2026,19765431930001,1111111110,EN1,2101,English,S1,09,5,5,A", ""));
            run(store, ImportFormat.CALPADS, first, DISTRICT, work.resolve("w1"));
            Path second = work.resolve("second");
            java.nio.file.Files.createDirectories(second);
            java.nio.file.Files.writeString(second.resolve("SCSC.csv"), String.join("\n", SCSC_HEADER,
                    "2025-2026,19765431930001,1111111110,MA1,2401,Algebra,S1,09,5,5,B", ""));

            ImportSummary summary = run(store, ImportFormat.CALPADS, second, DISTRICT, work.resolve("w2"));

            assertThat(summary.rowsRejected()).isZero();
            assertThat(summary.studentsWritten()).isEqualTo(1);
            assertThat(store.studentCount()).isEqualTo(1);
            StudentRecord ann = bySsid(store, "1111111110");
            assertThat(ann.getStudent().getLegalName().getFirst()).isEqualTo("Ann");
            assertThat(ann.getCoursesList()).extracting(CourseRecord::getLetterGrade).containsExactlyInAnyOrder("A", "B");
        }
    }

    @Nested
    class into_an_empty_store {

        @Test
        void writes_the_same_records_as_into_a_store_that_holds_other_students() throws Exception {
            run(store, ImportFormat.CALPADS, resource("calpads/good"), DISTRICT, work.resolve("w1"));
            Map<String, StudentRecord> fresh = withoutUpdatedAt(records(store));

            Path other = work.resolve("other");
            java.nio.file.Files.createDirectories(other);
            java.nio.file.Files.writeString(other.resolve("SINF.csv"), String.join("\n", SINF_HEADER,
                    "9999999990,Z9,Zed,Nine,2009-09-09", ""));
            java.nio.file.Files.createDirectories(work.resolve("second"));
            try (RecordStore second = openStore(work.resolve("second"))) {
                run(second, ImportFormat.CALPADS, other, DISTRICT, work.resolve("w2"));
                ImportSummary summary = run(second, ImportFormat.CALPADS, resource("calpads/good"), DISTRICT,
                        work.resolve("w3"));

                Map<String, StudentRecord> looked = withoutUpdatedAt(records(second));
                looked.remove("S9999999990");
                assertThat(summary.studentsWritten()).isEqualTo(3);
                assertThat(looked).isEqualTo(fresh);
            }
        }
    }

    @Nested
    class a_bad_extract {

        @Test
        void reports_every_bad_row_as_file_line_field_reason() {
            ImportSummary summary = run(store, ImportFormat.CALPADS, resource("calpads/bad"), DISTRICT, work);

            assertThat(rejections(work.resolve("report.txt"))).containsExactly(
                    "SINF.csv:3: SSID: an SSID is exactly 10 digits (got 8 characters)",
                    "SINF.csv:4: StudentLegalFirstName: required, but empty",
                    "SINF.csv:5: StudentBirthDate: the value is not a real date",
                    "SINF.csv:6: StudentBirthDate: the value is not a date (expected YYYY-MM-DD, YYYYMMDD or MM/DD/YYYY)",
                    "SINF.csv:7: StudentGenderCode: not a CALPADS gender code (M, F or X)",
                    "SINF.csv:7: HispanicEthnicityIndicator: must be Y, N or empty",
                    "SINF.csv:7: Race1Code: not a CALPADS race code",
                    "SINF.csv:7: PrimaryLanguageCode: 'ENG' is not a two-digit CALPADS language code",
                    "SINF.csv:7: EnglishLanguageAcquisitionStatusCode: 'XX' is not one of EO, IFEP, EL, RFEP, TBD",
                    "SINF.csv:7: SocioeconomicallyDisadvantagedIndicator: 'perhaps' is not a yes/no flag (Y or N)",
                    "SINF.csv:7: GradeLevelCode: '05' is not a grade level from 07 to 12 (Baton holds grades 7-12)",
                    "SINF.csv:7: CohortYear: '20x7' is not a whole number of at most 4 digits",
                    "SINF.csv:7: Residency: 'MARS' is not one of CALIFORNIA_RESIDENT, NON_RESIDENT, AB540",
                    "SINF.csv:8: SSID: another row for this student (SINF.csv:2) has a different name",
                    "SINF_broken.csv:3: -: quoted field is not closed before the end of the file;"
                            + " the rest of the file was not read",
                    "SPRG.csv:2: EducationProgramCode: 'HOMELESS' is not one of FOSTER_YOUTH, CALFRESH, CALWORKS,"
                            + " MEDI_CAL",
                    "SPRG.csv:3: EducationProgramMembershipEndDate: '2025-08-01' is before the start date"
                            + " '2025-09-01'",
                    "SENR.csv:3: SchoolOfAttendance: '1976543193000' is not a 14-digit CDS code",
                    "SENR.csv:4: SchoolOfAttendance: school '19111111930001' is not in the importing district"
                            + " (CDS 19-76543)",
                    "SENR.csv:5: AcademicYearID: '2025-26X' is not an academic year like 2024-2025",
                    "SENR.csv:6: EnrollmentStartDate: '2019-08-14' is not in academic year 2025-2026"
                            + " (July 1 to June 30)",
                    "SENR.csv:7: EnrollmentExitDate: '2025-08-20' is before the enrollment start date '2025-09-01'",
                    "SENR.csv:8: StudentExitReasonCode: required when EnrollmentExitDate is given",
                    "SENR.csv:9: EnrollmentExitDate: required when StudentExitReasonCode is given",
                    "SENR.csv:10: StudentExitReasonCode: '230' is not a CALPADS exit code like E230",
                    "SENR.csv:11: SSID: no valid student row for this student in this import,"
                            + " and the student is not in the store",
                    "SENR.csv:12: EnrollmentStartDate: conflicts with SENR.csv:2: same natural key, different values",
                    "SENR_2024.csv:1: EnrollmentStartDate: required column missing; no row of this file was read",
                    "SENR_2024.csv:2: -: not read: the file lacks required columns",
                    "SCSC.csv:3: AcademicTermCode: 'X9' is not a known term code (FY, S1, S2, Q1-Q4, T1-T3, SU, IS)",
                    "SCSC.csv:4: StateCourseCode: '210' is not a 4-digit state course code",
                    "SCSC.csv:5: CreditsAttempted: '-5' is negative; it must be 0 or more",
                    "SCSC.csv:6: CreditsAttempted: 'five' is not a number",
                    "SCSC.csv:6: CreditsEarned: '5.125' has more than 2 decimal places",
                    "SCSC.csv:7: Grade: 'E' is not on the institution's grade scale",
                    "SCSC.csv:8: AGArea: 'H' is not an a-g area (A to G, or N or empty for none)",
                    "SCSC.csv:9: Honors: 'X' is not a yes/no flag (Y or N)",
                    "SCSC.csv:9: SequenceLevel: '12' is not a whole number of at most 1 digits",
                    "SCSC.csv:9: CourseCategory: 'ELECTIVE' is not one of ACADEMIC, PHYSICAL_EDUCATION, ROTC,"
                            + " REMEDIAL, NON_ACADEMIC",
                    "SCSC.csv:9: CourseSegment: '3' is not 0, 1 or 2",
                    "SCSC.csv:10: CollegeID: '12345' is not a 6-digit IPEDS unit id",
                    "SCSC.csv:11: CollegeUnits: required, but empty",
                    "SCSC.csv:12: SSID: no valid student row for this student in this import,"
                            + " and the student is not in the store",
                    "SCSC.csv:13: LocalCourseID: conflicts with SCSC.csv:2: same natural key, different values",
                    "SCSC.csv:14: LocalCourseID: required, but empty",
                    "SCSC.csv:14: CourseName: required, but empty",
                    "SCSC.csv:15: StateCourseCode: required, but empty",
                    "GPA.csv:2: GPA: '5.5' is above 5.0",
                    "GPA.csv:3: GpaType: 'MAGIC' is not one of CUMULATIVE_UNWEIGHTED, CUMULATIVE_WEIGHTED, UC, CSU,"
                            + " CAL_GRANT, COLLEGE_CUMULATIVE, COLLEGE_TRANSFERABLE",
                    "GPA.csv:4: AsOfDate: required, but empty",
                    "FAID.csv:2: AwardYear: '2026-28' is not an award year like 2026-27",
                    "FAID.csv:3: ApplicationStatus: 'LOST' is not one of NOT_STARTED, STARTED, SUBMITTED, PROCESSED,"
                            + " ACTION_REQUIRED, OPTED_OUT",
                    "CAPP.csv:2: System: 'IVY' is not one of UC, CSU, CCC, PRIVATE_CA, OUT_OF_STATE",
                    "CAPP.csv:3: EntryTerm: 'AUTUMN' is not one of FALL, WINTER, SPRING, SUMMER, FULL_YEAR",
                    "AWRD.csv:2: InstitutionID: '12345' is not a 14-digit CDS code or a 6-digit IPEDS id",
                    "BDGE.csv:2: ExpiresDate: '2025-01-01' is before the issue date '2025-10-04'",
                    "BDGE.csv:2: EvidenceURLs: 'http://example.org/e' is not an https URL",
                    "notes.txt:1: -: not a CALPADS-style file (the name must start with SINF, SPRG, SENR, SCSC, GPA,"
                            + " FAID, CAPP, AWRD or BDGE); not read");
            assertThat(summary.rowsRead()).isEqualTo(7 + 2 + 2 + 12 + 1 + 14 + 3 + 2 + 2 + 1 + 1);
            assertThat(summary.rowsLoaded()).isEqualTo(5);
            assertThat(summary.rowsRejected()).isEqualTo(summary.rowsRead() - 5);
        }

        @Test
        void still_loads_the_good_rows() {
            run(store, ImportFormat.CALPADS, resource("calpads/bad"), DISTRICT, work);

            assertThat(records(store).keySet()).containsExactly("S2000000017", "S2000000074");
            StudentRecord ana = bySsid(store, "2000000017");
            assertThat(ana.getStudent().getLegalName().getLast()).isEqualTo("Lopez");
            assertThat(ana.getEnrollmentsList()).singleElement()
                    .satisfies(e -> assertThat(e.getGradeLevel()).isEqualTo(11));
            assertThat(ana.getCoursesList()).singleElement()
                    .satisfies(c -> assertThat(c.getLetterGrade()).isEqualTo("B"));
        }
    }

    @Nested
    class edge_cases {

        @Test
        void a_student_the_store_refuses_is_rejected_with_its_rows_and_the_rest_of_its_batch_loads() throws Exception {
            Path first = work.resolve("first");
            java.nio.file.Files.createDirectories(first);
            java.nio.file.Files.writeString(first.resolve("SINF.csv"), String.join("\n",
                    "SSID,LocalStudentID,StudentLegalFirstName,StudentLegalLastName,StudentBirthDate",
                    "1111111110,A1,Ann,One,2009-01-01",
                    "2222222220,B2,Bob,Two,2009-02-02", ""));
            run(store, ImportFormat.CALPADS, first, DISTRICT, work.resolve("w1"));
            Path second = work.resolve("second");
            java.nio.file.Files.createDirectories(second);
            java.nio.file.Files.writeString(second.resolve("SINF.csv"), String.join("\n",
                    "SSID,LocalStudentID,StudentLegalFirstName,StudentLegalLastName,StudentBirthDate",
                    "1111111110,B2,Ann,One,2009-01-01",
                    "3333333330,C3,Cy,Three,2009-03-03", ""));

            ImportSummary summary = run(store, ImportFormat.CALPADS, second, DISTRICT, work.resolve("w2"));

            assertThat(rejections(work.resolve("w2/report.txt"))).singleElement().asString()
                    .startsWith("SINF.csv:2: SSID: the store refused this student (student record for student ")
                    .endsWith("; refusing to merge two students); none of its 1 rows were loaded");
            assertThat(summary.rowsRejected()).isEqualTo(1);
            assertThat(summary.rowsLoaded()).isEqualTo(1);
            assertThat(store.studentCount()).isEqualTo(3);
            assertThat(bySsid(store, "1111111110").getStudent().getLocalIdsList()).extracting(id -> id.getValue())
                    .containsExactly("A1");
        }

        @Test
        void an_empty_file_and_an_oversized_number_are_reported() throws Exception {
            Path dir = work.resolve("in");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.writeString(dir.resolve("SPRG.csv"), "");
            java.nio.file.Files.writeString(dir.resolve("SINF.csv"), String.join("\n",
                    "SSID,LocalStudentID,StudentLegalFirstName,StudentLegalLastName,StudentBirthDate",
                    "1111111110,A1,Ann,One,2009-01-01", ""));
            java.nio.file.Files.writeString(dir.resolve("SCSC.csv"), String.join("\n",
                    "AcademicYearID,SchoolOfAttendance,SSID,LocalCourseID,StateCourseCode,CourseName,AcademicTermCode,"
                            + "GradeLevelCode,CreditsAttempted,CreditsEarned,Grade",
                    "2025-2026,19765431930001,1111111110,EN1,2101,English,S1,09,99999999,5,A", ""));

            run(store, ImportFormat.CALPADS, dir, DISTRICT, work.resolve("w"));

            assertThat(rejections(work.resolve("w/report.txt"))).containsExactly(
                    "SPRG.csv:1: -: the file is empty (no header row)",
                    "SCSC.csv:2: CreditsAttempted: '99999999' is too large");
        }
    }

    private static final String SINF_HEADER =
            "SSID,LocalStudentID,StudentLegalFirstName,StudentLegalLastName,StudentBirthDate";
    private static final String SCSC_HEADER = "AcademicYearID,SchoolOfAttendance,SSID,LocalCourseID,StateCourseCode,"
            + "CourseName,AcademicTermCode,GradeLevelCode,CreditsAttempted,CreditsEarned,Grade";

    static Map<String, StudentRecord> withoutUpdatedAt(Map<String, StudentRecord> records) {
        Map<String, StudentRecord> out = new java.util.TreeMap<>();
        records.forEach((k, r) -> out.put(k, r.toBuilder().clearUpdatedAt().build()));
        return out;
    }

    static Map<String, CourseRecord> coursesById(StudentRecord r) {
        Map<String, CourseRecord> map = new java.util.TreeMap<>();
        r.getCoursesList().forEach(c -> map.put(c.getRecordId(), c));
        return map;
    }
}
