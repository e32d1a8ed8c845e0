package org.baton.node.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.baton.node.importer.ImportFixtures.DISTRICT;
import static org.baton.node.importer.ImportFixtures.bySsid;
import static org.baton.node.importer.ImportFixtures.openStore;
import static org.baton.node.importer.ImportFixtures.records;
import static org.baton.node.importer.ImportFixtures.rejections;
import static org.baton.node.importer.ImportFixtures.resource;
import static org.baton.node.importer.ImportFixtures.run;
import static org.baton.node.importer.ImportFixtures.standard;

import java.nio.file.Path;
import java.util.Map;
import org.baton.node.store.RecordStore;
import org.baton.node.student.LocalStudentId;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.StudentRecord;
import org.baton.proto.v1.TermType;
import org.baton.trust.InstitutionId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OneRosterImportTest {

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
    class a_good_export {

        @Test
        void loads_students_rosters_and_final_grades() {
            ImportSummary summary = run(store, ImportFormat.ONEROSTER, resource("oneroster/good"), DISTRICT, work);

            assertThat(rejections(work.resolve("report.txt"))).isEmpty();
            assertThat(summary.rowsRead()).isEqualTo(24);
            assertThat(summary.rowsSkipped()).isEqualTo(4);
            assertThat(summary.rowsLoaded()).isEqualTo(20);
            assertThat(store.studentCount()).isEqualTo(2);

            StudentRecord sam = bySsid(store, "3000000016");
            assertThat(sam.getStudent().getLegalName().getFirst()).isEqualTo("Sam");
            assertThat(sam.getStudent().getBirthDate()).isEqualTo("2009-04-02");
            assertThat(sam.getStudent().getDemographics().getGender()).isEqualTo("M");
            assertThat(sam.getStudent().getDemographics().getHispanic()).isEqualTo("Y");
            assertThat(sam.getStudent().getDemographics().getRaceCodesList()).containsExactly("700");
            assertThat(sam.getStudent().getGradeLevel()).isEqualTo(11);
            assertThat(sam.getEnrollmentsList()).singleElement().satisfies(e -> {
                assertThat(e.getSchoolCode()).isEqualTo("19765431930001");
                assertThat(e.getEntryDate()).isEqualTo("2025-08-14");
                assertThat(e.getAcademicYear()).isEqualTo(2025);
            });
            Map<String, CourseRecord> courses = CalpadsImportTest.coursesById(sam);
            CourseRecord algebra = courses.get("oneroster|cls-alg2-1");
            assertThat(algebra.getLetterGrade()).isEqualTo("B");
            assertThat(algebra.getStateCourseCode()).isEqualTo("2404");
            assertThat(algebra.getTitle()).isEqualTo("Algebra II");
            assertThat(algebra.getTerm().getType()).isEqualTo(TermType.FALL);
            assertThat(algebra.getTerm().getAcademicYear()).isEqualTo(2025);
            assertThat(algebra.getCompletionDate()).isEqualTo("2025-12-19");
            assertThat(courses.get("oneroster|cls-eng11-2").getLetterGrade()).isEqualTo("IP");

            StudentRecord kim = store.findByLocalId(LocalStudentId.of(DISTRICT.value(), "usr-s2")).orElseThrow()
                    .record();
            assertThat(kim.getStudent().getSsid()).isEmpty();
            assertThat(kim.getCoursesList()).extracting(CourseRecord::getLetterGrade).containsExactly("IP");
        }

        @Test
        void changes_nothing_when_imported_again() {
            run(store, ImportFormat.ONEROSTER, resource("oneroster/good"), DISTRICT, work);
            Map<String, StudentRecord> before = records(store);

            ImportSummary again = run(store, ImportFormat.ONEROSTER, resource("oneroster/good"), DISTRICT, work);

            assertThat(again.studentsWritten()).isZero();
            assertThat(records(store)).isEqualTo(before);
        }
    }

    @Nested
    class a_bad_export {

        @Test
        void reports_every_bad_row_and_loads_the_rest() {
            ImportSummary summary = run(store, ImportFormat.ONEROSTER, resource("oneroster/bad"), DISTRICT, work);

            assertThat(rejections(work.resolve("report.txt"))).containsExactly(
                    "orgs.csv:4: type: 'galaxy' is not a OneRoster org type",
                    "academicSessions.csv:4: endDate: '2025-08-14' is before the start date '2025-12-19'",
                    "academicSessions.csv:5: type: 'season' is not a OneRoster session type (schoolYear, semester,"
                            + " term, gradingPeriod)",
                    "academicSessions.csv:5: schoolYear: 'twenty' is not a whole number of at most 4 digits",
                    "classes.csv:3: termSourcedIds: 'as-unknown' is not a known academic session (term) in"
                            + " academicSessions.csv",
                    "classes.csv:4: schoolSourcedId: org 'org-nocds' has no 14-digit CDS code as its identifier",
                    "classes.csv:5: schoolSourcedId: school '01611111930001' is not in the importing district"
                            + " (CDS 19-76543)",
                    "classes.csv:6: schoolSourcedId: 'org-missing' is not an org in orgs.csv",
                    "users.csv:4: userIds: an SSID is exactly 10 digits (got 3 characters)",
                    "users.csv:5: givenName: required, but empty",
                    "users.csv:6: grades: '05' is not a grade level from 07 to 12 (Baton holds grades 7-12)",
                    "enrollments.csv:3: classSourcedId: 'cls-noterm' is not a valid class in classes.csv",
                    "enrollments.csv:4: userSourcedId: 'usr-t1' is not a valid student in users.csv",
                    "enrollments.csv:5: endDate: '2025-08-14' is before the begin date '2025-12-19'",
                    "enrollments.csv:6: userSourcedId: 'usr-nobody' is not a valid student in users.csv",
                    "lineItems.csv:3: resultValueMax: must be above resultValueMin",
                    "results.csv:2: score: '140' is outside the line item's range 0.0 to 100.0",
                    "results.csv:3: studentSourcedId: 'usr-nobody' is not a valid student in users.csv");
            assertThat(summary.rowsRead()).isEqualTo(33);
            assertThat(summary.rowsRejected()).isEqualTo(17);
            assertThat(summary.rowsSkipped()).isEqualTo(3);
            assertThat(summary.rowsLoaded()).isEqualTo(13);
            assertThat(store.studentCount()).isEqualTo(1);
            assertThat(bySsid(store, "3000000024").getCoursesList()).extracting(CourseRecord::getRecordId)
                    .containsExactly("oneroster|cls-ok");
        }

        @Test
        void reads_a_vendor_export_without_CDS_codes_and_rejects_its_rosters_with_the_reason() {
            Path catalyst = standard("oneroster/v1p1/catalyst_Test_full_data_set");

            ImportSummary summary = run(store, ImportFormat.ONEROSTER, catalyst, InstitutionId.of("19765430000000"),
                    work);

            assertThat(rejections(work.resolve("report.txt"))).contains(
                    "classes.csv:2: schoolSourcedId: org 'org-sch-222-456' has no 14-digit CDS code as its identifier",
                    "enrollments.csv:3: classSourcedId: 'cls-222-123456' is not a valid class in classes.csv");
            // The students themselves load: OneRoster users need no CDS code.
            assertThat(store.studentCount()).isEqualTo(3);
            assertThat(summary.rowsRead())
                    .isEqualTo(summary.rowsLoaded() + summary.rowsRejected() + summary.rowsSkipped());
        }
    }
}
