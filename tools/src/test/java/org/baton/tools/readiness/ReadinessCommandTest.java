package org.baton.tools.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.JsonFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.baton.proto.v1.AgArea;
import org.baton.proto.v1.CourseCategory;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.Residency;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.baton.proto.v1.Term;
import org.baton.proto.v1.TermType;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReadinessCommandTest {

    static final Clock OCTOBER_2025 = Clock.fixed(Instant.parse("2025-10-15T17:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cli = new CommandLine(new ReadinessCommand(OCTOBER_2025));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    /** A senior of cohort 2026: English 10 A, A and Geometry B, C in 10th grade, PE in 10th grade. */
    static StudentRecord senior() {
        return StudentRecord.newBuilder()
                .setStudent(Student.newBuilder().setInstitutionId("19647330000000").setCohortYear(2026).setGradeLevel(12)
                        .setResidency(Residency.CALIFORNIA_RESIDENT))
                .addCourses(course("ENG10|1", "ENG10", "English 10", AgArea.AG_B_ENGLISH, TermType.FALL, 1, "A"))
                .addCourses(course("ENG10|2", "ENG10", "English 10", AgArea.AG_B_ENGLISH, TermType.SPRING, 2, "A"))
                .addCourses(course("GEOM|1", "GEOM", "Geometry", AgArea.AG_C_MATH, TermType.FALL, 1, "B").toBuilder()
                        .setSequenceLevel(2).build())
                .addCourses(course("GEOM|2", "GEOM", "Geometry", AgArea.AG_C_MATH, TermType.SPRING, 2, "C").toBuilder()
                        .setSequenceLevel(2).build())
                .addCourses(course("PE10|1", "PE10", "Physical Education", AgArea.AG_NONE, TermType.FALL, 1, "A")
                        .toBuilder().setCategory(CourseCategory.PHYSICAL_EDUCATION).build())
                .build();
    }

    static CourseRecord course(String id, String local, String title, AgArea area, TermType type, int segment,
            String grade) {
        return CourseRecord.newBuilder().setRecordId(id).setInstitutionId("19647330000000")
                .setSchoolCode("19647331930106").setLocalCourseId(local).setTitle(title)
                .setTerm(Term.newBuilder().setAcademicYear(2023).setType(type)).setGradeLevel(10).setLetterGrade(grade)
                .setAgArea(area).setSegment(segment).setCategory(CourseCategory.ACADEMIC).build();
    }

    Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Nested
    class Json_output {

        @Test
        void prints_every_area_every_gpa_and_the_trail_for_a_record_written_by_export() throws Exception {
            Path file = write("student.json", JsonFormat.printer().print(senior()));

            int code = run("--transcript", file.toString(), "--as-of", "2025-10-15");

            assertThat(code).isZero();
            JsonNode report = new ObjectMapper().readTree(out.toString());
            assertThat(report.path("asOf").asText()).isEqualTo("2025-10-15");
            assertThat(report.path("uc").path("areas").path("b").path("semestersCompleted").asInt()).isEqualTo(2);
            assertThat(report.path("uc").path("areas").path("c").path("status").asText()).isEqualTo("MISSING");
            // UC: A, A, B, C = 13 / 4 = 3.25; Cal Grant leaves PE (A) out: 3.25, not 3.40.
            assertThat(report.path("gpas").path("uc").path("unweighted").decimalValue()).isEqualByComparingTo("3.25");
            assertThat(report.path("gpas").path("calGrant").path("value").decimalValue()).isEqualByComparingTo("3.25");
            // GPAs are written with their two decimals.
            assertThat(out.toString()).contains("\"minimum\" : 3.00,");
            assertThat(report.path("trail").size()).isGreaterThan(10);
            assertThat(report.path("trail").get(0).path("message").asText()).isNotBlank();
            assertThat(err.toString()).isEmpty();
        }

        @Test
        void takes_an_array_of_records_from_several_institutions_and_dates_by_the_clock() throws Exception {
            StudentRecord college = StudentRecord.newBuilder().setStudent(Student.newBuilder().setInstitutionId("117274"))
                    .build();
            Path file = write("records.json", "[" + JsonFormat.printer().print(senior()) + ","
                    + JsonFormat.printer().print(college) + "]");

            assertThat(run("--transcript", file.toString())).isZero();

            JsonNode report = new ObjectMapper().readTree(out.toString());
            assertThat(report.path("asOf").asText()).isEqualTo("2025-10-15");
            assertThat(report.path("student").path("institutions")).hasSize(2);
        }

        @Test
        void applies_the_a_g_lists_given() throws Exception {
            Path file = write("student.json", JsonFormat.printer().print(senior()));
            Path lists = write("lists.json", "[{\"school\": \"19647331930106\", \"academicYear\": 2023, \"courses\": "
                    + "{\"ENG10\": {\"area\": \"b\", \"honors\": true}}}]");

            assertThat(run("--transcript", file.toString(), "--ag-lists", lists.toString())).isZero();

            JsonNode report = new ObjectMapper().readTree(out.toString());
            // Geometry is not on the 2023 list, so it is no a-g course; English 10 is honors.
            assertThat(report.path("uc").path("areas").path("c").path("semestersCompleted").asInt()).isZero();
            assertThat(report.path("gpas").path("uc").path("honorsEarned").asInt()).isEqualTo(2);
        }
    }

    @Nested
    class Text_output {

        @Test
        void prints_areas_gpas_and_the_explanation_for_people() throws Exception {
            Path file = write("student.json", JsonFormat.printer().print(senior()));

            assertThat(run("--transcript", file.toString(), "--text")).isZero();

            assertThat(out.toString())
                    .contains("UC a-g: MISSING")
                    .contains("b (English)")
                    .contains("UC: unweighted 3.25")
                    .contains("Cal Grant: 3.25")
                    .contains("Explanation")
                    .contains("[UC] English 10 (fall 2023, A): 1 semester(s) of area b.");
        }
    }

    @Nested
    class Errors {

        @Test
        void a_missing_file_is_named_with_exit_code_1() {
            Path missing = dir.resolve("nope.json");

            assertThat(run("--transcript", missing.toString())).isEqualTo(1);

            assertThat(err.toString().strip()).isEqualTo("baton readiness: cannot read " + missing + ": no such file");
        }

        @Test
        void a_file_that_is_not_a_student_record_is_refused() throws Exception {
            Path file = write("bad.json", "{\"student\": {\"cohortYear\": \"soon\"}}");

            assertThat(run("--transcript", file.toString())).isEqualTo(1);

            assertThat(err.toString()).startsWith("baton readiness: cannot read " + file
                    + ": the record is not a Baton StudentRecord: ");
        }

        @Test
        void a_bad_date_is_a_usage_error() throws Exception {
            Path file = write("student.json", JsonFormat.printer().print(senior()));

            assertThat(run("--transcript", file.toString(), "--as-of", "yesterday")).isEqualTo(2);

            assertThat(err.toString()).contains("Invalid value for option '--as-of': 'yesterday' is not a date YYYY-MM-DD");
        }

        @Test
        void an_unknown_csu_window_is_a_usage_error() throws Exception {
            Path file = write("student.json", JsonFormat.printer().print(senior()));

            assertThat(run("--transcript", file.toString(), "--csu-gpa-window", "senior-only")).isEqualTo(2);

            assertThat(err.toString()).contains("CSU GPA window 'senior-only' is not in the CSU rules");
        }

        @Test
        void a_bad_a_g_list_is_named() throws Exception {
            Path file = write("student.json", JsonFormat.printer().print(senior()));
            Path lists = write("lists.json", "[{\"school\": \"19647331930106\", \"academicYear\": 2023, \"courses\": "
                    + "{\"ENG10\": {\"area\": \"h\"}}}]");

            assertThat(run("--transcript", file.toString(), "--ag-lists", lists.toString())).isEqualTo(1);

            assertThat(err.toString().strip()).isEqualTo("baton readiness: cannot read " + lists
                    + ": list 0, course ENG10: area 'h' is not one of a-g");
        }
    }
}
