package org.baton.node.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.baton.node.readiness.AgCourseLists;
import org.baton.node.readiness.ReadinessEngine;
import org.baton.node.readiness.rules.RuleBook;
import org.baton.node.store.Column;
import org.baton.node.store.DataKey;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoreConfig;
import org.baton.node.store.StoreTransaction;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.GpaKind;
import org.baton.proto.v1.LocalId;
import org.baton.proto.v1.PersonName;
import org.baton.proto.v1.ReportedGpa;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.baton.proto.v1.Term;
import org.baton.proto.v1.TermType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue over a real RocksDB store: scans, rescans after corrections, dismissals that outlive rescans. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DataQualityTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-30T18:00:00Z"), ZoneOffset.UTC);
    private static final ReadinessEngine ENGINE = ReadinessEngine.create(RuleBook.loadDefault());

    @TempDir
    Path dir;

    private RecordStore store;
    private DataQuality quality;
    private QualityChecker checker;

    @BeforeEach
    void open() {
        store = RecordStore.open(StoreConfig.of(dir.resolve("store"), DataKey.loadOrCreate(dir.resolve("data.key")))
                .withSyncWrites(false).withColumns(DataQuality.columns().toArray(Column<?, ?>[]::new)));
        quality = DataQuality.in(store);
        checker = new QualityChecker(ENGINE, AgCourseLists.none(), QualityOptions.defaults().withSsidCheckDigit(true),
                DataQuality.lookalikesIn(store));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static StudentRecord record(String ssid, String local, String first, String last, int storedGpa) {
        StudentRecord.Builder b = StudentRecord.newBuilder().setStudent(Student.newBuilder().setSsid(ssid)
                .addLocalIds(LocalId.newBuilder().setIssuer("19647330000000").setValue(local))
                .setLegalName(PersonName.newBuilder().setFirst(first).setLast(last)).setBirthDate("2008-05-01")
                .setInstitutionId("19647330000000").setGradeLevel(12).setCohortYear(2026));
        for (String grade : List.of("A", "B", "C", "B")) {
            b.addCourses(CourseRecord.newBuilder().setRecordId(local + "-" + b.getCoursesCount())
                    .setSchoolCode("19647331930001").setLocalCourseId("C" + b.getCoursesCount()).setTitle("Course")
                    .setTerm(Term.newBuilder().setAcademicYear(2024).setType(TermType.FALL)).setGradeLevel(11)
                    .setCreditsAttempted(5).setLetterGrade(grade));
        }
        return b.addReportedGpas(ReportedGpa.newBuilder().setKind(GpaKind.GPA_CUMULATIVE_UNWEIGHTED)
                .setValue(storedGpa).setAsOf("2025-06-10")).build();
    }

    private StudentId put(StudentRecord record) {
        return store.writeStudents(List.of(record)).get(0);
    }

    private List<QualityRule> rulesOf(StudentId student) {
        return quality.of(student).stream().map(l -> l.finding().rule()).toList();
    }

    @Test
    void a_scan_keeps_each_students_findings_and_counts_them_per_rule() {
        StudentId clean = put(record("1234567897", "L1", "Ana", "Martínez", 3000));
        StudentId badSsid = put(record("1234567890", "L2", "Ben", "Okafor", 3000));
        StudentId badGpa = put(record("2345678904", "L3", "Carla", "Nguyen", 3600));

        DataQuality.ScanReport report = quality.scan(checker, CLOCK, 2);

        assertThat(report.students()).isEqualTo(3);
        assertThat(report.findings()).isEqualTo(2);
        assertThat(report.byRule()).containsEntry(QualityRule.SSID_CHECK_DIGIT, 1L)
                .containsEntry(QualityRule.GPA_MISMATCH, 1L).containsEntry(QualityRule.POSSIBLE_DUPLICATE, 0L);
        assertThat(rulesOf(clean)).isEmpty();
        assertThat(rulesOf(badSsid)).containsExactly(QualityRule.SSID_CHECK_DIGIT);
        assertThat(rulesOf(badGpa)).containsExactly(QualityRule.GPA_MISMATCH);
        assertThat(quality.counts().get(QualityRule.GPA_MISMATCH)).isEqualTo(new DataQuality.RuleCount(1, 0, 1));
        assertThat(quality.lastScan()).get().satisfies(last -> {
            assertThat(last.checkedAt()).isEqualTo(CLOCK.instant());
            assertThat(last.students()).isEqualTo(3);
            assertThat(last.findings()).isEqualTo(2);
        });
    }

    @Test
    void a_student_corrected_in_the_sis_leaves_the_queue_at_the_next_scan_and_so_does_one_removed() {
        StudentId badGpa = put(record("2345678904", "L3", "Carla", "Nguyen", 3600));
        StudentId badSsid = put(record("1234567890", "L2", "Ben", "Okafor", 3000));
        quality.scan(checker, CLOCK, 1);
        assertThat(quality.list(Optional.empty(), false, 0, 100)).hasSize(2);

        try (StoreTransaction tx = store.beginTransaction()) {
            tx.replaceStudent(badGpa, record("2345678904", "L3", "Carla", "Nguyen", 3000));
            tx.deleteStudent(badSsid);
            tx.commit();
        }
        quality.scan(checker, CLOCK, 1);

        assertThat(quality.list(Optional.empty(), false, 0, 100)).isEmpty();
        assertThat(quality.of(badSsid)).isEmpty();
        assertThat(quality.counts().values()).allSatisfy(c -> assertThat(c.open()).isZero());
    }

    @Test
    void two_students_with_one_name_and_birth_date_each_point_at_the_other() {
        StudentId first = put(record("1234567897", "1000040", "Dana", "Lee", 3000));
        StudentId second = put(record("2345678904", "9000040", "Dana", "Lee", 3000));

        quality.scan(checker, CLOCK, 2);

        assertThat(quality.of(first)).singleElement().satisfies(l -> {
            assertThat(l.finding().rule()).isEqualTo(QualityRule.POSSIBLE_DUPLICATE);
            assertThat(l.finding().detail()).contains("Student " + second.value(), "9000040");
        });
        assertThat(quality.of(second)).singleElement().satisfies(l ->
                assertThat(l.finding().detail()).contains("Student " + first.value(), "1000040"));
    }

    @Test
    void students_alike_but_for_a_slip_each_point_at_the_other_and_the_next_scan_sees_new_students() {
        StudentId jonathan = put(record(ssid("345678901"), "1000050", "Jonathan", "Reyes", 3000));
        StudentId jonathon = put(record(ssid("456789012"), "9000050", "Jonathon", "Reyes", 3000));
        StudentId dana = put(record(ssid("567890123"), "1000060", "Dana", "Reyes", 3000));

        quality.scan(checker, CLOCK, 2);

        assertThat(details(jonathan)).singleElement().asString()
                .startsWith("Student " + jonathon.value() + " (local id 9000050) has the same last name and date of"
                        + " birth, and the first name \"Jonathon\" where this record has \"Jonathan\"");
        assertThat(details(jonathon)).singleElement().asString().startsWith("Student " + jonathan.value() + " ");
        assertThat(details(dana)).isEmpty();

        // Imported since: the same name, born on 1 May or 5 January depending on which way the date was read.
        StudentId january = put(record(ssid("678901234"), "9000051", "Jonathan", "Reyes", 3000).toBuilder()
                .setStudent(record(ssid("678901234"), "9000051", "Jonathan", "Reyes", 3000).getStudent().toBuilder()
                        .setBirthDate("2008-01-05"))
                .build());
        quality.scan(checker, CLOCK, 2);

        assertThat(details(jonathan)).hasSize(2)
                .anySatisfy(d -> assertThat(d).startsWith("Student " + january.value() + " (local id 9000051) has"
                        + " the same legal name, and the date of birth 2008-01-05 where this record has 2008-05-01"));
        assertThat(details(january)).singleElement().asString().startsWith("Student " + jonathan.value() + " ");
        assertThat(details(jonathon)).hasSize(1);
    }

    private static String ssid(String nine) {
        return nine + QualityChecker.luhn(nine);
    }

    private List<String> details(StudentId student) {
        return quality.of(student).stream().map(l -> l.finding().detail()).toList();
    }

    @Nested
    class a_dismissal {

        private StudentId student;
        private DataQuality.Listed finding;

        @BeforeEach
        void found() {
            student = put(record("2345678904", "L3", "Carla", "Nguyen", 3600));
            quality.scan(checker, CLOCK, 1);
            finding = quality.list(Optional.of(QualityRule.GPA_MISMATCH), false, 0, 10).get(0);
        }

        @Test
        void moves_the_finding_to_the_dismissed_list_and_outlives_a_rescan() {
            assertThat(quality.dismiss(student, finding.fingerprint(), "  counted the bridge course  ", "Rae",
                    CLOCK.instant())).isTrue();
            quality.scan(checker, CLOCK, 1);

            assertThat(quality.list(Optional.empty(), false, 0, 10)).isEmpty();
            assertThat(quality.list(Optional.empty(), true, 0, 10)).singleElement().satisfies(l -> {
                assertThat(l.fingerprint()).isEqualTo(finding.fingerprint());
                assertThat(l.dismissal()).contains(new DataQuality.Dismissal("counted the bridge course", "Rae",
                        CLOCK.instant()));
            });
            assertThat(quality.counts().get(QualityRule.GPA_MISMATCH)).isEqualTo(new DataQuality.RuleCount(0, 1, 0));
        }

        @Test
        void no_longer_holds_when_the_record_says_something_else() {
            quality.dismiss(student, finding.fingerprint(), "checked", "Rae", CLOCK.instant());
            try (StoreTransaction tx = store.beginTransaction()) {
                tx.replaceStudent(student, record("2345678904", "L3", "Carla", "Nguyen", 3700));
                tx.commit();
            }
            quality.scan(checker, CLOCK, 1);

            assertThat(quality.list(Optional.empty(), false, 0, 10)).singleElement()
                    .satisfies(l -> assertThat(l.finding().detail()).contains("3.700"));
        }

        @Test
        void can_be_taken_back() {
            quality.dismiss(student, finding.fingerprint(), "checked", "Rae", CLOCK.instant());

            assertThat(quality.reopen(finding.fingerprint())).isTrue();
            assertThat(quality.reopen(finding.fingerprint())).isFalse();
            assertThat(quality.list(Optional.empty(), false, 0, 10)).hasSize(1);
        }

        @Test
        void needs_a_reason_and_a_finding_the_student_has() {
            assertThatThrownBy(() -> quality.dismiss(student, finding.fingerprint(), "  ", "Rae", CLOCK.instant()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("say why");
            assertThatThrownBy(() -> quality.dismiss(student, finding.fingerprint(), "x".repeat(501), "Rae",
                    CLOCK.instant())).isInstanceOf(IllegalArgumentException.class);
            assertThat(quality.dismiss(new StudentId(999), finding.fingerprint(), "checked", "Rae",
                    CLOCK.instant())).isFalse();
            assertThat(quality.dismiss(student, "0".repeat(32), "checked", "Rae", CLOCK.instant())).isFalse();
            assertThat(quality.list(Optional.empty(), true, 0, 10)).isEmpty();
        }
    }

    @Test
    void the_list_pages_in_student_order_and_filters_by_rule() {
        for (int i = 0; i < 7; i++) {
            put(record("23456789" + String.format("%02d", i), "L" + i, "Name" + i, "Family" + i, 3600));
        }
        quality.scan(checker, CLOCK, 2);

        List<DataQuality.Listed> gpa = quality.list(Optional.of(QualityRule.GPA_MISMATCH), false, 0, 100);
        assertThat(gpa).hasSize(7);
        assertThat(gpa).extracting(l -> l.finding().student().value()).isSorted();
        assertThat(quality.list(Optional.of(QualityRule.GPA_MISMATCH), false, 5, 100))
                .containsExactlyElementsOf(gpa.subList(5, 7));
        assertThat(quality.list(Optional.of(QualityRule.GPA_MISMATCH), false, 0, 3))
                .containsExactlyElementsOf(gpa.subList(0, 3));
        assertThat(quality.list(Optional.empty(), false, 0, 100)).hasSizeGreaterThan(7); // check digits too
        assertThatThrownBy(() -> quality.list(Optional.empty(), false, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_store_without_the_columns_is_refused() {
        Path other = dir.resolve("other");
        try (RecordStore bare = RecordStore.open(StoreConfig.of(other, DataKey.loadOrCreate(dir.resolve("k2")))
                .withSyncWrites(false))) {
            assertThatThrownBy(() -> DataQuality.in(bare)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("quality_scans");
        }
    }
}
