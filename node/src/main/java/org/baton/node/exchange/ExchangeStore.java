package org.baton.node.exchange;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.baton.ledger.GrantId;
import org.baton.ledger.ReceiptId;
import org.baton.node.store.Column;
import org.baton.node.store.ColumnEntry;
import org.baton.node.store.RecordStore;
import org.baton.node.store.Serializers;
import org.baton.node.store.StoreTransaction;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.SignedPackage;
import org.baton.proto.v1.StoredExchange;
import org.baton.proto.v1.StoredFinding;
import org.baton.proto.v1.StoredGrant;
import org.baton.proto.v1.StoredNotification;
import org.baton.proto.v1.StoredOpening;
import org.baton.proto.v1.StoredReceivedPackage;
import org.baton.proto.v1.StoredStudentLinks;
import org.baton.proto.v1.StoredWork;
import org.baton.trust.InstitutionId;

/**
 * The exchange engine's columns in the node's record store, and typed access to them. Values holding packages,
 * openings or anything tied to a student are encrypted at rest; the plain columns hold ids only.
 *
 * <ul>
 *   <li>{@code exchange_exchanges}: exchange id → {@code StoredExchange} (encrypted): the outbox, both directions.
 *   <li>{@code exchange_packages}: exchange id → {@code SignedPackage} (encrypted): outbound packages as signed.
 *   <li>{@code exchange_pending}: work key → {@code StoredWork}: unfinished work, resumed on start.
 *   <li>{@code exchange_openings}: grant id → {@code StoredOpening} (encrypted).
 *   <li>{@code exchange_notifications}: grant id/party → {@code StoredNotification} (encrypted), until delivered.
 *   <li>{@code exchange_grants}: grant id → {@code StoredGrant} (encrypted): grants this node attests.
 *   <li>{@code exchange_student_links}: student id → {@code StoredStudentLinks} (encrypted): for the access log,
 *       as stores before {@link StudentLinks} kept it (read, no longer written).
 *   <li>{@code exchange_received}: package id → {@code StoredReceivedPackage} (encrypted): received records,
 *       kept apart from the node's own.
 *   <li>{@code exchange_findings}: found-at millis ‖ random → {@code StoredFinding} (encrypted).
 *   <li>{@code exchange_index}: text key → text value: request, receipt, package, received-by-student and
 *       disclosure indexes, the student links ({@link StudentLinks}), and the ledger event checkpoint.
 *   <li>{@code exchange_secrets}: name → bytes (encrypted): the pepper of the received-by-student index.
 * </ul>
 */
final class ExchangeStore {

    static final Column<ExchangeId, StoredExchange> EXCHANGES = Column.encrypted("exchange_exchanges",
            Serializers.utf8().map(ExchangeId::of, ExchangeId::value), Serializers.proto(StoredExchange.parser()));
    static final Column<ExchangeId, SignedPackage> PACKAGES = Column.encrypted("exchange_packages",
            Serializers.utf8().map(ExchangeId::of, ExchangeId::value), Serializers.proto(SignedPackage.parser()))
            .withLargeValues();
    static final Column<String, StoredWork> PENDING = Column.plain("exchange_pending",
            Serializers.utf8(), Serializers.proto(StoredWork.parser()));
    static final Column<GrantId, StoredOpening> OPENINGS = Column.encrypted("exchange_openings",
            Serializers.utf8().map(GrantId::of, GrantId::value), Serializers.proto(StoredOpening.parser()));
    static final Column<String, StoredNotification> NOTIFICATIONS = Column.encrypted("exchange_notifications",
            Serializers.utf8(), Serializers.proto(StoredNotification.parser()));
    static final Column<GrantId, StoredGrant> GRANTS = Column.encrypted("exchange_grants",
            Serializers.utf8().map(GrantId::of, GrantId::value), Serializers.proto(StoredGrant.parser()));
    static final Column<StudentId, StoredStudentLinks> STUDENT_LINKS = Column.encrypted("exchange_student_links",
            Serializers.uint64().map(StudentId::new, StudentId::value), Serializers.proto(StoredStudentLinks.parser()));
    static final Column<PackageId, StoredReceivedPackage> RECEIVED = Column.encrypted("exchange_received",
            Serializers.utf8().map(PackageId::of, PackageId::value), Serializers.proto(StoredReceivedPackage.parser()))
            .withLargeValues();
    static final Column<byte[], StoredFinding> FINDINGS = Column.encrypted("exchange_findings",
            Serializers.bytes(), Serializers.proto(StoredFinding.parser()));
    static final Column<String, String> INDEX = Column.plain("exchange_index", Serializers.utf8(), Serializers.utf8());

    /** Every column, for {@link org.baton.node.store.StoreConfig#withColumns}. */
    static final List<Column<?, ?>> COLUMNS = List.of(EXCHANGES, PACKAGES, PENDING, OPENINGS, NOTIFICATIONS, GRANTS,
            STUDENT_LINKS, RECEIVED, FINDINGS, INDEX, ReceivedByStudent.SECRETS, DiscrepancyReports.REPORTS);

    static final String LEDGER_CHECKPOINT = "meta/ledger-checkpoint";
    /** Prefix of the marks of received packages waiting for the data-quality rules ({@link ReceivedChecks}). */
    static final String QUALITY_CHECK = "quality-check/";
    /** Set once every package stored before the marks existed was marked. */
    static final String QUALITY_CHECK_BACKFILLED = "meta/quality-check-backfilled";

    /**
     * How many exchanges the store writer keeps decoded in memory. The steps of one exchange follow each other
     * within milliseconds to a second, so a cache that turns over in about a second under load still serves them;
     * a larger one keeps finished exchanges alive across young collections, each of which copies them again (8,192
     * kept them about ten seconds at 800 exchanges per second, and young pauses took twice as long).
     */
    private static final int RECENT_EXCHANGES = 2048;
    /**
     * How many openings the store keeps decoded in memory. Every pull reads its grant's opening on both nodes (the
     * recipient to ask and to check what comes back, the source to match the student); reading and decrypting it
     * each time took a fortieth of an exchange's CPU.
     */
    private static final int RECENT_OPENINGS = 4096;

    private final RecordStore store;
    private final GroupCommitWriter writer;
    private final StudentLinks links;
    private final AtomicLong lastMark = new AtomicLong();
    private final CachingTransaction.Cache<ExchangeId, StoredExchange> recentExchanges =
            new CachingTransaction.Cache<>(EXCHANGES, RECENT_EXCHANGES);
    private final RecentOpenings recentOpenings = new RecentOpenings(RECENT_OPENINGS);

    ExchangeStore(RecordStore store) {
        this.store = store;
        this.links = StudentLinks.open(store);
        // Each step of an exchange reads and rewrites it: the writer keeps the exchanges it read or wrote lately
        // in memory rather than reading and decrypting them again (only the writer writes this column), and
        // readers on other threads look there first too.
        this.writer = new GroupCommitWriter(store, "exchange-store-writer", Optional.of(recentExchanges));
    }

    RecordStore records() {
        return store;
    }

    GroupCommitWriter writer() {
        return writer;
    }

    // ---------------------------------------------------------------------------------------------- keys

    static String requestKey(InstitutionId caller, String requestId) {
        return "request/" + caller.value() + "/" + requestId;
    }

    static String receiptKey(ReceiptId receipt) {
        return "receipt/" + receipt.value();
    }

    /** Prefix of the index from a received package to its exchange. */
    static final String PACKAGE = "package/";

    static String packageKey(PackageId packageId) {
        return PACKAGE + packageId.value();
    }

    /**
     * A received package's mark for the data-quality rules. Marks are read in the order of their keys, so the marks
     * already cleared lie behind the reader: {@code order} grows with each mark made ({@link #nextMark}).
     */
    static String qualityCheckKey(long order, PackageId packageId) {
        String digits = Long.toString(Math.max(0, order));
        return QUALITY_CHECK + "0".repeat(19 - digits.length()) + digits + "/" + packageId.value();
    }

    /**
     * The order of the next mark: microseconds since the epoch at {@code now}, but always above the last one this
     * store made, so a clock set back does not put a mark behind those already read.
     */
    long nextMark(Instant now) {
        long micros = Math.max(0, now.getEpochSecond()) * 1_000_000 + now.getNano() / 1_000;
        return lastMark.updateAndGet(last -> Math.max(last + 1, micros));
    }

    static String receivedByGrantKey(GrantId grant, PackageId packageId) {
        return "received/" + grant.value() + "/" + packageId.value();
    }

    static String disclosureKey(String batch, StudentId student) {
        return "disclosure/" + batch + "/" + student.value();
    }

    static String timeKey(Instant createdAt, ExchangeId id) {
        // "time/%019d/%s" without String.format, which parses its pattern on every call (once per exchange).
        String newestFirst = Long.toString(Long.MAX_VALUE - createdAt.toEpochMilli());
        StringBuilder key = new StringBuilder(5 + 19 + 1 + id.value().length()).append("time/");
        for (int pad = newestFirst.length(); pad < 19; pad++) {
            key.append('0');
        }
        return key.append(newestFirst).append('/').append(id.value()).toString();
    }

    static String notificationKey(GrantId grant, InstitutionId party) {
        return grant.value() + "/" + party.value();
    }

    static String workKey(StoredWork.Kind kind, String id) {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + "/" + id;
    }

    static byte[] findingKey(Instant at) {
        return ByteBuffer.allocate(16).putLong(Math.max(0, at.toEpochMilli()))
                .putLong(ThreadLocalRandom.current().nextLong()).array();
    }

    // ---------------------------------------------------------------------------------------------- reads

    Optional<StoredExchange> exchange(ExchangeId id) {
        StoredExchange recent = recentExchanges.peek(id);
        return recent != null ? Optional.of(recent) : store.get(EXCHANGES, id);
    }

    Optional<SignedPackage> outboundPackage(ExchangeId id) {
        return store.get(PACKAGES, id);
    }

    Optional<StoredOpening> opening(GrantId grant) {
        return recentOpenings.get(grant, () -> store.get(OPENINGS, grant));
    }

    /**
     * Says that a write which changed {@code grant}'s kept opening has returned. Keeping one where there was none
     * needs no call: an absent opening is never remembered.
     */
    void openingChanged(GrantId grant) {
        recentOpenings.changed(grant);
    }

    Optional<StoredGrant> grant(GrantId grant) {
        return store.get(GRANTS, grant);
    }

    Optional<StoredNotification> notification(String key) {
        return store.get(NOTIFICATIONS, key);
    }

    Optional<StoredReceivedPackage> received(PackageId id) {
        return store.get(RECEIVED, id);
    }

    /**
     * The grants and exchanges that concern {@code student}: those in the list of the layout before
     * {@link StudentLinks} (oldest first), then those under the student's link keys.
     */
    StoredStudentLinks studentLinks(StudentId student) {
        StoredStudentLinks.Builder out = store.get(STUDENT_LINKS, student)
                .map(StoredStudentLinks::toBuilder)
                .orElseGet(StoredStudentLinks::newBuilder);
        Set<String> grants = new HashSet<>(out.getGrantIdsList());
        Set<String> exchanges = new HashSet<>(out.getExchangeIdsList());
        String prefix = links.prefix(student);
        String end = prefix.substring(0, prefix.length() - 1) + (char) ('/' + 1);
        try (Stream<ColumnEntry<String, String>> entries = store.scan(INDEX, prefix, end)) {
            entries.forEach(entry -> {
                String link = entry.key().substring(prefix.length());
                if (link.startsWith(StudentLinks.GRANT) && grants.add(entry.value())) {
                    out.addGrantIds(entry.value());
                } else if (link.startsWith(StudentLinks.EXCHANGE) && exchanges.add(entry.value())) {
                    out.addExchangeIds(entry.value());
                }
            });
        }
        return out.build();
    }

    Optional<String> index(String key) {
        return store.get(INDEX, key);
    }

    Optional<ExchangeId> indexedExchange(String key) {
        return index(key).map(ExchangeId::of);
    }

    /** The values under an index prefix (which ends in '/'), in key order, at most {@code limit}. */
    List<String> indexValues(String prefix, int limit) {
        // '/' + 1 is '0': every key starting with prefix sorts below prefix-with-'0'.
        String end = prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1);
        List<String> out = new ArrayList<>();
        try (Stream<ColumnEntry<String, String>> entries = store.scan(INDEX, prefix, end)) {
            entries.limit(limit).forEach(entry -> out.add(entry.value()));
        }
        return out;
    }

    List<StoredWork> pendingWork() {
        try (Stream<ColumnEntry<String, StoredWork>> entries = store.scan(PENDING)) {
            return entries.map(ColumnEntry::value).toList();
        }
    }

    List<StoredFinding> findings() {
        try (Stream<ColumnEntry<byte[], StoredFinding>> entries = store.scan(FINDINGS)) {
            return entries.map(ColumnEntry::value).toList();
        }
    }

    /** Every exchange in the outbox, in id order. Close the stream. */
    Stream<StoredExchange> exchanges() {
        return store.scan(EXCHANGES).map(ColumnEntry::value);
    }

    // ---------------------------------------------------------------------------------------------- writes

    static void addPending(StoreTransaction tx, StoredWork.Kind kind, String id) {
        tx.put(PENDING, workKey(kind, id), StoredWork.newBuilder().setKind(kind).setId(id).build());
    }

    static void removePending(StoreTransaction tx, StoredWork.Kind kind, String id) {
        tx.delete(PENDING, workKey(kind, id));
    }

    /** Records, inside {@code tx}, that {@code grant} and {@code exchange} (those present) concern {@code student}. */
    void linkStudent(StoreTransaction tx, StudentId student, Optional<GrantId> grant, Optional<ExchangeId> exchange) {
        links.link(tx, student, grant, exchange);
    }

    /** The entries {@link #linkStudent} writes, to compute off the writer thread and put with {@link StudentLinks#put}. */
    List<StudentLinks.Entry> studentLinkEntries(StudentId student, Optional<GrantId> grant,
            Optional<ExchangeId> exchange) {
        return links.entries(student, grant, exchange);
    }
}
