package org.baton.node.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.baton.ledger.Scope;
import org.baton.node.readiness.AgCourseLists;
import org.baton.node.readiness.ReadinessEngine;
import org.baton.node.readiness.rules.RuleBook;
import org.baton.node.store.Column;
import org.baton.node.store.DataKey;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoreConfig;
import org.baton.node.store.StoreReadException;
import org.baton.node.store.StoreTransaction;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.GpaKind;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The received packages' queue over a real RocksDB store. The exchange's side (marks written with acceptance, where
 * a package stands among its student's packages) is a map here; {@code ReceivedQualityOnNodesIT} runs it between
 * real nodes.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReceivedQualityTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-30T18:00:00Z"), ZoneOffset.UTC);
    private static final ReadinessEngine ENGINE = ReadinessEngine.create(RuleBook.loadDefault());
    private static final String P1 = "0".repeat(31) + "1";
    private static final String P2 = "0".repeat(31) + "2";
    private static final String P3 = "0".repeat(31) + "3";

    @TempDir
    Path dir;

    private RecordStore store;
    private FakePackages packages;
    private ReceivedQuality queue;

    @BeforeEach
    void open() {
        store = RecordStore.open(StoreConfig.of(dir.resolve("store"), DataKey.loadOrCreate(dir.resolve("data.key")))
                .withSyncWrites(false).withColumns(DataQuality.columns().toArray(Column<?, ?>[]::new)));
        packages = new FakePackages();
        queue = ReceivedQuality.in(store, packages, new QualityChecker(ENGINE, AgCourseLists.none(),
                QualityOptions.defaults().withSsidCheckDigit(true), (self, student) -> List.of()), CLOCK);
    }

    @AfterEach
    void close() {
        queue.close();
        store.close();
    }

    /** A transcript whose stored cumulative GPA disagrees with its grades when {@code storedGpa} is not 3000. */
    private static StudentRecord transcript(String ssid, int storedGpa) {
        StudentRecord.Builder b = StudentRecord.newBuilder().setStudent(Student.newBuilder().setSsid(ssid)
                .setLegalName(PersonName.newBuilder().setFirst("Ana").setLast("Martínez")).setBirthDate("2008-05-01")
                .setInstitutionId("19647330000000").setGradeLevel(12).setCohortYear(2026));
        for (String grade : List.of("A", "B", "C", "B")) {
            b.addCourses(CourseRecord.newBuilder().setRecordId("r-" + b.getCoursesCount())
                    .setSchoolCode("19647331930001").setLocalCourseId("C" + b.getCoursesCount()).setTitle("Course")
                    .setTerm(Term.newBuilder().setAcademicYear(2024).setType(TermType.FALL)).setGradeLevel(11)
                    .setCreditsAttempted(5).setLetterGrade(grade));
        }
        return b.addReportedGpas(ReportedGpa.newBuilder().setKind(GpaKind.GPA_CUMULATIVE_UNWEIGHTED)
                .setValue(storedGpa).setAsOf("2025-06-10")).build();
    }

    @Test
    void a_marked_package_is_checked_and_its_findings_queued() {
        packages.receive(P1, Instant.parse("2026-06-01T10:00:00Z"), transcript("1234567890", 3900));

        assertThat(queue.checkWaiting()).isEqualTo(1);

        List<ReceivedQuality.Listed> open = queue.list(false, 0, 100);
        assertThat(open).extracting(l -> l.finding().rule())
                .containsExactly(QualityRule.SSID_CHECK_DIGIT, QualityRule.GPA_MISMATCH);
        assertThat(open).allSatisfy(l -> {
            assertThat(l.packageId()).isEqualTo(P1);
            assertThat(l.receivedAt()).isEqualTo(Instant.parse("2026-06-01T10:00:00Z"));
            assertThat(l.finding().student()).isEqualTo(QualityChecker.RECEIVED);
        });
        assertThat(open.get(1).finding().detail()).contains("stored as 3.900", "give 3.000");
        assertThat(packages.marked()).isEmpty();
        assertThat(queue.counts()).isEqualTo(new ReceivedQuality.Counts(2, 0, 1, 0));
        assertThat(queue.checkWaiting()).isZero();
    }

    @Test
    void a_package_without_findings_leaves_no_entry() {
        packages.receive(P1, Instant.parse("2026-06-01T10:00:00Z"), transcript("1234567897", 3000));

        queue.checkWaiting();

        assertThat(queue.list(false, 0, 100)).isEmpty();
        assertThat(queue.counts()).isEqualTo(new ReceivedQuality.Counts(0, 0, 0, 0));
        assertThat(packages.marked()).isEmpty();
    }

    @Test
    void the_newest_package_comes_first() {
        packages.receive(P1, Instant.parse("2026-06-01T10:00:00Z"), transcript("1234567890", 3000));
        packages.receive(P2, Instant.parse("2026-06-03T10:00:00Z"), transcript("2234567890", 3000));
        packages.receive(P3, Instant.parse("2026-06-02T10:00:00Z"), transcript("3234567890", 3000));

        queue.checkWaiting();

        assertThat(queue.list(false, 0, 100)).extracting(ReceivedQuality.Listed::packageId)
                .containsExactly(P2, P3, P1);
        assertThat(queue.list(false, 1, 1)).extracting(ReceivedQuality.Listed::packageId).containsExactly(P3);
    }

    @Test
    void a_corrected_package_from_the_sender_takes_the_old_ones_findings_off_the_queue() {
        packages.receive(P1, Instant.parse("2026-06-01T10:00:00Z"), transcript("1234567897", 3900));
        queue.checkWaiting();
        assertThat(queue.list(false, 0, 100)).extracting(ReceivedQuality.Listed::packageId).containsExactly(P1);

        // The sender corrected its SIS and sent again: the new package replaces the old one whole.
        packages.receive(P2, Instant.parse("2026-06-05T10:00:00Z"), transcript("1234567897", 3000));
        packages.read.clear();
        queue.checkWaiting();

        assertThat(queue.list(false, 0, 100)).isEmpty();
        assertThat(queue.counts().open()).isZero();
        // Only the new package was read: the old one's findings left without reading it.
        assertThat(packages.read).containsExactly(P2);
    }

    @Test
    void a_package_replaced_in_part_keeps_the_findings_of_what_is_still_current() {
        packages.receive(P1, Instant.parse("2026-06-01T10:00:00Z"), transcript("1234567890", 3900));
        queue.checkWaiting();
        assertThat(queue.list(false, 0, 100)).extracting(l -> l.finding().rule())
                .containsExactly(QualityRule.SSID_CHECK_DIGIT, QualityRule.GPA_MISMATCH);

        // The college sends the GPA again alone: the first package's transcript is still current, its GPA is not.
        packages.receive(P2, "college", Instant.parse("2026-06-05T10:00:00Z"), transcript("1234567890", 3000),
                EnumSet.of(Scope.GPA));
        queue.checkWaiting();

        assertThat(queue.list(false, 0, 100)).extracting(l -> l.packageId() + " " + l.finding().rule())
                .containsExactly(P2 + " SSID_CHECK_DIGIT", P1 + " SSID_CHECK_DIGIT");
    }

    @Test
    void a_package_checked_after_a_newer_one_from_its_source_counts_only_what_the_newer_did_not_replace() {
        // The newer, corrected package is checked first (a check of the older one was lost in a crash, say).
        packages.receive(P2, Instant.parse("2026-06-05T10:00:00Z"), transcript("1234567897", 3000));
        queue.checkWaiting();
        packages.receive(P1, Instant.parse("2026-06-01T10:00:00Z"), transcript("1234567897", 3900));
        queue.checkWaiting();

        assertThat(queue.list(false, 0, 100)).isEmpty();
    }

    @Test
    void another_sources_package_for_the_same_student_replaces_nothing() {
        packages.receive(P1, Instant.parse("2026-06-01T10:00:00Z"), transcript("1234567897", 3900));
        packages.receive(P2, "university", Instant.parse("2026-06-05T10:00:00Z"), transcript("1234567897", 3000),
                EnumSet.of(Scope.TRANSCRIPT, Scope.GPA));
        queue.checkWaiting();

        assertThat(queue.list(false, 0, 100)).extracting(ReceivedQuality.Listed::packageId).containsExactly(P1);
    }

    @Test
    void a_package_dropped_after_its_check_leaves_the_queue() {
        packages.receive(P1, Instant.parse("2026-06-01T10:00:00Z"), transcript("1234567897", 3900));
        queue.checkWaiting();
        assertThat(queue.list(false, 0, 100)).hasSize(1);

        packages.drop(P1);
        queue.checkWaiting();

        assertThat(queue.list(false, 0, 100)).isEmpty();
        assertThat(packages.marked()).isEmpty();
    }

    @Test
    void a_check_that_fails_writes_nothing_and_keeps_the_marks() {
        packages.receive(P1, Instant.parse("2026-06-01T10:00:00Z"), transcript("1234567890", 3900));
        packages.receive(P2, Instant.parse("2026-06-02T10:00:00Z"), transcript("2234567890", 3900));
        packages.failOn = P2;

        assertThatThrownBy(queue::checkWaiting).isInstanceOf(StoreReadException.class);

        // Nothing of the batch was written, and every mark is kept.
        assertThat(queue.list(false, 0, 100)).isEmpty();
        assertThat(packages.marked()).containsExactly(P1, P2);

        packages.failOn = null;
        assertThat(queue.checkWaiting()).isEqualTo(2);
        assertThat(queue.list(false, 0, 100)).extracting(ReceivedQuality.Listed::packageId)
                .containsExactly(P2, P2, P1, P1);
    }

    @Test
    void a_package_that_cannot_be_read_is_left_out_and_holds_up_no_other() {
        packages.receive(P1, Instant.parse("2026-06-01T10:00:00Z"), transcript("1234567890", 3900));
        packages.receive(P2, Instant.parse("2026-06-02T10:00:00Z"), transcript("2234567890", 3900));
        packages.unreadable = P1;

        assertThat(queue.checkWaiting()).isEqualTo(2);

        assertThat(queue.list(false, 0, 100)).extracting(ReceivedQuality.Listed::packageId).containsExactly(P2, P2);
        assertThat(packages.marked()).isEmpty();
    }

    @Test
    void a_dismissal_outlives_a_recheck_of_the_same_package() {
        packages.receive(P1, Instant.parse("2026-06-01T10:00:00Z"), transcript("1234567890", 3900));
        queue.checkWaiting();
        ReceivedQuality.Listed gpa = queue.list(false, 0, 100).stream()
                .filter(l -> l.finding().rule() == QualityRule.GPA_MISMATCH).findFirst().orElseThrow();

        assertThat(queue.dismiss(gpa.entry(), gpa.fingerprint(), "  confirmed with the sender  ", "registrar",
                CLOCK.instant())).isTrue();

        assertThat(queue.list(false, 0, 100)).extracting(l -> l.finding().rule())
                .containsExactly(QualityRule.SSID_CHECK_DIGIT);
        List<ReceivedQuality.Listed> dismissed = queue.list(true, 0, 100);
        assertThat(dismissed).hasSize(1);
        assertThat(dismissed.get(0).dismissal().orElseThrow().reason()).isEqualTo("confirmed with the sender");
        assertThat(queue.counts()).isEqualTo(new ReceivedQuality.Counts(1, 1, 1, 0));

        packages.mark(P1); // another package for the student arrives: this one is checked again
        queue.checkWaiting();
        assertThat(queue.list(true, 0, 100)).extracting(ReceivedQuality.Listed::fingerprint)
                .containsExactly(gpa.fingerprint());

        assertThat(queue.reopen(gpa.fingerprint())).isTrue();
        assertThat(queue.reopen(gpa.fingerprint())).isFalse();
        assertThat(queue.list(false, 0, 100)).hasSize(2);
    }

    @Test
    void a_dismissal_needs_a_reason_and_a_finding_the_package_still_has() {
        packages.receive(P1, Instant.parse("2026-06-01T10:00:00Z"), transcript("1234567890", 3900));
        queue.checkWaiting();
        ReceivedQuality.Listed first = queue.list(false, 0, 1).get(0);

        assertThatThrownBy(() -> queue.dismiss(first.entry(), first.fingerprint(), "  ", "registrar",
                CLOCK.instant())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("say why");
        assertThatThrownBy(() -> queue.dismiss(first.entry(), first.fingerprint(), "x".repeat(501), "registrar",
                CLOCK.instant())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("500");
        assertThat(queue.dismiss(first.entry(), "f".repeat(32), "why", "registrar", CLOCK.instant())).isFalse();
        assertThat(queue.dismiss("not an entry", first.fingerprint(), "why", "registrar", CLOCK.instant()))
                .isFalse();
        assertThat(queue.list(true, 0, 100)).isEmpty();
    }

    @Test
    void the_checker_thread_checks_what_is_marked_while_it_runs() throws Exception {
        queue.start();
        packages.receive(P1, Instant.parse("2026-06-01T10:00:00Z"), transcript("1234567890", 3900));
        queue.wake();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (queue.list(false, 0, 100).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(queue.list(false, 0, 100)).hasSize(2);
        queue.close();
        queue.close();
    }

    /** The exchange's side: packages by id, and the marks in the order they were made. */
    private static final class FakePackages implements ReceivedQuality.Packages {
        final Map<String, ReceivedQuality.Arrival> stored = new LinkedHashMap<>();
        final TreeMap<String, String> marks = new TreeMap<>();
        final List<String> read = new CopyOnWriteArrayList<>();
        private int made;
        volatile String failOn;
        volatile String unreadable;

        void receive(String id, Instant at, StudentRecord record) {
            receive(id, "college", at, record, EnumSet.of(Scope.TRANSCRIPT, Scope.GPA));
        }

        synchronized void receive(String id, String source, Instant at, StudentRecord record, Set<Scope> scopes) {
            stored.put(id, new ReceivedQuality.Arrival(id, source, at, record.getStudent().getSsid(), scopes,
                    record));
            mark(id);
        }

        synchronized void mark(String id) {
            marks.put(String.format("mark/%06d", made++), id);
        }

        synchronized void drop(String id) {
            stored.remove(id);
            mark(id);
        }

        synchronized List<String> marked() {
            return List.copyOf(marks.values());
        }

        @Override
        public synchronized List<ReceivedQuality.Mark> waiting(Optional<String> after, int limit) {
            return (after.isPresent() ? marks.tailMap(after.get(), false) : marks).entrySet().stream().limit(limit)
                    .map(e -> new ReceivedQuality.Mark(e.getKey(), e.getValue())).toList();
        }

        @Override
        public void checked(StoreTransaction tx, ReceivedQuality.Mark mark) {
            synchronized (this) {
                marks.remove(mark.key());
            }
        }

        @Override
        public synchronized Optional<ReceivedQuality.Arrival> arrival(String packageId) {
            if (packageId.equals(failOn)) {
                throw new StoreReadException("the store could not be read", new java.io.IOException("disk"));
            }
            if (packageId.equals(unreadable)) {
                throw new IllegalStateException("stored package " + packageId + " no longer parses");
            }
            read.add(packageId);
            return Optional.ofNullable(stored.get(packageId));
        }

        @Override
        public StudentRecord narrow(StudentRecord record, Set<Scope> scopes) {
            StudentRecord.Builder out = record.toBuilder();
            if (!scopes.contains(Scope.TRANSCRIPT)) {
                out.clearCourses();
            }
            if (!scopes.contains(Scope.GPA)) {
                out.clearReportedGpas();
            }
            return out.build();
        }
    }
}
