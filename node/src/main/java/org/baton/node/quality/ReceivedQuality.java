package org.baton.node.quality;

import com.google.protobuf.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.baton.ledger.Scope;
import org.baton.node.store.Column;
import org.baton.node.store.ColumnEntry;
import org.baton.node.store.RecordStore;
import org.baton.node.store.Serializers;
import org.baton.node.store.StoreException;
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
     * Ids, times and scopes only, for every package checked: {@code at/<student key>/<source>/<received-at>/<package>}
     * → {@code <scopes>|<entry>} (the entry empty when the package has no findings);
     * {@code open/<student key>/<source>/<received-at>/<package>} → {@code <entry>} for those with findings; and
     * {@code package/<package>} → {@code <student key>/<source>/<received-at>}. Received-at is 19 digits of epoch
     * milliseconds, so a range of keys is a range of time.
     */
    static final Column<String, String> INDEX = Column.plain("quality_received_index", Serializers.utf8(),
            Serializers.utf8());

    /** Marked packages read per look. */
    static final int BATCH = 64;
    /** How long the checker sleeps when nothing is marked and nobody woke it. */
    private static final Duration IDLE = Duration.ofSeconds(2);
    /** How long the checker lets packages gather after a look that found fewer than a batch. */
    private static final Duration GATHER = Duration.ofMillis(200);
    /** How often the checker, when it finds nothing after its cursor, reads the marks from the start. */
    private static final Duration FROM_START_EVERY = Duration.ofSeconds(10);
    /** How long it waits after a check failed before it tries again. */
    private static final Duration AFTER_FAILURE = Duration.ofSeconds(10);
    private static final Pattern ENTRY = Pattern.compile("[0-9]{19}/[0-9a-f]{32}");

    /** What the queue needs from the exchange. Implementations are thread-safe. */
    public interface Packages {
        /**
         * Up to {@code limit} marks in the order they were made (the order packages were accepted), after the mark
         * {@code after} when one is given.
         */
        List<Mark> waiting(Optional<String> after, int limit);

        /** Clears a mark within {@code tx}, which writes what the check found. */
        void checked(StoreTransaction tx, Mark mark);

        /** The package as received; empty when it is no longer stored (rejected). */
        Optional<Arrival> arrival(String packageId);

        /** What of {@code record} the scopes carry (a package narrowed to what later ones did not replace). */
        StudentRecord narrow(StudentRecord record, Set<Scope> scopes);
    }

    /**
     * A package marked for a check.
     *
     * @param key the mark (ordered as the marks were made)
     * @param packageId the package
     */
    public record Mark(String key, String packageId) {
        public Mark {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(packageId, "packageId");
        }
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
    private final ReentrantLock arrivals = new ReentrantLock();
    private final Condition arrival = arrivals.newCondition();
    /** Packages marked since the checker's last wait ended (guarded by {@code arrivals}). */
    private int arrived;
    private final Object checking = new Object();
    /** The last mark checked; the next look starts after it (guarded by {@code checking}). */
    private Optional<String> cursor = Optional.empty();
    /** When the marks were last read from the start ({@link System#nanoTime()}; guarded by {@code checking}). */
    private long lookedFromStart = System.nanoTime();
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

    /**
     * Tells the checker a package was marked. An idle checker looks at once; one gathering packages looks when a
     * batch has arrived rather than at the end of its wait.
     */
    public void wake() {
        arrivals.lock();
        try {
            arrived++;
            if (arrived == 1 || arrived == BATCH) {
                arrival.signal();
            }
        } finally {
            arrivals.unlock();
        }
    }

    /** Waits until {@code count} packages were marked since the last wait ended, or for {@code max}. */
    private void awaitArrivals(int count, Duration max) throws InterruptedException {
        arrivals.lock();
        try {
            long left = max.toNanos();
            while (arrived < count && left > 0) {
                left = arrival.awaitNanos(left);
            }
            arrived = 0;
        } finally {
            arrivals.unlock();
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
                int checked = checkWaiting();
                if (checked == 0) {
                    awaitArrivals(1, IDLE);
                } else if (checked < BATCH) {
                    // Let more arrive: one look and one write for many packages, rather than one for each.
                    awaitArrivals(BATCH, GATHER);
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
     * Checks up to {@value #BATCH} marked packages and clears their marks, in one transaction (or more, when two
     * packages of one student's source are among them: the second is checked against what the first wrote).
     *
     * @return how many marked packages it checked; 0 when none was waiting
     */
    public int checkWaiting() {
        synchronized (checking) {
            List<Mark> waiting = packages.waiting(cursor, BATCH);
            if (waiting.isEmpty() && cursor.isPresent()
                    && System.nanoTime() - lookedFromStart > FROM_START_EVERY.toNanos()) {
                // A mark made behind the cursor (the clock set back, say) is found from the start, now and then:
                // the marks already cleared lie there, and reading past them costs more the more there are.
                cursor = Optional.empty();
                waiting = packages.waiting(cursor, BATCH);
            }
            if (cursor.isEmpty()) {
                lookedFromStart = System.nanoTime();
            }
            if (waiting.isEmpty()) {
                return 0;
            }
            Instant now = clock.instant();
            LocalDate asOf = LocalDate.ofInstant(now, DataQuality.CALIFORNIA);
            List<Consumer<StoreTransaction>> writes = new ArrayList<>();
            Set<String> sources = new HashSet<>();
            for (Mark mark : waiting) {
                // Packages are read and checked before the transaction opens: the exchange's writes wait for it.
                List<Consumer<StoreTransaction>> mine = new ArrayList<>();
                try {
                    Optional<Arrival> arrival = packages.arrival(mark.packageId());
                    if (arrival.isPresent()
                            && !sources.add(arrival.get().studentKey() + "/" + arrival.get().source())) {
                        apply(writes);
                        sources.clear();
                        sources.add(arrival.get().studentKey() + "/" + arrival.get().source());
                    }
                    check(mark.packageId(), arrival, now, asOf, mine);
                } catch (StoreException e) {
                    throw e; // the store, not the package: the look is tried again, its marks kept
                } catch (RuntimeException e) {
                    // This package cannot be checked (it no longer parses, say): it must not hold up the others.
                    // The exception's class only: its message could carry a record's content.
                    LOG.warn("received package {} could not be checked ({}); it is left out of the data-quality "
                            + "queue", mark.packageId(), e.getClass().getName());
                    mine.clear();
                }
                writes.addAll(mine);
                writes.add(tx -> packages.checked(tx, mark));
            }
            apply(writes);
            cursor = Optional.of(waiting.get(waiting.size() - 1).key());
            return waiting.size();
        }
    }

    /** Writes what was checked with the marks it clears: a write lost in a crash leaves them, and they run again. */
    private void apply(List<Consumer<StoreTransaction>> writes) {
        if (writes.isEmpty()) {
            return;
        }
        try (StoreTransaction tx = store.beginTransaction()) {
            writes.forEach(write -> write.accept(tx));
            tx.commitWithoutSync();
        }
        writes.clear();
    }

    /**
     * Checks one package as it stands among the packages its source sent for the student: what later packages
     * replaced is left out of it, and what it replaces is left out of earlier ones (whose findings are checked
     * again, or leave the queue). Reads the package, and the earlier ones of its source that still have findings;
     * a summary per student and source ({@code last/}) says when there are later ones or earlier ones with
     * findings, so the common case reads no range of the index.
     */
    private void check(String packageId, Optional<Arrival> arrival, Instant now, LocalDate asOf,
            List<Consumer<StoreTransaction>> writes) {
        if (arrival.isEmpty()) {
            forget(packageId, writes);
            return;
        }
        Arrival p = arrival.get();
        String source = p.studentKey() + "/" + p.source() + "/";
        long at = p.receivedAt().toEpochMilli();
        String summaryKey = "last/" + p.studentKey() + "/" + p.source();
        Summary summary = store.get(INDEX, summaryKey).map(Summary::parse).orElse(new Summary(-1, 0));
        long open = summary.open();
        EnumSet<Scope> remaining = p.scopes().isEmpty() ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(p.scopes());
        if (summary.latest() > at) {
            // Later packages of the source replace parts of it (none, when packages are checked as they arrive).
            for (ColumnEntry<String, String> later : range("at/" + source, at + 1, Long.MAX_VALUE)) {
                remaining.removeAll(scopes(List.of(later.value().substring(0, later.value().indexOf('|'))
                        .split(","))));
            }
        }
        String where = source + millis(at) + "/" + packageId;
        boolean wasOpen = false;
        if (open > 0) {
            // It replaces parts of earlier ones; only those with findings are read.
            for (ColumnEntry<String, String> earlier : range("open/" + source, 0, at)) {
                if (!narrowEarlier(earlier.key().substring(("open/" + source).length()), earlier.value(),
                        p.scopes(), source, now, asOf, writes)) {
                    open--;
                }
            }
            wasOpen = store.get(INDEX, "open/" + where).isPresent();
        }
        // A package whose scopes cannot be read is kept whole, as the received records keep it.
        boolean whole = p.scopes().isEmpty() || remaining.equals(p.scopes());
        String key = entryKey(p.receivedAt(), packageId);
        Optional<String> entry = Optional.empty();
        if (whole || !remaining.isEmpty()) {
            StudentRecord record = whole ? p.record() : packages.narrow(p.record(), remaining);
            entry = findings(key, checker.checkReceived(record, asOf), now, p.receivedAt(),
                    whole ? p.scopes() : remaining, writes);
        } else {
            writes.add(tx -> tx.delete(FINDINGS, key));
        }
        open += (entry.isPresent() ? 1 : 0) - (wasOpen ? 1 : 0);
        String indexed = names(p.scopes()) + "|" + entry.orElse("");
        Optional<String> openEntry = entry;
        Summary after = new Summary(Math.max(summary.latest(), at), Math.max(0, open));
        // Without earlier findings from the source (open == 0 at the start) there is no open entry to delete.
        boolean mayBeOpen = summary.open() > 0;
        writes.add(tx -> {
            tx.put(INDEX, "at/" + where, indexed);
            if (openEntry.isPresent()) {
                tx.put(INDEX, "open/" + where, openEntry.get());
            } else if (mayBeOpen) {
                tx.delete(INDEX, "open/" + where);
            }
            tx.put(INDEX, "package/" + packageId, source + millis(at));
            tx.put(INDEX, summaryKey, after.format());
        });
    }

    /**
     * The latest package checked from one source for one student, and how many of the source's packages for the
     * student have findings.
     */
    private record Summary(long latest, long open) {

        static Summary parse(String value) {
            int bar = value.indexOf('|');
            return new Summary(Long.parseLong(value.substring(0, bar)), Long.parseLong(value.substring(bar + 1)));
        }

        String format() {
            return latest + "|" + open;
        }
    }

    /**
     * An earlier package of the same source loses what {@code replacing} carries.
     *
     * @param where {@code <received-at>/<package>}
     * @return whether it still has findings
     */
    private boolean narrowEarlier(String where, String entry, Set<Scope> replacing, String source, Instant now,
            LocalDate asOf, List<Consumer<StoreTransaction>> writes) {
        Optional<StoredReceivedFindings> stored = store.get(FINDINGS, entry);
        if (stored.isEmpty()) {
            writes.add(tx -> tx.delete(INDEX, "open/" + source + where));
            return false;
        }
        EnumSet<Scope> before = scopes(stored.get().getScopesList());
        EnumSet<Scope> after = EnumSet.copyOf(before);
        after.removeAll(replacing);
        if (after.equals(before)) {
            return true;
        }
        String packageId = where.substring(where.indexOf('/') + 1);
        Instant receivedAt = Instant.ofEpochMilli(Long.parseLong(where.substring(0, where.indexOf('/'))));
        Optional<Arrival> earlier = after.isEmpty() ? Optional.empty() : packages.arrival(packageId);
        Optional<String> written = Optional.empty();
        if (earlier.isPresent()) {
            written = findings(entry, checker.checkReceived(packages.narrow(earlier.get().record(), after), asOf),
                    now, receivedAt, after, writes);
        } else {
            writes.add(tx -> tx.delete(FINDINGS, entry));
        }
        String scopes = store.get(INDEX, "at/" + source + where).map(v -> v.substring(0, v.indexOf('|')))
                .orElse("");
        String indexed = scopes + "|" + written.orElse("");
        boolean stillOpen = written.isPresent();
        writes.add(tx -> {
            tx.put(INDEX, "at/" + source + where, indexed);
            if (!stillOpen) {
                tx.delete(INDEX, "open/" + source + where);
            }
        });
        return stillOpen;
    }

    /** A package no longer stored leaves the queue and the index. */
    private void forget(String packageId, List<Consumer<StoreTransaction>> writes) {
        Optional<String> where = store.get(INDEX, "package/" + packageId);
        if (where.isEmpty()) {
            return;
        }
        String key = where.get() + "/" + packageId;
        Optional<String> entry = store.get(INDEX, "open/" + key);
        // key is <student key>/<source>/<received-at>
        String summaryKey = "last/" + where.get().substring(0, where.get().lastIndexOf('/'));
        Optional<Summary> summary = store.get(INDEX, summaryKey).map(Summary::parse);
        writes.add(tx -> {
            entry.ifPresent(e -> tx.delete(FINDINGS, e));
            tx.delete(INDEX, "open/" + key);
            tx.delete(INDEX, "at/" + key);
            tx.delete(INDEX, "package/" + packageId);
            if (entry.isPresent() && summary.isPresent()) {
                tx.put(INDEX, summaryKey, new Summary(summary.get().latest(), Math.max(0, summary.get().open() - 1))
                        .format());
            }
        });
    }

    /** Writes the findings under {@code key}, or removes the entry when there are none; the entry written. */
    private static Optional<String> findings(String key, List<QualityFinding> found, Instant now, Instant receivedAt,
            Set<Scope> scopes, List<Consumer<StoreTransaction>> writes) {
        if (found.isEmpty()) {
            writes.add(tx -> tx.delete(FINDINGS, key));
            return Optional.empty();
        }
        StoredReceivedFindings.Builder stored = StoredReceivedFindings.newBuilder().setCheckedAt(timestamp(now))
                .setReceivedAt(timestamp(receivedAt)).addAllScopes(List.of(names(scopes).split(",")));
        for (QualityFinding finding : found) {
            stored.addFindings(StoredQualityFinding.newBuilder().setRule(finding.rule().name())
                    .setRecordId(finding.recordId()).setDetail(finding.detail())
                    .setMessage(finding.message()).addAllFacts(finding.facts()));
        }
        StoredReceivedFindings value = stored.build();
        writes.add(tx -> tx.put(FINDINGS, key, value));
        return Optional.of(key);
    }

    /** The index entries under {@code prefix} (ending in '/') received from {@code from} to before {@code to}. */
    private List<ColumnEntry<String, String>> range(String prefix, long from, long to) {
        try (Stream<ColumnEntry<String, String>> all = store.scan(INDEX, prefix + millis(from),
                to == Long.MAX_VALUE ? prefix.substring(0, prefix.length() - 1) + (char) ('/' + 1)
                        : prefix + millis(to))) {
            return all.toList();
        }
    }

    private static String millis(long epochMillis) {
        String digits = Long.toString(Math.max(0, epochMillis));
        return "0".repeat(19 - digits.length()) + digits;
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
        Counts counts = countsIn(store);
        return new Counts(counts.open(), counts.dismissed(), counts.packages(),
                packages.waiting(Optional.empty(), BATCH).size());
    }

    /**
     * How many findings the queue in {@code store} holds, read without the exchange (a stopped node's store, say):
     * {@link Counts#waiting()} is 0.
     */
    public static Counts countsIn(RecordStore store) {
        Map<String, DataQuality.Dismissal> dismissals = dismissals(store);
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
        return new Counts(counts[0], counts[1], counts[2], 0);
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
        String why = DataQuality.reason(reason);
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
        return DataQuality.reopen(store, DISMISSED, fingerprint);
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
        return dismissals(store);
    }

    private static Map<String, DataQuality.Dismissal> dismissals(RecordStore store) {
        Map<String, DataQuality.Dismissal> out = new HashMap<>();
        try (Stream<ColumnEntry<String, StoredReceivedDismissal>> all = store.scan(DISMISSED)) {
            all.forEach(entry -> out.put(entry.key(), new DataQuality.Dismissal(entry.value().getReason(),
                    entry.value().getBy(), instant(entry.value().getAt()))));
        }
        return out;
    }

    private static Timestamp timestamp(Instant at) {
        return DataQuality.timestamp(at);
    }

    private static Instant instant(Timestamp at) {
        return DataQuality.instant(at);
    }
}
