package org.baton.node.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.baton.node.importer.ImportFixtures.DISTRICT;
import static org.baton.node.importer.ImportFixtures.bySsid;
import static org.baton.node.importer.ImportFixtures.openStore;
import static org.baton.node.importer.ImportFixtures.records;
import static org.baton.node.importer.ImportFixtures.relative;
import static org.baton.node.importer.ImportFixtures.rejections;
import static org.baton.node.importer.ImportFixtures.resource;
import static org.baton.node.importer.ImportFixtures.run;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.baton.node.export.BatonJsonLines;
import org.baton.node.store.RecordStore;
import org.baton.node.student.LocalStudentId;
import org.baton.proto.v1.EligibilityProgram;
import org.baton.proto.v1.StudentRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BatonJsonImportTest {

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
    class a_good_file {

        @Test
        void loads_records_written_with_proto_or_json_field_names() {
            ImportSummary summary = run(store, ImportFormat.JSON, resource("json/good.jsonl"), DISTRICT, work);

            assertThat(rejections(work.resolve("report.txt"))).isEmpty();
            assertThat(summary.rowsRead()).isEqualTo(9);
            assertThat(summary.rowsLoaded()).isEqualTo(9);
            StudentRecord lena = bySsid(store, "5000000011");
            assertThat(lena.getCoursesList()).singleElement()
                    .satisfies(c -> assertThat(c.getLetterGrade()).isEqualTo("B+"));
            assertThat(lena.getStudent().getEligibility(0).getProgram()).isEqualTo(EligibilityProgram.CALFRESH);
            assertThat(lena.getStudent().getInstitutionId()).isEqualTo(DISTRICT.value());
            StudentRecord omar = store.findByLocalId(LocalStudentId.of("123456", "ABC1234")).orElseThrow().record();
            assertThat(omar.getLearningArtifacts(0).getTitle()).isEqualTo("Welding I");
            assertThat(omar.getPrograms(0).getCatalogYear()).isEqualTo(2025);
        }

        @Test
        void round_trips_through_the_export_format() throws Exception {
            run(store, ImportFormat.JSON, resource("json/good.jsonl"), DISTRICT, work);
            Map<String, StudentRecord> before = records(store);
            StringWriter exported = new StringWriter();
            BatonJsonLines.write(before.values().stream(), exported);
            Path file = work.resolve("export.jsonl");
            Files.writeString(file, exported.toString());

            // The directory of the export, as a user types it: relative to the working directory.
            ImportSummary again = run(store, ImportFormat.JSON, relative(file.getParent()), DISTRICT, work);

            assertThat(again.studentsWritten()).isZero();
            assertThat(again.studentsUnchanged()).isEqualTo(2);
            assertThat(records(store)).isEqualTo(before);
        }
    }

    @Nested
    class a_bad_file {

        @Test
        void refuses_a_record_that_carries_a_computed_ag_status() throws Exception {
            Path file = work.resolve("status.jsonl");
            Files.writeString(file, "{\"student\":{\"ssid\":\"5000000099\",\"legal_name\":{\"first\":\"Ana\","
                    + "\"last\":\"Ruiz\"},\"birth_date\":\"2009-01-02\",\"grade_level\":11,\"cohort_year\":2027},"
                    + "\"ag_status\":[{\"system\":\"SYSTEM_UC\",\"status\":\"AG_MET\"}]}\n");

            ImportSummary summary = run(store, ImportFormat.JSON, file, DISTRICT, work);

            assertThat(rejections(work.resolve("report.txt"))).singleElement().asString()
                    .startsWith("status.jsonl:1: ag_status: is the a-g status a sending node computes for a package");
            assertThat(summary.rowsLoaded()).isZero();
            assertThat(records(store)).isEmpty();
        }

        @Test
        void rejects_each_bad_entry_and_loads_the_rest_of_its_record() {
            ImportSummary summary = run(store, ImportFormat.JSON, resource("json/bad.jsonl"), DISTRICT, work);

            List<String> report = rejections(work.resolve("report.txt"));
            assertThat(report.subList(0, 15)).containsExactly(
                    "bad.jsonl:1: courses[1].record_id: required, but empty",
                    "bad.jsonl:1: courses[1].school_code: '123' is not a 14-digit CDS code or a 6-digit IPEDS id",
                    "bad.jsonl:1: courses[1].local_course_id: required, but empty",
                    "bad.jsonl:1: courses[1].state_course_code: '12' is not a 4-digit state course code",
                    "bad.jsonl:1: courses[1].title: required, but empty",
                    "bad.jsonl:1: courses[1].term.academic_year: '1800' is not an academic year",
                    "bad.jsonl:1: courses[1].term.type: required (FALL, WINTER, SPRING, SUMMER or FULL_YEAR)",
                    "bad.jsonl:1: courses[1].completion_date: '2025-02-30' is not a real date",
                    "bad.jsonl:1: courses[1].grade_level: '5' is not a grade level from 7 to 12 (13 for college)",
                    "bad.jsonl:1: courses[1].credits_attempted: '-100' is negative; it must be 0 or more",
                    "bad.jsonl:1: courses[1].letter_grade: 'Z' is not on the institution's grade scale",
                    "bad.jsonl:1: courses[1].segment: '3' is not 0, 1 or 2",
                    "bad.jsonl:1: courses[1].college.institution_id: '12' is not a 6-digit IPEDS unit id",
                    "bad.jsonl:1: courses[1].college.units: '-1' is negative; it must be 0 or more",
                    report.get(14));
            assertThat(report.get(14)).startsWith("bad.jsonl:2: -: not a StudentRecord in the protobuf JSON mapping: ");
            assertThat(report.get(15)).startsWith("bad.jsonl:3: -: not a StudentRecord in the protobuf JSON mapping: ")
                    .contains("hobbies");
            assertThat(report.subList(16, report.size())).containsExactly(
                    "bad.jsonl:4: student.ssid: an SSID is exactly 10 digits (got 3 characters)",
                    "bad.jsonl:4: student.legal_name.first: required, but empty",
                    "bad.jsonl:4: student.birth_date: the value is not a real date",
                    "bad.jsonl:4: student.demographics.gender: not a CALPADS gender code (M, F or X)",
                    "bad.jsonl:4: student.demographics.hispanic: must be Y, N or empty",
                    "bad.jsonl:4: student.demographics.race_codes: not a CALPADS race code",
                    "bad.jsonl:4: student.demographics.english_status: 'XX' is not one of EO, IFEP, EL, RFEP, TBD",
                    "bad.jsonl:4: student.grade_level: '3' is not a grade level from 7 to 12 (13 for college)",
                    "bad.jsonl:4: student.cohort_year: '99' is not a year",
                    "bad.jsonl:4: student: the record names no student (no valid SSID or local id)",
                    "bad.jsonl:5: student.eligibility[0].program: required, but empty",
                    "bad.jsonl:5: student.eligibility[0].valid_until: '2025-08-01' is before verified_on '2025-09-01'",
                    "bad.jsonl:5: enrollments[0].exit_date: '2025-08-01' is before entry_date '2025-08-14'",
                    "bad.jsonl:5: reported_gpas[0].kind: required, but empty",
                    "bad.jsonl:5: reported_gpas[0].value: '6000' is not between 0 and 5000 thousandths",
                    "bad.jsonl:5: reported_gpas[0].as_of: required, but empty",
                    "bad.jsonl:5: college_applications[0].system: required, but empty",
                    "bad.jsonl:5: college_applications[0].campus: required, but empty",
                    "bad.jsonl:5: college_applications[0].status: required, but empty",
                    "bad.jsonl:5: college_applications[0].status_date: 'x' is not a date (expected YYYY-MM-DD,"
                            + " YYYYMMDD or MM/DD/YYYY)",
                    "bad.jsonl:5: financial_aid[0].award_year: '27-28' is not an award year like 2026-27",
                    "bad.jsonl:5: awards[0].institution_id: '12' is not a 14-digit CDS code or a 6-digit IPEDS id",
                    "bad.jsonl:5: learning_artifacts[0].expires_on: '2025-01-01' is before issued_on '2025-10-01'",
                    "bad.jsonl:5: learning_artifacts[0].evidence_urls: 'ftp://x' is not an https URL",
                    "bad.jsonl:5: programs[0].program_code: required, but empty",
                    "bad.jsonl:5: programs[0].catalog_year: '20' is not a year",
                    "bad.jsonl:6: student: needs an SSID or a local id",
                    "bad.jsonl:6: student: the record names no student (no valid SSID or local id)");
            assertThat(summary.rowsRead()).isEqualTo(18);
            assertThat(summary.rowsLoaded()).isEqualTo(3);
            assertThat(summary.rowsRejected()).isEqualTo(15);
            assertThat(store.studentCount()).isEqualTo(2);
            assertThat(bySsid(store, "5000000029").getCoursesList()).singleElement()
                    .satisfies(c -> assertThat(c.getRecordId()).isEqualTo("r1"));
        }
    }
}
