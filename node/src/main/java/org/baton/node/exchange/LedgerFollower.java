package org.baton.node.exchange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.baton.ledger.Acknowledgment;
import org.baton.ledger.EventCheckpoint;
import org.baton.ledger.EventPage;
import org.baton.ledger.EventType;
import org.baton.ledger.LedgerEvent;
import org.baton.ledger.LedgerUnavailableException;
import org.baton.ledger.Page;
import org.baton.ledger.PageRequest;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.TimeRange;
import org.baton.proto.v1.StoredExchange;
import org.baton.proto.v1.StoredExchangeKind;
import org.baton.proto.v1.StoredExchangeState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the ledger's event stream from a checkpoint kept in the store: a source learns that a recipient
 * acknowledged one of its receipts, and every party forgets a revoked grant from its cache. Work on an event and the
 * checkpoint past it are written together, so a restart neither skips nor repeats one.
 *
 * <p>An acknowledgment's event carries the recipient's verdict, which is written with the acknowledged state. Events
 * recorded before events carried it say only that a receipt was acknowledged. Reading every receipt back as its
 * event arrives would cost the ledger one more read per exchange, so the verdicts of a page of those are read
 * with a paged query of this node's receipts (one call per thousand receipts) over exactly the ledger time those
 * receipts were recorded in — which the stream told this follower when it passed their {@code RECEIPT_RECORDED}
 * events — and written with the acknowledged state in one change. An acknowledgment whose recording time is not known
 * here (its receipt was recorded before a restart) or whose verdict the query did not find is marked as lacking its
 * verdict, and when the stream is quiet the follower fills in a batch of those from a query over the time the
 * exchanges were created in, with a margin for the clocks.
 */
final class LedgerFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerFollower.class);
    private static final int MAX_PAGES_PER_POLL = 50;
    private static final int VERDICTS_PER_POLL = 5_000;
    /** How far the ledger's clock may be from this node's for a receipt to be found by time (else it is read alone). */
    private static final Duration CLOCK_MARGIN = Duration.ofSeconds(5);
    static final String VERDICT_PENDING = "verdict/";

    /** Recording times remembered for receipts not yet acknowledged; beyond this, the oldest are forgotten. */
    private static final int MAX_RECORDED = 50_000;

    private final Outbox outbox;
    private final LedgerGate ledger;
    private final GrantCache grants;
    private final Duration interval;
    private final ScheduledExecutorService timer;
    /** Ledger time at which each of this node's receipts seen in the stream was recorded (the index time). */
    private final Map<ReceiptId, Instant> recorded = new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<ReceiptId, Instant> eldest) {
            return size() > MAX_RECORDED;
        }
    };

    LedgerFollower(Outbox outbox, LedgerGate ledger, GrantCache grants, Duration interval) {
        this.outbox = outbox;
        this.ledger = ledger;
        this.grants = grants;
        this.interval = interval;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "exchange-ledger-follower");
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        timer.scheduleWithFixedDelay(this::pollQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (LedgerUnavailableException e) {
            // The status shows the ledger as unavailable; the next poll resumes from the checkpoint.
        } catch (RuntimeException e) {
            LOG.warn("following the ledger's events failed: {}", e.toString());
        }
    }

    /** Reads and applies the events since the checkpoint, then fills in verdicts if it caught up; returns the events read. */
    synchronized int poll() {
        long checkpoint = outbox.store().index(ExchangeStore.LEDGER_CHECKPOINT).map(Long::parseLong).orElse(0L);
        int read = 0;
        boolean caughtUp = false;
        for (int pages = 0; pages < MAX_PAGES_PER_POLL; pages++) {
            long after = checkpoint;
            EventPage page = ledger.call(() -> ledger.reader().events(EventCheckpoint.after(after),
                    PageRequest.MAX_SIZE));
            if (page.events().isEmpty()) {
                caughtUp = true;
                break;
            }
            List<ExchangeId> acknowledged = new ArrayList<>();
            Map<ExchangeId, Acknowledgment> verdicts = new HashMap<>();
            Map<ReceiptId, ExchangeId> timed = new HashMap<>();
            Instant first = null;
            Instant last = null;
            for (LedgerEvent event : page.events()) {
                if (event.type() == EventType.GRANT_REVOKED) {
                    event.grant().ifPresent(grants::forget);
                } else if (event.type() == EventType.RECEIPT_RECORDED && event.receipt().isPresent()
                        && event.submitter().equals(outbox.self())) {
                    recorded.put(event.receipt().get(), event.committedAt());
                } else if (event.type() == EventType.RECEIPT_ACKNOWLEDGED && event.receipt().isPresent()
                        && !event.submitter().equals(outbox.self())) {
                    // Only the recipient acknowledges, and no receipt names one institution as both sender and
                    // recipient: an acknowledgment this node submitted is of a package it received, which its own
                    // outbox step settled already. Looking it up would cost a read of the exchange per event.
                    ReceiptId receipt = event.receipt().get();
                    Optional<ExchangeId> id = outbox.store().indexedExchange(ExchangeStore.receiptKey(receipt));
                    if (id.isEmpty()) {
                        continue;
                    }
                    acknowledged.add(id.get());
                    Instant at = recorded.remove(receipt);
                    if (event.acknowledgment().isPresent()) {
                        verdicts.put(id.get(), event.acknowledgment().get());
                    } else if (at != null) {
                        // An event recorded before events carried the verdict: read it from the receipts.
                        timed.put(receipt, id.get());
                        first = first == null || at.isBefore(first) ? at : first;
                        last = last == null || at.isAfter(last) ? at : last;
                    }
                }
            }
            if (!timed.isEmpty()) {
                scanVerdicts(timed, TimeRange.between(first, last.plusMillis(1)), verdicts);
            }
            long next = page.next().sequence();
            List<StoredExchange> settle = new ArrayList<>();
            outbox.writer().write(tx -> {
                settle.clear();
                for (ExchangeId id : acknowledged) {
                    Optional<StoredExchange> before = tx.get(ExchangeStore.EXCHANGES, id);
                    if (before.isEmpty() || Outbox.direction(before.get().getKind()) != ExchangeDirection.OUTBOUND
                            || before.get().getState() == StoredExchangeState.STATE_ACKNOWLEDGED) {
                        continue;
                    }
                    Acknowledgment verdict = verdicts.get(id);
                    StoredExchange after2 = Outbox.advance(tx, before.get(), StoredExchangeState.STATE_ACKNOWLEDGED,
                            outbox.now(), b -> {
                                if (verdict != null) {
                                    noteVerdict(b, verdict);
                                }
                            });
                    if (verdict == null || after2.getState() != StoredExchangeState.STATE_ACKNOWLEDGED) {
                        tx.put(ExchangeStore.INDEX, VERDICT_PENDING + id.value(), id.value());
                    }
                    StoredExchangeState was = before.get().getState();
                    if (was != StoredExchangeState.STATE_DELIVERED) {
                        // A delivered exchange's work was finished when it was delivered, or before (deleting
                        // the row again would only add a tombstone); were a row left anyway, its step would find
                        // the exchange acknowledged and finish it.
                        Outbox.finish(tx, id);
                    }
                    if (before.get().getKind() == StoredExchangeKind.SEND_PUSH && !Outbox.isFinal(was)
                            && was != StoredExchangeState.STATE_DELIVERED
                            && after2.getState() == StoredExchangeState.STATE_ACKNOWLEDGED) {
                        settle.add(after2);
                    }
                }
                tx.put(ExchangeStore.INDEX, ExchangeStore.LEDGER_CHECKPOINT, Long.toString(next));
            });
            settle.forEach(outbox::settled);
            read += page.events().size();
            checkpoint = next;
            if (page.events().size() < PageRequest.MAX_SIZE) {
                caughtUp = true;
                break;
            }
        }
        if (caughtUp) {
            fillVerdicts();
        }
        return read;
    }

    /**
     * Reads the verdicts of up to a batch of acknowledged outbound exchanges that lack one: with a few paged queries
     * of this node's receipts over the time they were recorded in (one ledger call per thousand receipts, not one per
     * receipt), then one read for each receipt those pages did not hold (a clock far off the ledger's, a busy range).
     */
    private void fillVerdicts() {
        List<String> pending = outbox.store().indexValues(VERDICT_PENDING, VERDICTS_PER_POLL);
        if (pending.isEmpty()) {
            return;
        }
        List<ExchangeId> ids = new ArrayList<>();
        Map<ReceiptId, ExchangeId> wanted = new HashMap<>();
        Instant earliest = null;
        for (String value : pending) {
            ExchangeId id = ExchangeId.of(value);
            ids.add(id);
            Optional<StoredExchange> exchange = outbox.store().exchange(id).filter(x -> !x.getReceiptId().isEmpty());
            if (exchange.isPresent()) {
                wanted.put(ReceiptId.of(exchange.get().getReceiptId()), id);
                Instant created = ExchangeProtos.instant(exchange.get().getCreatedAt());
                earliest = earliest == null || created.isBefore(earliest) ? created : earliest;
            }
        }
        Map<ExchangeId, Acknowledgment> verdicts = new HashMap<>();
        if (!wanted.isEmpty()) {
            Instant from = earliest.minus(CLOCK_MARGIN);
            from = from.isBefore(Instant.EPOCH) ? Instant.EPOCH : from;
            Instant until = outbox.now().plus(CLOCK_MARGIN);
            if (until.isAfter(from)) {
                scanVerdicts(wanted, TimeRange.between(from, until), verdicts);
            }
            for (Map.Entry<ReceiptId, ExchangeId> left : wanted.entrySet()) {
                if (!verdicts.containsKey(left.getValue())) {
                    ledger.call(() -> ledger.reader().receipt(left.getKey()))
                            .flatMap(ReceiptRecord::acknowledged)
                            .ifPresent(acknowledged -> verdicts.put(left.getValue(), acknowledged.acknowledgment()));
                }
            }
        }
        outbox.writer().write(tx -> {
            for (ExchangeId id : ids) {
                Optional.ofNullable(verdicts.get(id)).ifPresent(ack -> tx.get(ExchangeStore.EXCHANGES, id).ifPresent(x -> {
                    StoredExchange.Builder noted = x.toBuilder();
                    noteVerdict(noted, ack);
                    tx.put(ExchangeStore.EXCHANGES, id, noted.build());
                }));
                tx.delete(ExchangeStore.INDEX, VERDICT_PENDING + id.value());
            }
        });
    }

    private static void noteVerdict(StoredExchange.Builder exchange, Acknowledgment ack) {
        exchange.setVerdict(ExchangeProtos.verdictToProto(ack.verdict()));
        ack.reason().ifPresent(reason -> exchange.setRejection(ExchangeProtos.rejectionToProto(reason)));
    }

    /**
     * Pages through this node's receipts recorded (ledger time) in {@code range}, noting the acknowledgments of the
     * wanted ones; stops when all are found or after a few pages more than they could fill.
     */
    private void scanVerdicts(Map<ReceiptId, ExchangeId> wanted, TimeRange range, Map<ExchangeId, Acknowledgment> out) {
        int maxPages = wanted.size() / PageRequest.MAX_SIZE + 2;
        Optional<PageRequest> request = Optional.of(PageRequest.first(PageRequest.MAX_SIZE));
        for (int pages = 0; pages < maxPages && request.isPresent() && out.size() < wanted.size(); pages++) {
            PageRequest asked = request.get();
            Page<ReceiptRecord> page = ledger.call(() -> ledger.reader().receiptsByInstitution(outbox.self(), range,
                    asked));
            for (ReceiptRecord record : page.items()) {
                ExchangeId id = wanted.get(record.id());
                if (id != null && record.receipt().sender().equals(outbox.self())) {
                    record.acknowledged().ifPresent(acknowledged -> out.put(id, acknowledged.acknowledgment()));
                }
            }
            request = asked.next(page);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
