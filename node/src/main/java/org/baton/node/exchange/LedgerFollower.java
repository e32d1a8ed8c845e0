package org.baton.node.exchange;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.baton.ledger.PageRequest;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.baton.proto.v1.StoredExchange;
import org.baton.proto.v1.StoredExchangeKind;
import org.baton.proto.v1.StoredExchangeState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the ledger's event stream from a checkpoint kept in the store: a source learns that a recipient
 * acknowledged one of its receipts (and with which verdict), and every party forgets a revoked grant from its
 * cache. Work on an event and the checkpoint past it are written together, so a restart neither skips nor repeats
 * one.
 */
final class LedgerFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerFollower.class);
    private static final int MAX_PAGES_PER_POLL = 50;

    private final Outbox outbox;
    private final LedgerGate ledger;
    private final GrantCache grants;
    private final Duration interval;
    private final ScheduledExecutorService timer;

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

    /** Reads and applies the events since the checkpoint; returns how many were read. */
    int poll() {
        long checkpoint = outbox.store().index(ExchangeStore.LEDGER_CHECKPOINT).map(Long::parseLong).orElse(0L);
        int read = 0;
        for (int pages = 0; pages < MAX_PAGES_PER_POLL; pages++) {
            long after = checkpoint;
            EventPage page = ledger.call(() -> ledger.reader().events(EventCheckpoint.after(after),
                    PageRequest.MAX_SIZE));
            if (page.events().isEmpty()) {
                break;
            }
            List<Runnable> settle = new ArrayList<>();
            List<Acknowledged> acknowledged = new ArrayList<>();
            for (LedgerEvent event : page.events()) {
                if (event.type() == EventType.GRANT_REVOKED) {
                    event.grant().ifPresent(grants::forget);
                } else if (event.type() == EventType.RECEIPT_ACKNOWLEDGED && event.receipt().isPresent()) {
                    ours(event.receipt().get()).ifPresent(acknowledged::add);
                }
            }
            long next = page.next().sequence();
            outbox.writer().write(tx -> {
                settle.clear();
                for (Acknowledged ack : acknowledged) {
                    StoredExchange before = tx.get(ExchangeStore.EXCHANGES, ack.exchange()).orElseThrow();
                    StoredExchange after2 = Outbox.advance(tx, ack.exchange(), StoredExchangeState.STATE_ACKNOWLEDGED,
                            outbox.now(), b -> annotate(b, ack.acknowledgment()));
                    if (after2.getState() != StoredExchangeState.STATE_ACKNOWLEDGED) {
                        // Ended otherwise before (e.g. the recipient refused a push): keep the verdict all the same.
                        StoredExchange.Builder noted = after2.toBuilder();
                        annotate(noted, ack.acknowledgment());
                        tx.put(ExchangeStore.EXCHANGES, ack.exchange(), noted.build());
                    }
                    Outbox.finish(tx, ack.exchange());
                    if (!Outbox.isFinal(before.getState()) && before.getState() != StoredExchangeState.STATE_DELIVERED
                            && after2.getState() == StoredExchangeState.STATE_ACKNOWLEDGED
                            && before.getKind() == StoredExchangeKind.SEND_PUSH) {
                        settle.add(() -> outbox.settled(after2));
                    }
                }
                tx.put(ExchangeStore.INDEX, ExchangeStore.LEDGER_CHECKPOINT, Long.toString(next));
            });
            settle.forEach(Runnable::run);
            read += page.events().size();
            checkpoint = next;
        }
        return read;
    }

    private record Acknowledged(ExchangeId exchange, Acknowledgment acknowledgment) {
    }

    /** The acknowledgment of one of this node's outbound receipts, read from the ledger. */
    private Optional<Acknowledged> ours(ReceiptId receipt) {
        Optional<ExchangeId> id = outbox.store().indexedExchange(ExchangeStore.receiptKey(receipt));
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Optional<StoredExchange> exchange = outbox.store().exchange(id.get());
        if (exchange.isEmpty() || Outbox.direction(exchange.get().getKind()) != ExchangeDirection.OUTBOUND
                || exchange.get().getState() == StoredExchangeState.STATE_ACKNOWLEDGED) {
            return Optional.empty();
        }
        Optional<ReceiptRecord> record = ledger.call(() -> ledger.reader().receipt(receipt));
        return record.flatMap(ReceiptRecord::acknowledged)
                .map(ack -> new Acknowledged(id.get(), ack.acknowledgment()));
    }

    private static void annotate(StoredExchange.Builder builder, Acknowledgment ack) {
        builder.setVerdict(ExchangeProtos.verdictToProto(ack.verdict()));
        ack.reason().ifPresent(reason -> builder.setRejection(ExchangeProtos.rejectionToProto(reason)));
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
