package org.baton.node.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.baton.node.readiness.rules.AgSubject;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AgListFilesTest {

    private static final String HEADER = "SchoolCode,AcademicYearID,LocalCourseID,StateCourseCode,CourseName,AGArea,"
            + "Honors\n";
    private static final String SCHOOL = "19647331930001";

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Nested
    class reading_a_directory {

        @Test
        void reads_every_csv_file_by_school_and_year_with_areas_and_honors() throws IOException {
            write(SCHOOL + "_2024-2025.csv", HEADER
                    + SCHOOL + ",2024-2025,ENG9,2100,\"English 9, College Prep\",b,N\n"
                    + SCHOOL + ",2024-2025,APBIO,2650,AP Biology,D,Y\n");
            write(SCHOOL + "_2025-2026.csv", HEADER + SCHOOL + ",2025-2026,ENG9,2100,English 9,b,N\n\n");
            write("notes.txt", "not a list");

            AgCourseLists lists = AgListFiles.readDirectory(dir);

            AgCourseList y2024 = lists.find(SCHOOL, 2024).orElseThrow();
            assertThat(y2024.find("ENG9")).contains(new AgCourseList.Listing(AgSubject.B, false));
            assertThat(y2024.find("APBIO")).contains(new AgCourseList.Listing(AgSubject.D, true));
            assertThat(lists.find(SCHOOL, 2025).orElseThrow().courses()).containsOnlyKeys("ENG9");
            assertThat(lists.find(SCHOOL, 2023)).isEmpty();
        }

        @Test
        void joins_a_school_year_spread_over_two_files_and_accepts_a_repeated_identical_row() throws IOException {
            write("a.csv", HEADER + SCHOOL + ",2024-2025,ENG9,2100,English 9,b,N\n");
            write("b.csv", HEADER + SCHOOL + ",2024-2025,ALG1,2403,Algebra I,c,N\n"
                    + SCHOOL + ",2024-2025,ENG9,2100,English 9,b,N\n");

            assertThat(AgListFiles.readDirectory(dir).find(SCHOOL, 2024).orElseThrow().courses())
                    .containsOnlyKeys("ENG9", "ALG1");
        }

        @Test
        void reads_an_empty_directory_as_no_lists() {
            assertThat(AgListFiles.readDirectory(dir).lists()).isEmpty();
        }
    }

    @Nested
    class refusing_a_bad_file {

        @Test
        void names_the_file_line_and_column_of_a_bad_area() throws IOException {
            Path file = write("x.csv", HEADER + SCHOOL + ",2024-2025,ENG9,2100,English 9,b,N\n"
                    + SCHOOL + ",2024-2025,PE1,9000,PE,h,N\n");

            assertThatThrownBy(() -> AgListFiles.readDirectory(dir))
                    .isInstanceOf(AgListException.class)
                    .hasMessage("a-g list " + file + ":3: AGArea: 'h' is not one of a, b, c, d, e, f, g")
                    .satisfies(e -> assertThat(((AgListException) e).line()).isEqualTo(3));
        }

        @Test
        void names_a_missing_column() throws IOException {
            Path file = write("x.csv", "SchoolCode,AcademicYearID,LocalCourseID,AGArea\n");

            assertThatThrownBy(() -> AgListFiles.readDirectory(dir))
                    .isInstanceOf(AgListException.class)
                    .hasMessage("a-g list " + file + ":1: column Honors is missing (the header needs SchoolCode, "
                            + "AcademicYearID, LocalCourseID, AGArea, Honors)");
        }

        @Test
        void refuses_a_bad_year_school_or_honors_flag() throws IOException {
            Path file = write("x.csv", HEADER + SCHOOL + ",2024-2026,ENG9,2100,English 9,b,N\n");
            assertThatThrownBy(() -> AgListFiles.readDirectory(dir)).isInstanceOf(AgListException.class)
                    .hasMessage("a-g list " + file + ":2: AcademicYearID: '2024-2026' is not an academic year like"
                            + " 2024-2025");

            Files.writeString(file, HEADER + "1964733,2024-2025,ENG9,2100,English 9,b,N\n");
            assertThatThrownBy(() -> AgListFiles.readDirectory(dir)).isInstanceOf(AgListException.class)
                    .hasMessage("a-g list " + file + ":2: SchoolCode: school code '1964733' is not a 14-digit CDS"
                            + " code or a 6-digit IPEDS id");

            Files.writeString(file, HEADER + SCHOOL + ",2024-2025,ENG9,2100,English 9,b,maybe\n");
            assertThatThrownBy(() -> AgListFiles.readDirectory(dir)).isInstanceOf(AgListException.class)
                    .hasMessage("a-g list " + file + ":2: Honors: 'maybe' is not Y or N");
        }

        @Test
        void refuses_a_course_listed_twice_with_another_area() throws IOException {
            write("a.csv", HEADER + SCHOOL + ",2024-2025,ENG9,2100,English 9,b,N\n");
            Path b = write("b.csv", HEADER + SCHOOL + ",2024-2025,ENG9,2100,English 9,g,N\n");

            assertThatThrownBy(() -> AgListFiles.readDirectory(dir))
                    .isInstanceOf(AgListException.class)
                    .hasMessage("a-g list " + b + ":2: LocalCourseID: course 'ENG9' is listed again for school "
                            + SCHOOL + " in 2024-2025 with another area or honors (first at a.csv:2)");
        }

        @Test
        void refuses_a_row_with_too_few_fields_or_an_open_quote() throws IOException {
            Path file = write("x.csv", HEADER + SCHOOL + ",2024-2025,ENG9\n");
            assertThatThrownBy(() -> AgListFiles.readDirectory(dir)).isInstanceOf(AgListException.class)
                    .hasMessage("a-g list " + file + ":2: the row has 3 fields, the header 7");

            Files.writeString(file, HEADER + SCHOOL + ",2024-2025,ENG9,2100,\"English 9,b,N\n");
            assertThatThrownBy(() -> AgListFiles.readDirectory(dir)).isInstanceOf(AgListException.class)
                    .hasMessage("a-g list " + file + ":2: a quoted field is not closed on its line");
        }
    }
}
