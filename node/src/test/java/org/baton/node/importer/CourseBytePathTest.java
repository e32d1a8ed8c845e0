package org.baton.node.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.baton.node.importer.ImportFixtures.DISTRICT;
import static org.baton.node.importer.ImportFixtures.openStore;
import static org.baton.node.importer.ImportFixtures.records;
import static org.baton.node.importer.ImportFixtures.rejections;
import static org.baton.node.importer.ImportFixtures.resource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.baton.node.store.RecordStore;
import org.baton.node.synth.SynthOptions;
import org.baton.node.synth.SynthSummary;
import org.baton.node.synth.SyntheticData;
import org.baton.proto.v1.StudentRecord;
import org.baton.trust.InstitutionId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Course rows in the common forms are validated and encoded from their bytes; every other row goes through the
 * string path. Both must give the same records and the same rejection lines.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CourseBytePathTest {

    @TempDir
    Path tmp;

    @Nested
    class course_rows_read_from_bytes {

        @Test
        void give_the_same_records_and_rejections_as_the_string_path() {
            Result strings = importWith(false, resource("calpads/course-forms"), DISTRICT, "strings", CalpadsReader.PARALLEL_BYTES, 1 << 20);
            Result bytes = importWith(true, resource("calpads/course-forms"), DISTRICT, "bytes", CalpadsReader.PARALLEL_BYTES, 1 << 20);

            assertThat(bytes.rejections()).isEqualTo(strings.rejections());
            assertThat(bytes.records()).isEqualTo(strings.records());
            assertThat(bytes.summary().rowsLoaded()).isEqualTo(strings.summary().rowsLoaded());
            assertThat(bytes.summary().courseRowsRead()).isEqualTo(strings.summary().courseRowsRead()).isEqualTo(22);
            assertThat(bytes.fromBytes()).isEqualTo(6);
            assertThat(strings.fromBytes()).isZero();
        }

        @Test
        void leave_bad_rows_to_the_string_path_and_its_messages() {
            Result bytes = importWith(true, resource("calpads/course-forms"), DISTRICT, "bytes", CalpadsReader.PARALLEL_BYTES, 1 << 20);

            assertThat(bytes.rejections()).contains(
                    "SCSC.csv:13: SSID: an SSID is exactly 10 digits (got 9 characters)",
                    "SCSC.csv:14: SchoolOfAttendance: school '30737376087608' is not in the importing district (CDS 19-76543)",
                    "SCSC.csv:15: AcademicYearID: '2025-2027' is not an academic year like 2024-2025",
                    "SCSC.csv:16: AcademicTermCode: 'X9' is not a known term code (FY, S1, S2, Q1-Q4, T1-T3, SU, IS)",
                    "SCSC.csv:17: GradeLevelCode: '06' is not a grade level from 07 to 12 (Baton holds grades 7-12)",
                    "SCSC.csv:18: CreditsAttempted: '-5' is negative; it must be 0 or more",
                    "SCSC.csv:18: CreditsEarned: 'five' is not a number",
                    "SCSC.csv:19: CreditsEarned: '5.125' has more than 2 decimal places",
                    "SCSC.csv:19: Grade: 'E' is not on the institution's grade scale",
                    "SCSC.csv:19: CompletionDate: '2025-02-30' is not a real date",
                    "SCSC.csv:19: CourseSegment: '3' is not 0, 1 or 2",
                    "SCSC.csv:20: LocalCourseID: required, but empty",
                    "SCSC.csv:20: CourseName: required, but empty",
                    "SCSC.csv:22: SSID: an SSID is exactly 10 digits (got 3 characters)",
                    "SCSC.csv:23: CollegeID: '12345' is not a 6-digit IPEDS unit id");
        }

        @Test
        void take_every_row_of_a_synthetic_district_and_store_what_the_string_path_stores() {
            SynthSummary synth = SyntheticData.generate(SynthOptions.of(200, 7, tmp.resolve("synth"))
                    .withErrorRate(0.1).withCollegeTranscripts(false));
            InstitutionId district = InstitutionId.of(synth.districtIds().get(0));
            Path dir = synth.districtDirs().get(0);

            Result strings = importWith(false, dir, district, "strings", 0, 4096);
            Result bytes = importWith(true, dir, district, "bytes", 0, 4096);

            assertThat(bytes.records()).hasSize(strings.records().size()).isEqualTo(strings.records());
            assertThat(bytes.rejections()).isEqualTo(strings.rejections());
            assertThat(bytes.fromBytes()).isGreaterThan(synth.courseRows() * 9 / 10);
        }
    }

    private record Result(ImportSummary summary, List<String> rejections, Map<String, StudentRecord> records,
            long fromBytes) {
    }

    private Result importWith(boolean courseBytes, Path input, InstitutionId institution, String name,
            long parallelBytes, int blockBytes) {
        Path work = tmp.resolve(name);
        CalpadsReader reader = new CalpadsReader(parallelBytes, blockBytes, courseBytes);
        try (RecordStore store = openStore(work)) {
            ImportRequest request = ImportRequest.of(ImportFormat.CALPADS, input, institution)
                    .withReport(work.resolve("report.txt")).withWorkDir(work.resolve("work"));
            ImportSummary summary = new PartitionedImporter(store, ImportListener.NONE, f -> reader).run(request);
            Map<String, StudentRecord> withoutTimes = new TreeMap<>();
            records(store).forEach((k, v) -> withoutTimes.put(k, v.toBuilder().clearUpdatedAt().build()));
            return new Result(summary, rejections(work.resolve("report.txt")), withoutTimes,
                    reader.courseRowsFromBytes());
        }
    }
}
