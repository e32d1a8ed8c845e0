package org.baton.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.baton.ledger.GrantId;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.Sha256;
import org.baton.node.exchange.PackageId;
import org.baton.node.exchange.ReceivedPackage;
import org.baton.node.exchange.ReceivedRecords;
import org.baton.node.readiness.AgCourseLists;
import org.baton.node.readiness.ReadinessEngine;
import org.baton.node.readiness.rules.RuleBook;
import org.baton.node.store.DataKey;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoreConfig;
import org.baton.node.student.Ssid;
import org.baton.proto.v1.AgArea;
import org.baton.proto.v1.AgRequirementStatus;
import org.baton.proto.v1.AgStatusSummary;
import org.baton.proto.v1.CollegeCourse;
import org.baton.proto.v1.CountedCourses;
import org.baton.proto.v1.CourseCategory;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.GetReadinessResponse;
import org.baton.proto.v1.GpaKind;
import org.baton.proto.v1.HigherEdSystem;
import org.baton.proto.v1.PersonName;
import org.baton.proto.v1.ReportedGpa;
import org.baton.proto.v1.SignedPackage;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.baton.proto.v1.Term;
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
class StudentReadinessTest {

    private static final String SSID = "1234567890";
    private static final String DISTRICT = "34765430000000";
    private static final String SCHOOL = "34765431966248";
    private static final String COLLEGE = "129901";
    private static final InstitutionId UNIVERSITY = InstitutionId.of("110901");
    private static final LocalDate AS_OF = LocalDate.of(2025, 10, 1);
    private static final ReadinessEngine ENGINE = ReadinessEngine.create(RuleBook.loadDefault());

    @TempDir
    Path dir;

    private RecordStore store;
    private final List<ReceivedPackage> received = new ArrayList<>();

    @BeforeEach
    void openStore() {
        store = RecordStore.open(StoreConfig.of(dir.resolve("store"), DataKey.loadOrCreate(dir.resolve("data.key"))));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private StudentReadiness readiness() {
        ReceivedRecords records = new ReceivedRecords() {
            @Override
            public Optional<ReceivedPackage> find(PackageId id) {
                return received.stream().filter(p -> p.packageId().equals(id)).findFirst();
            }

            @Override
            public List<ReceivedPackage> underGrant(GrantId grant) {
                return List.of();
            }

            @Override
            public List<ReceivedPackage> forStudent(Ssid ssid) {
                return received.stream().filter(p -> p.record().getStudent().getSsid().equals(ssid.value())).toList();
            }
        };
        return new StudentReadiness(UNIVERSITY, store, Optional.of(records), ENGINE, AgCourseLists.none());
    }

    @Nested
    class Evaluating_received_records {

        @Test
        void counts_the_colleges_own_record_of_a_dual_enrollment_course_and_says_where_each_record_came_from() {
            PackageId fromDistrict = PackageId.of("0123456789abcdef0123456789abcdef");
            PackageId fromCollege = PackageId.of("fedcba9876543210fedcba9876543210");
            received.add(pkg(fromDistrict, DISTRICT, districtRecord()));
            received.add(pkg(fromCollege, COLLEGE, collegeRecord()));

            GetReadinessResponse readiness = readiness().evaluate(Ssid.of(SSID), AS_OF).orElseThrow();

            assertThat(readiness.getRecordsList()).extracting(r -> r.getInstitutionId() + " " + r.getPackageId() + " "
                    + r.getCourses()).containsExactly(DISTRICT + " " + fromDistrict.value() + " 3",
                            COLLEGE + " " + fromCollege.value() + " 1");
            CountedCourses college = readiness.getCountedList().stream()
                    .filter(c -> c.getInstitutionId().equals(COLLEGE)).findFirst().orElseThrow();
            assertThat(college.getCollegeCourses()).isEqualTo(1);
            assertThat(college.getUcGpaGrades()).isEqualTo(1);
            assertThat(college.getCsuGpaGrades()).isEqualTo(2);
            assertThat(readiness.getUcGpa()).isNotEmpty();
        }

        @Test
        void passes_on_the_a_g_status_a_source_reported_apart_from_its_own_evaluation() {
            PackageId fromDistrict = PackageId.of("0123456789abcdef0123456789abcdef");
            AgStatusSummary reported = AgStatusSummary.newBuilder().setSystem(HigherEdSystem.SYSTEM_UC)
                    .setAsOf("2025-09-30").setStatus(AgRequirementStatus.AG_IN_PROGRESS).setSemestersCompleted(22)
                    .build();
            received.add(pkg(fromDistrict, DISTRICT, StudentRecord.newBuilder().setStudent(student(DISTRICT))
                    .addAgStatus(reported).build()));

            GetReadinessResponse readiness = readiness().evaluate(Ssid.of(SSID), AS_OF).orElseThrow();

            assertThat(readiness.getReportedAgStatusList()).singleElement().satisfies(r -> {
                assertThat(r.getInstitutionId()).isEqualTo(DISTRICT);
                assertThat(r.getPackageId()).isEqualTo(fromDistrict.value());
                assertThat(r.getSummary()).isEqualTo(reported);
            });
            // The node's own evaluation counts only courses, and the package held none.
            assertThat(readiness.getUcAgStatus()).isEqualTo("MISSING");
            assertThat(readiness.getUcAgSemestersCompleted()).isZero();
        }

        @Test
        void reads_the_nodes_own_record_with_no_package_id() {
            store.writeStudents(List.of(districtRecord()));

            GetReadinessResponse readiness = readiness().evaluate(Ssid.of(SSID), AS_OF).orElseThrow();

            assertThat(readiness.getRecordsList()).extracting(r -> r.getInstitutionId() + "|" + r.getPackageId())
                    .containsExactly(UNIVERSITY.value() + "|");
        }

        @Test
        void finds_nothing_for_a_student_it_holds_no_record_of() {
            received.add(pkg(PackageId.of("0123456789abcdef0123456789abcdef"), DISTRICT, districtRecord()));

            assertThat(readiness().evaluate(Ssid.of("9999999999"), AS_OF)).isEmpty();
        }
    }

    @Nested
    class Cal_grant_gpa_for_csac {

        @Test
        void is_the_readiness_engines_in_thousandths_dated_today() {
            Clock clock = Clock.fixed(Instant.parse("2026-03-01T20:00:00Z"), ZoneOffset.UTC);

            ReportedGpa gpa = NodeApp.calGrantGpas(ENGINE, clock).calGrantGpa(districtRecord()).orElseThrow();

            // Grades 10 and 11: A (4), B (3) and the dual-enrollment course's B (3): 10 / 3 = 3.33.
            assertThat(gpa.getKind()).isEqualTo(GpaKind.GPA_CAL_GRANT);
            assertThat(gpa.getValue()).isEqualTo(3330);
            assertThat(gpa.getAsOf()).isEqualTo("2026-03-01");
        }

        @Test
        void falls_back_to_the_reported_one_when_the_engine_finds_no_grades() {
            ReportedGpa reported = ReportedGpa.newBuilder().setKind(GpaKind.GPA_CAL_GRANT).setValue(3120)
                    .setAsOf("2025-06-10").build();
            StudentRecord record = StudentRecord.newBuilder().setStudent(districtRecord().getStudent())
                    .addReportedGpas(reported).build();

            assertThat(NodeApp.calGrantGpas(ENGINE, Clock.systemUTC()).calGrantGpa(record)).contains(reported);
        }
    }

    private static ReceivedPackage pkg(PackageId id, String source, StudentRecord record) {
        return new ReceivedPackage(id, InstitutionId.of(source), Optional.empty(), LegalBasis.CONSENT,
                ReceiptId.of("00000000000000000000000000000001"), Sha256.ofHex("ab".repeat(32)),
                Instant.parse("2025-09-30T12:00:00Z"), record, SignedPackage.getDefaultInstance());
    }

    private static Student student(String institution) {
        return Student.newBuilder().setSsid(SSID).setInstitutionId(institution).setGradeLevel(12).setCohortYear(2026)
                .setLegalName(PersonName.newBuilder().setFirst("Ana").setLast("Reyes")).setBirthDate("2007-11-02")
                .build();
    }

    private static StudentRecord districtRecord() {
        return StudentRecord.newBuilder()
                .setStudent(student(DISTRICT))
                .addCourses(course("ENG10", "English 10", 2023, 10, "A", AgArea.AG_B_ENGLISH))
                .addCourses(course("WHIST", "World History", 2024, 11, "B", AgArea.AG_A_HISTORY))
                .addCourses(course("COMM C1000", "Public Speaking", 2024, 11, "B", AgArea.AG_G_ELECTIVE).toBuilder()
                        .setRecordId(SCHOOL + "|COMM C1000|2024|S1")
                        .setCollege(CollegeCourse.newBuilder().setInstitutionId(COLLEGE).setUnits(300)
                                .setUnitSystem(TermCalendar.SEMESTER).setUcTransferable(true).setCsuTransferable(true)
                                .setDualEnrollment(true)))
                .build();
    }

    /** The college's transcript of the same course: its own grade, no a-g area, no transferability. */
    private static StudentRecord collegeRecord() {
        return StudentRecord.newBuilder()
                .setStudent(student(COLLEGE).toBuilder().setGradeLevel(0))
                .addCourses(course("COMM C1000", "Public Speaking", 2024, 13, "A", AgArea.AG_AREA_UNSPECIFIED)
                        .toBuilder()
                        .setRecordId("pesc|2024-08|COMM C1000|1")
                        .setInstitutionId(COLLEGE)
                        .setSchoolCode(COLLEGE)
                        .setCollege(CollegeCourse.newBuilder().setInstitutionId(COLLEGE).setUnits(300)
                                .setUnitSystem(TermCalendar.SEMESTER).setDualEnrollment(true)))
                .build();
    }

    private static CourseRecord course(String id, String title, int year, int grade, String letter, AgArea area) {
        return CourseRecord.newBuilder()
                .setRecordId(SCHOOL + "|" + id + "|" + year)
                .setInstitutionId(DISTRICT)
                .setSchoolCode(SCHOOL)
                .setLocalCourseId(id)
                .setTitle(title)
                .setTerm(Term.newBuilder().setAcademicYear(year).setType(TermType.FALL).setCode("S1")
                        .setCalendar(TermCalendar.SEMESTER))
                .setGradeLevel(grade)
                .setLetterGrade(letter)
                .setAgArea(area)
                .setCategory(CourseCategory.ACADEMIC)
                .setCreditsAttempted(500)
                .setCreditsEarned(500)
                .build();
    }
}
