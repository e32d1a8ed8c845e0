package org.baton.node.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.baton.proto.v1.AgArea;
import org.baton.proto.v1.CollegeCourse;
import org.baton.proto.v1.CourseCategory;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.Term;
import org.baton.proto.v1.TermCalendar;
import org.baton.proto.v1.TermType;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CourseWireTest {

    static final Term FALL = Term.newBuilder().setAcademicYear(2024).setType(TermType.FALL).setCode("S1")
            .setCalendar(TermCalendar.SEMESTER).build();

    @Nested
    class write {

        @Test
        void gives_the_bytes_protobuf_gives_for_a_full_course() {
            CollegeCourse college = CollegeCourse.newBuilder().setInstitutionId("123456").setUnits(400)
                    .setUnitSystem(TermCalendar.SEMESTER).setUcTransferable(true).setCsuTransferable(true)
                    .setDualEnrollment(true).build();
            CourseRecord expected = CourseRecord.newBuilder().setRecordId("19765431930001|MA1001|2024|S1|01")
                    .setInstitutionId("19765430000000").setSchoolCode("19765431930001").setLocalCourseId("MA1001")
                    .setStateCourseCode("2403").setTitle("Álgebra I, sección bilingüe").setTerm(FALL)
                    .setCompletionDate("2024-12-18").setGradeLevel(9).setCreditsAttempted(500).setCreditsEarned(500)
                    .setLetterGrade("B+").setAgArea(AgArea.AG_C_MATH).setHonors(true).setDiscipline("ALGEBRA")
                    .setSequenceLevel(1).setCategory(CourseCategory.ACADEMIC).setCollege(college).setSegment(1).build();
            CourseWire w = new CourseWire();

            w.write("19765431930001|MA1001|2024|S1|01", "19765430000000", "19765431930001", "MA1001", "2403",
                    "Álgebra I, sección bilingüe", FALL, "2024-12-18", 9, 500, 500, "B+", AgArea.AG_C_MATH_VALUE, true,
                    "ALGEBRA", 1, CourseCategory.ACADEMIC_VALUE, college, 1);

            assertThat(Arrays.copyOf(w.bytes(), w.length())).isEqualTo(expected.toByteArray());
            assertThat(CourseWire.recordId(w.bytes(), 0, w.length())).isEqualTo("19765431930001|MA1001|2024|S1|01");
        }

        @Test
        void leaves_out_default_values_as_protobuf_does() {
            CourseRecord expected = CourseRecord.newBuilder().setRecordId("x|PE|2024|S1|").setSchoolCode("1")
                    .setLocalCourseId("PE").setTitle("PE").setTerm(FALL).setLetterGrade("P").build();
            CourseWire w = new CourseWire();

            w.write("x|PE|2024|S1|", "", "1", "PE", "", "PE", FALL, "", 0, 0, 0, "P", 0, false, "", 0, 0, null, 0);

            assertThat(Arrays.copyOf(w.bytes(), w.length())).isEqualTo(expected.toByteArray());
        }

        @Test
        void grows_its_buffer_for_a_long_title() {
            String title = "T".repeat(5000);
            CourseRecord expected = CourseRecord.newBuilder().setRecordId("r").setTitle(title).setTerm(FALL).build();
            CourseWire w = new CourseWire();

            w.write("r", "", "", "", "", title, FALL, "", 0, 0, 0, "", 0, false, "", 0, 0, null, 0);

            assertThat(Arrays.copyOf(w.bytes(), w.length())).isEqualTo(expected.toByteArray());
        }

        @Test
        void refuses_a_term_code_the_checks_do_not_accept() {
            assertThatThrownBy(() -> CourseWire.termIndex("Z9"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not a known term code: Z9");
        }
    }
}
