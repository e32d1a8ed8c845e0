package org.baton.node.exchange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.baton.ledger.Scope;
import org.baton.node.quality.ReceivedQuality;
import org.baton.node.store.ColumnEntry;
import org.baton.node.store.StoreTransaction;
import org.baton.proto.v1.StudentRecord;

/**
 * The received packages waiting for the node's data-quality rules, for {@link ReceivedQuality}. The recipient marks
 * a package ({@code exchange_index}: {@code quality-check/<package id>}) in the write that accepts it, and again in
 * the write that drops a rejected one; the queue clears the mark in the write that keeps what it found. A package
 * the recipient just accepted is handed over in memory ({@link ArrivalHandoff}); others are read from the store.
 *
 * <p>A store from before the marks existed has its packages marked once, when this is opened.
 */
final class ReceivedChecks implements ReceivedQuality.Packages {

    /** Marks per write when a store from before the marks is brought up to date. */
    private static final int BACKFILL_CHUNK = 4096;

    private final ExchangeStore store;
    private final ReceivedRecords received;
    private final ReceivedByStudent byStudent;
    private final ArrivalHandoff handoff;

    ReceivedChecks(ExchangeStore store, ReceivedRecords received, ReceivedByStudent byStudent,
            ArrivalHandoff handoff) {
        this.store = store;
        this.received = received;
        this.byStudent = byStudent;
        this.handoff = handoff;
        backfill();
    }

    private void backfill() {
        if (store.index(ExchangeStore.QUALITY_CHECK_BACKFILLED).isPresent()) {
            return;
        }
        String prefix = ExchangeStore.PACKAGE;
        String end = prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1);
        List<String> chunk = new ArrayList<>(BACKFILL_CHUNK);
        try (Stream<ColumnEntry<String, String>> entries = store.records().scan(ExchangeStore.INDEX, prefix, end)) {
            for (ColumnEntry<String, String> entry : (Iterable<ColumnEntry<String, String>>) entries::iterator) {
                chunk.add(entry.key().substring(prefix.length()));
                if (chunk.size() == BACKFILL_CHUNK) {
                    mark(chunk, false);
                    chunk.clear();
                }
            }
        }
        mark(chunk, true);
    }

    /** Marks packages stored before the marks existed (in the order of their ids; a check does not need another). */
    private void mark(List<String> packageIds, boolean last) {
        try (StoreTransaction tx = store.records().beginTransaction()) {
            for (String id : packageIds) {
                PackageId packageId = PackageId.of(id);
                Instant at = store.received(packageId).map(p -> ExchangeProtos.instant(p.getReceivedAt()))
                        .orElse(Instant.EPOCH);
                tx.put(ExchangeStore.INDEX, ExchangeStore.qualityCheckKey(store.nextMark(at), packageId), id);
            }
            if (last) {
                tx.put(ExchangeStore.INDEX, ExchangeStore.QUALITY_CHECK_BACKFILLED, "1");
            }
            tx.commit();
        }
    }

    @Override
    public List<ReceivedQuality.Mark> waiting(Optional<String> after, int limit) {
        String prefix = ExchangeStore.QUALITY_CHECK;
        String from = after.filter(key -> key.startsWith(prefix)).map(key -> key + "\0").orElse(prefix);
        String end = prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1);
        try (Stream<ColumnEntry<String, String>> entries = store.records().scan(ExchangeStore.INDEX, from, end)) {
            return entries.limit(limit).map(entry -> new ReceivedQuality.Mark(entry.key(), entry.value())).toList();
        }
    }

    @Override
    public void checked(StoreTransaction tx, ReceivedQuality.Mark mark) {
        if (!mark.key().startsWith(ExchangeStore.QUALITY_CHECK)) {
            throw new IllegalArgumentException("not a mark of a received package: " + mark.key());
        }
        tx.delete(ExchangeStore.INDEX, mark.key());
    }

    @Override
    public Optional<ReceivedQuality.Arrival> arrival(String packageId) {
        PackageId id = PackageId.of(Objects.requireNonNull(packageId, "packageId"));
        Optional<ArrivalHandoff.Accepted> handed = handoff.take(id);
        if (handed.isPresent()) {
            ArrivalHandoff.Accepted p = handed.get();
            return Optional.of(new ReceivedQuality.Arrival(packageId, p.source().value(), p.receivedAt(),
                    p.studentKey(), p.scopes(), ExchangeEngine.records(p.content(), id)));
        }
        return received.find(id).map(p -> new ReceivedQuality.Arrival(packageId, p.source().value(),
                p.receivedAt(), studentKey(byStudent, p.record(), id), p.scopes(), p.record()));
    }

    /** The key that groups a package with the others about its student: a keyed hash, never the SSID. */
    static String studentKey(ReceivedByStudent byStudent, StudentRecord record, PackageId packageId) {
        // Without a well-formed SSID the package is not indexed by student: it stands alone.
        return byStudent.studentKey(record.getStudent().getSsid()).orElse("package-" + packageId.value());
    }

    @Override
    public StudentRecord narrow(StudentRecord record, Set<Scope> scopes) {
        return ReceivedRecords.narrow(record, scopes);
    }
}
