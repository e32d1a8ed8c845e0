package org.baton.node.quality;

import com.google.protobuf.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.baton.node.store.Column;
import org.baton.node.store.ColumnEntry;
import org.baton.node.store.RecordStore;
import org.baton.node.store.Serializers;
import org.baton.node.store.StoreTransaction;
import org.baton.node.store.StoredStudent;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.LocalId;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StoredQualityDismissal;
import org.baton.proto.v1.StoredQualityFinding;
import org.baton.proto.v1.StoredQualityFindings;
import org.baton.proto.v1.StoredQualityScan;
/**
 * The node's data-quality work queue, kept in its record store: what the rules found in each student's record at
 * the last check, and which findings a registrar dismissed as not being errors.
 *
 * <pre>{@code
 * DataQuality quality = DataQuality.in(store);          // the store declares DataQuality.columns()
 * ScanReport report = quality.scan(checker, clock, 2);   // after an import: every student, again
 * List<Listed> open = quality.list(Optional.of(QualityRule.GPA_MISMATCH), false, 0, 100);
 * quality.dismiss(student, open.get(0).fingerprint(), "GPA recomputed by hand", "registrar", clock.instant());
 * }</pre>
 *
 * <p>A scan rewrites each student's findings in one write, so a crash mid-scan leaves every student with either the
 * old or the new findings, and the next scan brings them all up to date. A dismissal is kept under the finding's
 * {@linkplain QualityFinding#fingerprint() fingerprint}: it outlives rescans while the record says the same thing.
 */
public final class DataQuality {

    static final Column<Long, StoredQualityFindings> FINDINGS = Column.encrypted("quality_findings",
            Serializers.uint64(), Serializers.proto(StoredQualityFindings.parser()));
    static final Column<String, StoredQualityDismissal> DISMISSED = Column.encrypted("quality_dismissed",
            Serializers.utf8(), Serializers.proto(StoredQualityDismissal.parser()));
    /** Key 0: the last scan (ids and counts only). */
    static final Column<Long, StoredQualityScan> SCANS = Column.plain("quality_scans", Serializers.uint64(),
            Serializers.proto(StoredQualityScan.parser()));

    /** Dates (the readiness engine's "as of") are California's. */
    static final ZoneId CALIFORNIA = ZoneId.of("America/Los_Angeles");
    /** Students checked per write. */
    static final int CHUNK = 256;
    /** The longest reason a registrar may give for a dismissal. */
    public static final int MAX_REASON = 500;

    private final RecordStore store;

    private DataQuality(RecordStore store) {
        this.store = store;
        store.get(SCANS, 0L); // fails now, naming the column, if the store does not declare it
    }

    /**
     * The columns the store must declare ({@link org.baton.node.store.StoreConfig#withColumns}), with those of the
     * received packages' queue ({@link ReceivedQuality#columns()}).
     */
    public static List<Column<?, ?>> columns() {
        List<Column<?, ?>> all = new ArrayList<>(List.of(FINDINGS, DISMISSED, SCANS));
        all.addAll(ReceivedQuality.columns());
        return List.copyOf(all);
    }

    /**
     * The queue kept in {@code store}.
     *
     * @throws IllegalArgumentException if the store does not declare {@link #columns()}
     */
    public static DataQuality in(RecordStore store) {
        return new DataQuality(Objects.requireNonNull(store, "store"));
    }

    /**
     * Lookalikes among the students of {@code store}: at the first lookup, every student's identity is read into an
     * {@link IdentityIndex} (a pass over the store; a few hundred bytes a student in memory), and every lookup compares
     * with it, until {@linkplain QualityChecker.Lookalikes#refresh() refreshed} (each scan does).
     */
    public static QualityChecker.Lookalikes lookalikesIn(RecordStore store) {
        Objects.requireNonNull(store, "store");
        return new QualityChecker.Lookalikes() {
            private IdentityIndex index;

            @Override
            public List<QualityChecker.Lookalike> of(StudentId self, Student student) {
                Optional<Identity> identity = Identity.of(student);
                if (identity.isEmpty()) {
                    return List.of();
                }
                List<IdentityIndex.Match> matches = index().matches(self, identity.get());
                if (matches.isEmpty()) {
                    return List.of(); // the common case: no record read
                }
                List<QualityChecker.Lookalike> out = new ArrayList<>(matches.size());
                for (IdentityIndex.Match match : matches) {
                    store.student(match.id()).map(s -> s.record().getStudent()).ifPresent(found -> out.add(
                            new QualityChecker.Lookalike(match.id(), found.getLocalIdsList().stream()
                                    .map(LocalId::getValue).toList(), found, match.resemblance())));
                }
                return out;
            }

            @Override
            public synchronized void refresh() {
                index = null;
            }

            private synchronized IdentityIndex index() {
                if (index == null) {
                    index = IdentityIndex.of(store);
                }
                return index;
            }
        };
    }

    // ---------------------------------------------------------------------------------------------- scanning

    /**
     * What a scan did.
     *
     * @param checkedAt when it started
     * @param students students checked
     * @param findings findings in all
     * @param byRule findings per rule (every rule present, zero when it found nothing)
     * @param elapsed how long it took
     */
    public record ScanReport(Instant checkedAt, long students, long findings, Map<QualityRule, Long> byRule,
            Duration elapsed) {
        public ScanReport {
            Objects.requireNonNull(checkedAt, "checkedAt");
            byRule = Map.copyOf(byRule);
            Objects.requireNonNull(elapsed, "elapsed");
        }
    }

    /**
     * Checks every student in the store with {@code checker} and replaces what the queue held: a student's findings
     * are rewritten, a student now without findings leaves the queue, and so does a student no longer in the store.
     *
     * @param threads how many threads check records (the store is read by one)
     */
    public ScanReport scan(QualityChecker checker, Clock clock, int threads) {
        Objects.requireNonNull(checker, "checker");
        Objects.requireNonNull(clock, "clock");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        checker.refresh();
        LocalDate asOf = LocalDate.ofInstant(started, CALIFORNIA);
        Set<Long> before = new HashSet<>();
        try (Stream<ColumnEntry<Long, StoredQualityFindings>> all = store.scan(FINDINGS)) {
            all.forEach(entry -> before.add(entry.key()));
        }
        Map<QualityRule, AtomicLong> byRule = new EnumMap<>(QualityRule.class);
        for (QualityRule rule : QualityRule.values()) {
            byRule.put(rule, new AtomicLong());
        }
        Timestamp at = timestamp(started);
        long students = 0;
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "quality-check");
            thread.setDaemon(true);
            return thread;
        });
        List<Future<?>> pending = new ArrayList<>();
        try (Stream<StoredStudent> all = store.students()) {
            List<StoredStudent> chunk = new ArrayList<>(CHUNK);
            for (StoredStudent student : (Iterable<StoredStudent>) all::iterator) {
                before.remove(student.id().value());
                chunk.add(student);
                students++;
                if (chunk.size() == CHUNK) {
                    List<StoredStudent> batch = chunk;
                    pending.add(pool.submit(() -> checkAndWrite(checker, batch, asOf, at, byRule)));
                    chunk = new ArrayList<>(CHUNK);
                    drain(pending, threads * 2);
                }
            }
            if (!chunk.isEmpty()) {
                List<StoredStudent> batch = chunk;
                pending.add(pool.submit(() -> checkAndWrite(checker, batch, asOf, at, byRule)));
            }
            drain(pending, 0);
        } finally {
            pool.shutdownNow();
        }
        if (!before.isEmpty()) {
            try (StoreTransaction tx = store.beginTransaction()) {
                for (Long gone : before) {
                    tx.delete(FINDINGS, gone);
                }
                tx.commit();
            }
        }
        Map<QualityRule, Long> counts = new EnumMap<>(QualityRule.class);
        long findings = 0;
        for (Map.Entry<QualityRule, AtomicLong> entry : byRule.entrySet()) {
            counts.put(entry.getKey(), entry.getValue().get());
            findings += entry.getValue().get();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        try (StoreTransaction tx = store.beginTransaction()) {
            tx.put(SCANS, 0L, StoredQualityScan.newBuilder().setCheckedAt(at).setStudents(students)
                    .setFindings(findings).setElapsedMillis(elapsed.toMillis()).build());
            tx.commit();
        }
        return new ScanReport(started, students, findings, counts, elapsed);
    }

    private void checkAndWrite(QualityChecker checker, List<StoredStudent> batch, LocalDate asOf, Timestamp at,
            Map<QualityRule, AtomicLong> byRule) {
        try (StoreTransaction tx = store.beginTransaction()) {
            for (StoredStudent student : batch) {
                List<QualityFinding> found = checker.check(student.id(), student.record(), asOf);
                if (found.isEmpty()) {
                    tx.delete(FINDINGS, student.id().value());
                    continue;
                }
                StoredQualityFindings.Builder stored = StoredQualityFindings.newBuilder().setCheckedAt(at);
                for (QualityFinding finding : found) {
                    stored.addFindings(StoredQualityFinding.newBuilder().setRule(finding.rule().name())
                            .setRecordId(finding.recordId()).setDetail(finding.detail())
                            .setMessage(finding.message()).addAllFacts(finding.facts()));
                    byRule.get(finding.rule()).incrementAndGet();
                }
                tx.put(FINDINGS, student.id().value(), stored.build());
            }
            tx.commit();
        }
    }

    private static void drain(List<Future<?>> pending, int keep) {
        while (pending.size() > keep) {
            try {
                pending.remove(0).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking records", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException("checking records failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /** The last scan, if there was one. */
    public Optional<ScanReport> lastScan() {
        return store.get(SCANS, 0L).map(scan -> new ScanReport(instant(scan.getCheckedAt()), scan.getStudents(),
                scan.getFindings(), Map.of(), Duration.ofMillis(scan.getElapsedMillis())));
    }

    // ---------------------------------------------------------------------------------------------- reading

    /**
     * A finding in the queue.
     *
     * @param finding what was found
     * @param fingerprint its key for a dismissal
     * @param checkedAt when the rules last checked the student
     * @param dismissal the registrar's dismissal, when it was dismissed
     */
    public record Listed(QualityFinding finding, String fingerprint, Instant checkedAt, Optional<Dismissal> dismissal) {
    }

    /**
     * A registrar's decision that a finding is not an error.
     *
     * @param reason why
     * @param by the account that decided
     * @param at when
     */
    public record Dismissal(String reason, String by, Instant at) {
    }

    /**
     * Findings per rule.
     *
     * @param open findings to act on
     * @param dismissed findings dismissed as not errors
     * @param students students with at least one open finding under the rule
     */
    public record RuleCount(long open, long dismissed, long students) {
    }

    /** For every rule, how many findings are open and dismissed. */
    public Map<QualityRule, RuleCount> counts() {
        Set<String> dismissed = dismissals().keySet();
        Map<QualityRule, long[]> counts = new EnumMap<>(QualityRule.class);
        for (QualityRule rule : QualityRule.values()) {
            counts.put(rule, new long[3]);
        }
        try (Stream<ColumnEntry<Long, StoredQualityFindings>> all = store.scan(FINDINGS)) {
            all.forEach(entry -> {
                Set<QualityRule> openHere = new HashSet<>();
                for (QualityFinding finding : findings(entry.key(), entry.value())) {
                    long[] c = counts.get(finding.rule());
                    if (dismissed.contains(finding.fingerprint())) {
                        c[1]++;
                    } else {
                        c[0]++;
                        if (openHere.add(finding.rule())) {
                            c[2]++;
                        }
                    }
                }
            });
        }
        Map<QualityRule, RuleCount> out = new EnumMap<>(QualityRule.class);
        counts.forEach((rule, c) -> out.put(rule, new RuleCount(c[0], c[1], c[2])));
        return out;
    }

    /**
     * Findings in student id order: open ones, or with {@code dismissed} the dismissed ones.
     *
     * @param rule only this rule's, when given
     * @param offset how many matching findings to skip
     * @param limit at most this many (1 to 10,000)
     */
    public List<Listed> list(Optional<QualityRule> rule, boolean dismissed, int offset, int limit) {
        Objects.requireNonNull(rule, "rule");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, not " + offset);
        }
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit " + limit + " is outside 1..10000");
        }
        Map<String, Dismissal> dismissals = dismissals();
        List<Listed> out = new ArrayList<>();
        int[] skip = {offset};
        try (Stream<ColumnEntry<Long, StoredQualityFindings>> all = store.scan(FINDINGS)) {
            for (ColumnEntry<Long, StoredQualityFindings> entry : (Iterable<ColumnEntry<Long, StoredQualityFindings>>)
                    all::iterator) {
                Instant checkedAt = instant(entry.value().getCheckedAt());
                for (QualityFinding finding : findings(entry.key(), entry.value())) {
                    if (rule.isPresent() && finding.rule() != rule.get()) {
                        continue;
                    }
                    String fingerprint = finding.fingerprint();
                    Optional<Dismissal> dismissal = Optional.ofNullable(dismissals.get(fingerprint));
                    if (dismissal.isPresent() != dismissed) {
                        continue;
                    }
                    if (skip[0] > 0) {
                        skip[0]--;
                        continue;
                    }
                    out.add(new Listed(finding, fingerprint, checkedAt, dismissal));
                    if (out.size() == limit) {
                        return out;
                    }
                }
            }
        }
        return out;
    }

    /** Every finding about one student, open and dismissed. */
    public List<Listed> of(StudentId student) {
        Objects.requireNonNull(student, "student");
        Optional<StoredQualityFindings> stored = store.get(FINDINGS, student.value());
        if (stored.isEmpty()) {
            return List.of();
        }
        Map<String, Dismissal> dismissals = dismissals();
        Instant checkedAt = instant(stored.get().getCheckedAt());
        List<Listed> out = new ArrayList<>();
        for (QualityFinding finding : findings(student.value(), stored.get())) {
            String fingerprint = finding.fingerprint();
            out.add(new Listed(finding, fingerprint, checkedAt, Optional.ofNullable(dismissals.get(fingerprint))));
        }
        return out;
    }

    /**
     * Dismisses one of {@code student}'s findings as not an error.
     *
     * @return false when the student has no such finding (already corrected, or a stale page)
     * @throws IllegalArgumentException if the reason is blank or longer than {@link #MAX_REASON}
     */
    public boolean dismiss(StudentId student, String fingerprint, String reason, String by, Instant at) {
        Objects.requireNonNull(student, "student");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        String why = reason(reason);
        Optional<QualityFinding> finding = of(student).stream().map(Listed::finding)
                .filter(f -> f.fingerprint().equals(fingerprint)).findFirst();
        if (finding.isEmpty()) {
            return false;
        }
        try (StoreTransaction tx = store.beginTransaction()) {
            tx.put(DISMISSED, fingerprint, StoredQualityDismissal.newBuilder().setRule(finding.get().rule().name())
                    .setStudentId(student.value()).setReason(why).setBy(by).setAt(timestamp(at)).build());
            tx.commit();
        }
        return true;
    }

    /** Takes a dismissal back: the finding is open again. Returns false when it was not dismissed. */
    public boolean reopen(String fingerprint) {
        return reopen(store, DISMISSED, fingerprint);
    }

    /** Deletes the dismissal kept under {@code fingerprint} in {@code column}; false when there was none. */
    static boolean reopen(RecordStore store, Column<String, ?> column, String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (store.get(column, fingerprint).isEmpty()) {
            return false;
        }
        try (StoreTransaction tx = store.beginTransaction()) {
            tx.delete(column, fingerprint);
            tx.commit();
        }
        return true;
    }

    /**
     * A registrar's reason for a dismissal, stripped.
     *
     * @throws IllegalArgumentException if it is blank or longer than {@link #MAX_REASON}
     */
    static String reason(String reason) {
        String why = Objects.requireNonNull(reason, "reason").strip();
        if (why.isEmpty()) {
            throw new IllegalArgumentException("say why the finding is not an error");
        }
        if (why.length() > MAX_REASON) {
            throw new IllegalArgumentException("the reason is longer than " + MAX_REASON + " characters");
        }
        return why;
    }

    private static List<QualityFinding> findings(long student, StoredQualityFindings stored) {
        List<QualityFinding> out = new ArrayList<>(stored.getFindingsCount());
        StudentId id = new StudentId(student);
        for (StoredQualityFinding finding : stored.getFindingsList()) {
            // A rule this version does not know (a newer version wrote it) is skipped, not guessed at.
            QualityRule.named(finding.getRule()).ifPresent(rule ->
                    out.add(new QualityFinding(rule, id, finding.getRecordId(), finding.getDetail(),
                            finding.getMessage(), finding.getFactsList())));
        }
        return out;
    }

    private Map<String, Dismissal> dismissals() {
        Map<String, Dismissal> out = new HashMap<>();
        try (Stream<ColumnEntry<String, StoredQualityDismissal>> all = store.scan(DISMISSED)) {
            all.forEach(entry -> out.put(entry.key(), new Dismissal(entry.value().getReason(), entry.value().getBy(),
                    instant(entry.value().getAt()))));
        }
        return out;
    }

    static Timestamp timestamp(Instant at) {
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
    }

    static Instant instant(Timestamp at) {
        return Instant.ofEpochSecond(at.getSeconds(), at.getNanos());
    }
}
