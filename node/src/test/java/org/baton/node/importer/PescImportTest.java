package org.baton.node.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.baton.node.importer.ImportFixtures.COLLEGE;
import static org.baton.node.importer.ImportFixtures.DISTRICT;
import static org.baton.node.importer.ImportFixtures.bySsid;
import static org.baton.node.importer.ImportFixtures.openStore;
import static org.baton.node.importer.ImportFixtures.records;
import static org.baton.node.importer.ImportFixtures.relative;
import static org.baton.node.importer.ImportFixtures.rejections;
import static org.baton.node.importer.ImportFixtures.resource;
import static org.baton.node.importer.ImportFixtures.run;
import static org.baton.node.importer.ImportFixtures.standard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.baton.node.store.RecordStore;
import org.baton.node.student.LocalStudentId;
import org.baton.node.synth.SynthOptions;
import org.baton.node.synth.SynthSummary;
import org.baton.node.synth.SyntheticData;
import org.baton.proto.v1.AwardKind;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.GpaKind;
import org.baton.proto.v1.StudentRecord;
import org.baton.proto.v1.TermCalendar;
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
class PescImportTest {

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
    class good_transcripts {

        @Test
        void the_synthetic_college_transcripts_load_whole() {
            SynthSummary synth = SyntheticData.generate(SynthOptions.of(800, 21, work.resolve("synth")));
            InstitutionId college = InstitutionId.of(synth.collegeId());

            // The directory as a user types it, relative to the working directory.
            ImportSummary summary = run(store, ImportFormat.PESC, relative(synth.collegeDir()), college, work);

            assertThat(rejections(work.resolve("report.txt"))).isEmpty();
            assertThat(store.studentCount()).isEqualTo(synth.collegeTranscripts());
            assertThat(summary.rowsLoaded()).isEqualTo(summary.rowsRead());
            StudentRecord any = records(store).values().iterator().next();
            assertThat(any.getStudent().getSsid()).matches("\\d{10}");
            assertThat(any.getReportedGpasList()).extracting(g -> g.getKind())
                    .containsExactly(GpaKind.GPA_COLLEGE_CUMULATIVE);
            CourseRecord course = any.getCourses(0);
            assertThat(course.getCollege().getInstitutionId()).isEqualTo(synth.collegeId());
            assertThat(course.getCollege().getDualEnrollment()).isTrue();
            assertThat(course.getCollege().getUnitSystem()).isEqualTo(TermCalendar.SEMESTER);
            assertThat(course.getTerm().getType()).isIn(TermType.FALL, TermType.SPRING);
        }

        @Test
        void the_PESC_sample_high_school_transcript_loads_with_numeric_grades_as_letters() {
            Path sample = standard("pesc/v1.4.0/examples/SampleHighSchoolTranscript.xml");

            ImportSummary summary = run(store, ImportFormat.PESC, sample, DISTRICT, work);

            assertThat(rejections(work.resolve("report.txt"))).isEmpty();
            StudentRecord john = store.findByLocalId(LocalStudentId.of(DISTRICT.value(), "5555555")).orElseThrow()
                    .record();
            // The Texas state id is not a California SSID.
            assertThat(john.getStudent().getSsid()).isEmpty();
            assertThat(john.getStudent().getBirthDate()).isEqualTo("1987-07-20");
            assertThat(john.getStudent().getDemographics().getHispanic()).isEqualTo("Y");
            assertThat(john.getStudent().getDemographics().getRaceCodesList()).containsExactly("700", "299");
            assertThat(john.getCoursesCount()).isEqualTo(51);
            CourseRecord algebra = john.getCoursesList().stream()
                    .filter(c -> c.getRecordId().equals("pesc|2001-06|013313H|1")).findFirst().orElseThrow();
            assertThat(algebra.getLetterGrade()).isEqualTo("A");
            assertThat(algebra.getGradeLevel()).isEqualTo(8);
            assertThat(algebra.getTerm().getType()).isEqualTo(TermType.SUMMER);
            assertThat(algebra.getTerm().getAcademicYear()).isEqualTo(2000);
            assertThat(john.getReportedGpasList()).singleElement().satisfies(g -> {
                assertThat(g.getKind()).isEqualTo(GpaKind.GPA_CUMULATIVE_WEIGHTED);
                assertThat(g.getValue()).isEqualTo(4058);
            });
            assertThat(john.getAwards(0).getKind()).isEqualTo(AwardKind.HIGH_SCHOOL_DIPLOMA);
            assertThat(summary.rowsLoaded()).isEqualTo(summary.rowsRead());
        }

        @Test
        void a_JAXB_generated_college_transcript_with_time_zoned_dates_loads() {
            Path sample = standard("pesc/v1.6.0/examples/college-transcript_v1.6.0_generated.xml");

            run(store, ImportFormat.PESC, sample, COLLEGE, work);

            assertThat(rejections(work.resolve("report.txt"))).isEmpty();
            StudentRecord john = store.findByLocalId(LocalStudentId.of(COLLEGE.value(), "0")).orElseThrow().record();
            assertThat(john.getStudent().getBirthDate()).isEqualTo("1995-01-01");
            // An award without a date is a program in progress.
            assertThat(john.getProgramsList()).singleElement().satisfies(p -> {
                assertThat(p.getProgramCode()).isEqualTo("11.0101");
                assertThat(p.getTitle()).isEqualTo("Computer and Information Sciences, General");
            });
        }

        @Test
        void a_re_run_changes_nothing() {
            Path sample = standard("pesc/v1.4.0/examples/SampleHighSchoolTranscript.xml");
            run(store, ImportFormat.PESC, sample, DISTRICT, work);
            Map<String, StudentRecord> before = records(store);

            ImportSummary again = run(store, ImportFormat.PESC, sample, DISTRICT, work);

            assertThat(again.studentsWritten()).isZero();
            assertThat(records(store)).isEqualTo(before);
        }
    }

    @Nested
    class bad_transcripts {

        @Test
        void report_each_bad_element_and_load_the_rest() {
            ImportSummary summary = run(store, ImportFormat.PESC, resource("pesc/bad-values.xml"), COLLEGE, work);

            assertThat(rejections(work.resolve("report.txt"))).containsExactly(
                    "bad-values.xml:20: AcademicAward/AcademicAwardDate: '2026-13-01' is not a real date",
                    "bad-values.xml:21: GPA/GradePointAverage: 'three' is not a number",
                    "bad-values.xml:25: Course/CourseCreditValue: '-3' is negative; it must be 0 or more",
                    "bad-values.xml:25: Course/CourseAcademicGrade: 'Q' is not on the institution's grade scale",
                    "bad-values.xml:26: Course/CourseTitle: required, but empty",
                    "bad-values.xml:30: AcademicSession/AcademicSessionDetail/SessionDesignator: 'Fall 2025' is not a"
                            + " PESC session designator (YYYY-MM)",
                    "bad-values.xml:32: Course: not inside an AcademicSession, so it has no term",
                    "bad-values.xml:35: Person: the transcript names no student; not loaded",
                    "bad-values.xml:36: Person/AgencyIdentifier/AgencyAssignedID: an SSID is exactly 10 digits"
                            + " (got 3 characters)");
            assertThat(summary.rowsRead()).isEqualTo(10);
            assertThat(summary.rowsLoaded()).isEqualTo(2);
            assertThat(summary.rowsRejected()).isEqualTo(8);
            StudentRecord rosa = bySsid(store, "4000000014");
            assertThat(rosa.getCoursesList()).singleElement().satisfies(c -> {
                assertThat(c.getLocalCourseId()).isEqualTo("HIST 11");
                assertThat(c.getLetterGrade()).isEqualTo("A-");
                assertThat(c.getCollege().getUnits()).isEqualTo(300);
            });
        }

        @Test
        void a_transcript_naming_no_california_student_is_rejected_whole() {
            Path sample = standard("pesc/v1.6.0/examples/college-transcript_v1.6.0_full.xml");

            ImportSummary summary = run(store, ImportFormat.PESC, sample, COLLEGE, work);

            List<String> report = rejections(work.resolve("report.txt"));
            assertThat(report).contains("college-transcript_v1.6.0_full.xml:61: Person: needs a SchoolAssignedPersonID"
                    + " or a California State AgencyIdentifier (SSID)");
            assertThat(store.studentCount()).isZero();
            assertThat(summary.rowsLoaded()).isZero();
        }

        @Test
        void refuse_external_entities_without_reading_them() throws Exception {
            ImportSummary summary = run(store, ImportFormat.PESC, resource("pesc/xxe.xml"), COLLEGE, work);

            List<String> report = rejections(work.resolve("report.txt"));
            assertThat(report).singleElement().asString().startsWith("xxe.xml:")
                    .endsWith(": -: a DOCTYPE is not allowed in a transcript (DTDs, external entities and entity"
                            + " expansion are refused); the document was not read");
            assertThat(store.studentCount()).isZero();
            assertThat(summary.rowsRejected()).isEqualTo(1);
            String secret = Files.readString(Path.of("/etc/hostname")).trim();
            assertThat(Files.readString(work.resolve("report.txt"))).doesNotContain(secret);
        }

        @Test
        void refuse_entity_expansion() {
            run(store, ImportFormat.PESC, resource("pesc/billion-laughs.xml"), COLLEGE, work);

            assertThat(rejections(work.resolve("report.txt"))).singleElement().asString()
                    .contains("a DOCTYPE is not allowed in a transcript");
            assertThat(store.studentCount()).isZero();
        }

        @Test
        void refuse_a_student_nested_deeper_than_the_limit() throws Exception {
            Path deep = work.resolve("deep.xml");
            Files.writeString(deep, "<?xml version=\"1.0\"?>\n<CollegeTranscript>\n<Student>"
                    + "<a>".repeat(5000) + "</a>".repeat(5000) + "</Student></CollegeTranscript>\n");

            ImportSummary summary = run(store, ImportFormat.PESC, deep, COLLEGE, work);

            assertThat(rejections(work.resolve("report.txt"))).containsExactly("deep.xml:3: Student: the Student "
                    + "element starting on line 3 nests deeper than 64 elements; the rest of the document was not read");
            assertThat(store.studentCount()).isZero();
            assertThat(summary.rowsRejected()).isEqualTo(1);
        }

        @Test
        void refuse_a_student_with_more_text_than_the_limit() throws Exception {
            Path big = work.resolve("big.xml");
            Files.writeString(big, "<?xml version=\"1.0\"?>\n<CollegeTranscript>\n<Student><Person>"
                    + "x".repeat(PescReader.MAX_TEXT_CHARS + 1) + "</Person></Student></CollegeTranscript>\n");

            run(store, ImportFormat.PESC, big, COLLEGE, work);

            assertThat(rejections(work.resolve("report.txt"))).containsExactly("big.xml:3: Student: the Student "
                    + "element starting on line 3 has more than 8388608 characters of text; the rest of the document "
                    + "was not read");
        }

        @Test
        void report_xml_that_is_not_well_formed_at_its_line() {
            run(store, ImportFormat.PESC, resource("pesc/broken.xml"), COLLEGE, work);

            assertThat(rejections(work.resolve("report.txt"))).singleElement().asString()
                    .startsWith("broken.xml:5: -: not well-formed XML (")
                    .endsWith("); the rest of the document was not read");
        }
    }
}
