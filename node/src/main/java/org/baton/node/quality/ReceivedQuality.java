package org.baton.node.quality;

import com.google.protobuf.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.baton.ledger.Scope;
import org.baton.node.store.Column;
import org.baton.node.store.ColumnEntry;
import org.baton.node.store.RecordStore;
import org.baton.node.store.Serializers;
import org.baton.node.store.StoreTransaction;
import org.baton.proto.v1.StoredQualityFinding;
import org.baton.proto.v1.StoredReceivedDismissal;
import org.baton.proto.v1.StoredReceivedFindings;
import org.baton.proto.v1.StudentRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data-quality work queue's share of the records other institutions sent: what the node's rules find in each
 * received package, as it stands among the packages received for the same student. The registrar acts on a finding
 * by reporting a discrepancy to the sender, who corrects and sends again, or dismisses it as not an error.
 *
 * <pre>{@code
 * ReceivedQuality received = ReceivedQuality.in(store, packages, checker, clock); // store declares columns()
 * received.start();                         // checks what the exchange marked, now and as packages arrive
 * List<Listed> open = received.list(false, 0, 100);
 * received.dismiss(open.get(0).entry(), open.get(0).fingerprint(), "checked with the sender", "registrar", now);
 * }</pre>
 *
 * <p>The exchange marks a package for a check in the write that accepts it (and again in the write that drops a
 * rejected one), so a package accepted while the checker was stopped, or before a crash, is checked on the next
 * start. A check writes what it found and clears the mark in one transaction: a crash leaves the mark, and the check
 * runs again.
 *
 * <p>Only what is current counts, as {@code ReceivedRecords.currentForStudent} has it: what a later package from the
 * same source carries replaces the same scopes of an earlier one. An index of every package checked (ids, times and
 * scopes only) says which packages of the student's source came before and after, so a check reads only the
 * package itself and the earlier ones that still have findings: a package replaced whole leaves the queue, one
 * replaced in part is checked again for what is still current of it.
 *
 * <p>Checks run on one thread of their own ({@code quality-received}), never on the exchange's: a busy node catches
 * up when the exchanges ease off.
 */
public final class ReceivedQuality implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReceivedQuality.class);

    /** Entry key ({@link #entryKey}) → the findings of one package; newest package first. */
    static final Column<String, StoredReceivedFindings> FINDINGS = Column.encrypted("quality_received",
            Serializers.utf8(), Serializers.proto(StoredReceivedFindings.parser()));
    /** Fingerprint → dismissal. */
    static final Column<String, StoredReceivedDismissal> DISMISSED = Column.encrypted("quality_received_dismissed",
            Serializers.utf8(), Serializers.proto(StoredReceivedDismissal.parser()));

    /**
     * Ids only: {@code student/<student key>/<source>/<package>} → {@code <received-at millis>|<scopes>|<entry>} for
     * every package checked (the entry empty when it has no findings), and {@code package/<package>} →
     * {@code <student key>/<source>}, to find the first from a package id.
     */
    static final Column<String, String> INDEX = Column.plain("quality_received_index", Serializers.utf8(),
            Serializers.utf8());

    /** Marked packages read per look. */
    static final int BATCH = 64;
    /** How long the checker sleeps when nothing is marked and nobody woke it. */
    private static final Duration IDLE = Duration.ofSeconds(2);
    /** How long it waits after a check failed before it tries again. */
    private static final Duration AFTER_FAILURE = Duration.ofSeconds(10);
    private static final Pattern ENTRY = Pattern.compile("[0-9]{19}/[0-9a-f]{32}");

    /** What the queue needs from the exchange. Implementations are thread-safe. */
    public interface Packages {
        /** Up to {@code limit} packages marked for a check. */
        List<String> waiting(int limit);

        /** Clears the mark of {@code packageId} within {@code tx}, which writes what the check found. */
        void checked(StoreTransaction tx, String packageId);

        /** The package as received; empty when it is no longer stored (rejected). */
        Optional<Arrival> arrival(String packageId);

        /** What of {@code record} the scopes carry (a package narrowed to what later ones did not replace). */
        StudentRecord narrow(StudentRecord record, Set<Scope> scopes);
    }

    /**
     * A received package.
     *
     * @param packageId the package
     * @param source the institution that sent it
     * @param receivedAt when the node stored it
     * @param studentKey the same for every package about one student, and no personal data (a keyed hash)
     * @param scopes what the package carries
     * @param record the records (personal data)
     */
    public record Arrival(String packageId, String source, Instant receivedAt, String studentKey, Set<Scope> scopes,
            StudentRecord record) {
        public Arrival {
            Objects.requireNonNull(packageId, "packageId");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(receivedAt, "receivedAt");
            Objects.requireNonNull(studentKey, "studentKey");
            scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
            Objects.requireNonNull(record, "record");
        }
    }

    /**
     * A finding about a received package.
     *
     * @param entry the queue's key for the package (for {@link #dismiss})
     * @param packageId the package
     * @param receivedAt when it was received
     * @param finding what was found (its student is {@link QualityChecker#RECEIVED})
     * @param fingerprint its key for a dismissal: the package and what the finding says
     * @param checkedAt when the package was checked
     * @param dismissal the registrar's dismissal, when it was dismissed
     */
    public record Listed(String entry, String packageId, Instant receivedAt, QualityFinding finding,
            String fingerprint, Instant checkedAt, Optional<DataQuality.Dismissal> dismissal) {
    }

    /**
     * How many findings the queue holds.
     *
     * @param open findings to act on
     * @param dismissed findings dismissed
     * @param packages packages with at least one open finding
     * @param waiting packages marked and not yet checked (up to {@value #BATCH}; more is shown as that)
     */
    public record Counts(long open, long dismissed, long packages, int waiting) {
    }

    private final RecordStore store;
    private final Packages packages;
    private final QualityChecker checker;
    private final Clock clock;
    private final Semaphore wake = new Semaphore(0);
    private final Object checking = new Object();
    private volatile Thread thread;
    private volatile boolean closed;

    private ReceivedQuality(RecordStore store, Packages packages, QualityChecker checker, Clock clock) {
        this.store = store;
        this.packages = packages;
        this.checker = checker;
        this.clock = clock;
        store.get(DISMISSED, ""); // fails now, naming the column, if the store does not declare it
    }

    /** The columns the store must declare (also among {@link DataQuality#columns()}). */
    public static List<Column<?, ?>> columns() {
        return List.of(FINDINGS, DISMISSED, INDEX);
    }

    /**
     * The queue of received packages kept in {@code store}, checked with {@code checker}'s
     * {@link QualityChecker#checkReceived rules for a record on its own}. Nothing is checked until {@link #start()}
     * or {@link #checkWaiting()}.
     *
     * @throws IllegalArgumentException if the store does not declare {@link #columns()}
     */
    public static ReceivedQuality in(RecordStore store, Packages packages, QualityChecker checker, Clock clock) {
        return new ReceivedQuality(Objects.requireNonNull(store, "store"), Objects.requireNonNull(packages,
                "packages"), Objects.requireNonNull(checker, "checker"), Objects.requireNonNull(clock, "clock"));
    }

    /** Starts the checker's thread, which checks what is marked now and whatever is marked later. */
    public synchronized void start() {
        if (thread != null || closed) {
            return;
        }
        Thread started = new Thread(this::run, "quality-received");
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    /** Tells the checker a package was marked, so it need not wait for its next look. */
    public void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    /** Stops the checker; a check in progress finishes or is done again on the next start. Idempotent. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = thread;
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (!closed) {
            try {
                if (checkWaiting() == 0) {
                    wake.tryAcquire(IDLE.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                // The exception's class only: a message could carry a record's content.
                LOG.warn("checking received packages failed ({}); trying again in {} s", e.getClass().getName(),
                        AFTER_FAILURE.toSeconds());
                try {
                    Thread.sleep(AFTER_FAILURE.toMillis());
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- checking

    /**
     * Checks up to {@value #BATCH} marked packages, each in a transaction of its own that also clears its mark.
     *
     * @return how many marked packages it checked; 0 when none was waiting
     */
    public int checkWaiting() {
        synchronized (checking) {
            List<String> waiting = packages.waiting(BATCH);
            for (String packageId : waiting) {
                check(packageId);
            }
            return waiting.size();
        }
    }

    /**
     * Checks one package as it stands among the packages its source sent for the student: what later packages
     * replaced is left out of it, and what it replaces is left out of earlier ones (whose findings are checked
     * again, or leave the queue).
     */
    private void check(String packageId) {
        Instant now = clock.instant();
        LocalDate asOf = LocalDate.ofInstant(now, DataQuality.CALIFORNIA);
        Optional<Arrival> arrival = packages.arrival(packageId);
        try (StoreTransaction tx = store.beginTransaction()) {
            if (arrival.isEmpty()) {
                forget(tx, packageId);
            } else {
                Arrival p = arrival.get();
                String prefix = "student/" + p.studentKey() + "/" + p.source() + "/";
                EnumSet<Scope> remaining = p.scopes().isEmpty() ? EnumSet.noneOf(Scope.class)
                        : EnumSet.copyOf(p.scopes());
                for (Sibling q : siblings(prefix)) {
                    if (q.packageId().equals(packageId)) {
                        continue;
                    }
                    if (q.receivedAt().isAfter(p.receivedAt())) {
                        remaining.removeAll(q.scopes());
                    } else if (p.receivedAt().isAfter(q.receivedAt()) && !q.entry().isEmpty()) {
                        narrowEarlier(tx, q, p.scopes(), prefix, now, asOf);
                    }
                }
                // A package whose scopes cannot be read is kept whole, as the received records keep it.
                boolean whole = p.scopes().isEmpty() || remaining.equals(p.scopes());
                Optional<String> entry = Optional.empty();
                String key = entryKey(p.receivedAt(), packageId);
                if (whole || !remaining.isEmpty()) {
                    StudentRecord record = whole ? p.record() : packages.narrow(p.record(), remaining);
                    entry = write(tx, key, checker.checkReceived(record, asOf), now, p.receivedAt(),
                            whole ? p.scopes() : remaining);
                } else {
                    tx.delete(FINDINGS, key);
                }
                tx.put(INDEX, prefix + packageId, p.receivedAt().toEpochMilli() + "|" + names(p.scopes()) + "|"
                        + entry.orElse(""));
                tx.put(INDEX, "package/" + packageId, p.studentKey() + "/" + p.source());
            }
            packages.checked(tx, packageId);
            // The mark goes with the findings: a write lost in a crash leaves the mark, and the check runs again.
            tx.commitWithoutSync();
        }
    }

    /** An earlier package from the same source loses what {@code replacing} carries. */
    private void narrowEarlier(StoreTransaction tx, Sibling q, Set<Scope> replacing, String prefix, Instant now,
            LocalDate asOf) {
        Optional<StoredReceivedFindings> stored = tx.get(FINDINGS, q.entry());
        if (stored.isEmpty()) {
            return;
        }
        EnumSet<Scope> before = scopes(stored.get().getScopesList());
        EnumSet<Scope> after = EnumSet.copyOf(before);
        after.removeAll(replacing);
        if (after.equals(before)) {
            return;
        }
        Optional<String> entry = Optional.empty();
        Optional<Arrival> earlier = after.isEmpty() ? Optional.empty() : packages.arrival(q.packageId());
        if (earlier.isPresent()) {
            entry = write(tx, q.entry(), checker.checkReceived(packages.narrow(earlier.get().record(), after), asOf),
                    now, q.receivedAt(), after);
        } else {
            tx.delete(FINDINGS, q.entry());
        }
        tx.put(INDEX, prefix + q.packageId(), q.receivedAt().toEpochMilli() + "|" + names(q.scopes()) + "|"
                + entry.orElse(""));
    }

    /** A package no longer stored leaves the queue and the index. */
    private void forget(StoreTransaction tx, String packageId) {
        Optional<String> where = tx.get(INDEX, "package/" + packageId);
        if (where.isEmpty()) {
            return;
        }
        String key = "student/" + where.get() + "/" + packageId;
        tx.get(INDEX, key).map(Sibling::entryOf).filter(e -> !e.isEmpty()).ifPresent(e -> tx.delete(FINDINGS, e));
        tx.delete(INDEX, key);
        tx.delete(INDEX, "package/" + packageId);
    }

    /** Writes the findings under {@code key}, or removes the entry when there are none; the entry written. */
    private static Optional<String> write(StoreTransaction tx, String key, List<QualityFinding> found, Instant now,
            Instant receivedAt, Set<Scope> scopes) {
        if (found.isEmpty()) {
            tx.delete(FINDINGS, key);
            return Optional.empty();
        }
        StoredReceivedFindings.Builder stored = StoredReceivedFindings.newBuilder().setCheckedAt(timestamp(now))
                .setReceivedAt(timestamp(receivedAt)).addAllScopes(List.of(names(scopes).split(",")));
        for (QualityFinding finding : found) {
            stored.addFindings(StoredQualityFinding.newBuilder().setRule(finding.rule().name())
                    .setRecordId(finding.recordId()).setDetail(finding.detail())
                    .setMessage(finding.message()).addAllFacts(finding.facts()));
        }
        tx.put(FINDINGS, key, stored.build());
        return Optional.of(key);
    }

    /**
     * A package checked before, from the index.
     *
     * @param entry its entry in the queue; empty when it has no findings
     */
    private record Sibling(String packageId, Instant receivedAt, Set<Scope> scopes, String entry) {

        static String entryOf(String value) {
            return value.substring(value.lastIndexOf('|') + 1);
        }
    }

    private List<Sibling> siblings(String prefix) {
        String end = prefix.substring(0, prefix.length() - 1) + (char) ('/' + 1);
        List<Sibling> out = new ArrayList<>();
        try (Stream<ColumnEntry<String, String>> all = store.scan(INDEX, prefix, end)) {
            all.forEach(entry -> {
                String[] parts = entry.value().split("\\|", -1);
                out.add(new Sibling(entry.key().substring(prefix.length()), Instant.ofEpochMilli(
                        Long.parseLong(parts[0])), scopes(List.of(parts[1].split(","))), parts[2]));
            });
        }
        return out;
    }

    private static String names(Set<Scope> scopes) {
        StringBuilder out = new StringBuilder();
        for (Scope scope : scopes.isEmpty() ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(scopes)) {
            out.append(out.length() == 0 ? "" : ",").append(scope.name());
        }
        return out.toString();
    }

    private static EnumSet<Scope> scopes(List<String> names) {
        EnumSet<Scope> out = EnumSet.noneOf(Scope.class);
        for (String name : names) {
            try {
                out.add(Scope.valueOf(name));
            } catch (IllegalArgumentException e) {
                // Empty, or a scope a newer version wrote: nothing this version can narrow by.
            }
        }
        return out;
    }

    /** Newest received first, then by package id. */
    static String entryKey(Instant receivedAt, String packageId) {
        String newestFirst = Long.toString(Long.MAX_VALUE - receivedAt.toEpochMilli());
        StringBuilder key = new StringBuilder(20 + packageId.length());
        for (int pad = newestFirst.length(); pad < 19; pad++) {
            key.append('0');
        }
        return key.append(newestFirst).append('/').append(packageId).toString();
    }

    // ---------------------------------------------------------------------------------------------- reading

    /** How many findings are open and dismissed, and how many packages wait for a check. */
    public Counts counts() {
        Map<String, DataQuality.Dismissal> dismissals = dismissals();
        long[] counts = new long[3];
        try (Stream<ColumnEntry<String, StoredReceivedFindings>> all = store.scan(FINDINGS)) {
            all.forEach(entry -> {
                boolean open = false;
                for (QualityFinding finding : findings(entry.value())) {
                    if (dismissals.containsKey(fingerprint(packageOf(entry.key()), finding))) {
                        counts[1]++;
                    } else {
                        counts[0]++;
                        open = true;
                    }
                }
                if (open) {
                    counts[2]++;
                }
            });
        }
        return new Counts(counts[0], counts[1], counts[2], packages.waiting(BATCH).size());
    }

    /**
     * Findings, newest package first: open ones, or with {@code dismissed} the dismissed ones.
     *
     * @param offset how many matching findings to skip
     * @param limit at most this many (1 to 10,000)
     */
    public List<Listed> list(boolean dismissed, int offset, int limit) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, not " + offset);
        }
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit " + limit + " is outside 1..10000");
        }
        Map<String, DataQuality.Dismissal> dismissals = dismissals();
        List<Listed> out = new ArrayList<>();
        int skip = offset;
        try (Stream<ColumnEntry<String, StoredReceivedFindings>> all = store.scan(FINDINGS)) {
            for (ColumnEntry<String, StoredReceivedFindings> entry
                    : (Iterable<ColumnEntry<String, StoredReceivedFindings>>) all::iterator) {
                String packageId = packageOf(entry.key());
                for (QualityFinding finding : findings(entry.value())) {
                    String fingerprint = fingerprint(packageId, finding);
                    Optional<DataQuality.Dismissal> dismissal = Optional.ofNullable(dismissals.get(fingerprint));
                    if (dismissal.isPresent() != dismissed) {
                        continue;
                    }
                    if (skip > 0) {
                        skip--;
                        continue;
                    }
                    out.add(new Listed(entry.key(), packageId, instant(entry.value().getReceivedAt()), finding,
                            fingerprint, instant(entry.value().getCheckedAt()), dismissal));
                    if (out.size() == limit) {
                        return out;
                    }
                }
            }
        }
        return out;
    }

    /** Every finding about one package's entry, open and dismissed; none for a key that is not an entry. */
    public List<Listed> of(String entry) {
        Objects.requireNonNull(entry, "entry");
        if (!ENTRY.matcher(entry).matches()) {
            return List.of();
        }
        Optional<StoredReceivedFindings> stored = store.get(FINDINGS, entry);
        if (stored.isEmpty()) {
            return List.of();
        }
        Map<String, DataQuality.Dismissal> dismissals = dismissals();
        String packageId = packageOf(entry);
        List<Listed> out = new ArrayList<>();
        for (QualityFinding finding : findings(stored.get())) {
            String fingerprint = fingerprint(packageId, finding);
            out.add(new Listed(entry, packageId, instant(stored.get().getReceivedAt()), finding, fingerprint,
                    instant(stored.get().getCheckedAt()), Optional.ofNullable(dismissals.get(fingerprint))));
        }
        return out;
    }

    /**
     * Dismisses a finding about a received package: not an error, or not worth a report to the sender.
     *
     * @param entry the package's entry ({@link Listed#entry()})
     * @return false when the package has no such finding (a later package replaced it, or a stale page)
     * @throws IllegalArgumentException if the reason is blank or longer than {@link DataQuality#MAX_REASON}
     */
    public boolean dismiss(String entry, String fingerprint, String reason, String by, Instant at) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        String why = Objects.requireNonNull(reason, "reason").strip();
        if (why.isEmpty()) {
            throw new IllegalArgumentException("say why the finding is not an error");
        }
        if (why.length() > DataQuality.MAX_REASON) {
            throw new IllegalArgumentException("the reason is longer than " + DataQuality.MAX_REASON + " characters");
        }
        Optional<Listed> finding = of(entry).stream().filter(f -> f.fingerprint().equals(fingerprint)).findFirst();
        if (finding.isEmpty()) {
            return false;
        }
        try (StoreTransaction tx = store.beginTransaction()) {
            tx.put(DISMISSED, fingerprint, StoredReceivedDismissal.newBuilder()
                    .setPackageId(finding.get().packageId()).setRule(finding.get().finding().rule().name())
                    .setReason(why).setBy(by).setAt(timestamp(at)).build());
            tx.commit();
        }
        return true;
    }

    /** Takes a dismissal back: the finding is open again. Returns false when it was not dismissed. */
    public boolean reopen(String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (store.get(DISMISSED, fingerprint).isEmpty()) {
            return false;
        }
        try (StoreTransaction tx = store.beginTransaction()) {
            tx.delete(DISMISSED, fingerprint);
            tx.commit();
        }
        return true;
    }

    /** A received finding's key for a dismissal: its package and what it says. */
    static String fingerprint(String packageId, QualityFinding finding) {
        return new QualityFinding(finding.rule(), finding.student(), packageId + '\n' + finding.recordId(),
                finding.detail()).fingerprint();
    }

    private static String packageOf(String entry) {
        return entry.substring(entry.indexOf('/') + 1);
    }

    private static List<QualityFinding> findings(StoredReceivedFindings stored) {
        List<QualityFinding> out = new ArrayList<>(stored.getFindingsCount());
        for (StoredQualityFinding finding : stored.getFindingsList()) {
            QualityRule.named(finding.getRule()).ifPresent(rule -> out.add(new QualityFinding(rule,
                    QualityChecker.RECEIVED, finding.getRecordId(), finding.getDetail(), finding.getMessage(),
                    finding.getFactsList())));
        }
        return out;
    }

    private Map<String, DataQuality.Dismissal> dismissals() {
        Map<String, DataQuality.Dismissal> out = new HashMap<>();
        try (Stream<ColumnEntry<String, StoredReceivedDismissal>> all = store.scan(DISMISSED)) {
            all.forEach(entry -> out.put(entry.key(), new DataQuality.Dismissal(entry.value().getReason(),
                    entry.value().getBy(), instant(entry.value().getAt()))));
        }
        return out;
    }

    private static Timestamp timestamp(Instant at) {
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
    }

    private static Instant instant(Timestamp at) {
        return Instant.ofEpochSecond(at.getSeconds(), at.getNanos());
    }
}
