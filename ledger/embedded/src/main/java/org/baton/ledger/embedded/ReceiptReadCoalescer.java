package org.baton.ledger.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.baton.ledger.LedgerUnavailableException;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers receipt reads made concurrently by many threads into batched calls. A read with no call in flight is
 * sent at once, alone; reads that arrive while {@code maxInFlight} calls are out wait for the first of them to end
 * and then go together, up to {@code maxBatch} per call. So a lone reader pays no wait, and under load the number
 * of calls grows with the round trips, not with the reads. No thread of its own: the next batch is sent from the
 * callback of the call that ended. Thread-safe; {@link #close()} is idempotent and fails what is still waiting.
 */
final class ReceiptReadCoalescer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiptReadCoalescer.class);

    /** A read waiting for its batch, and its caller's answer. */
    record Pending(ReceiptId id, CompletableFuture<Optional<ReceiptRecord>> done) {
    }

    /** Sends one batch. */
    @FunctionalInterface
    interface Sender {
        /**
         * Sends {@code batch} in one call and completes the future of each of its reads. Must not block.
         *
         * @return completes when the call has ended
         */
        CompletionStage<?> send(List<Pending> batch);
    }

    private final Sender sender;
    private final int maxBatch;
    private final int maxInFlight;
    private final Object lock = new Object();
    private List<Pending> waiting = new ArrayList<>();
    private int inFlight;
    private boolean closed;

    ReceiptReadCoalescer(int maxBatch, int maxInFlight, Sender sender) {
        if (maxBatch < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("a batch of " + maxBatch + " reads with " + maxInFlight
                    + " calls in flight: both must be positive");
        }
        this.sender = sender;
        this.maxBatch = maxBatch;
        this.maxInFlight = maxInFlight;
    }

    /**
     * Queues a read of one receipt.
     *
     * @return completes with the receipt if the ledger holds it, or fails with the port's exceptions
     */
    CompletableFuture<Optional<ReceiptRecord>> read(ReceiptId id) {
        Pending pending = new Pending(id, new CompletableFuture<>());
        List<Pending> batch;
        synchronized (lock) {
            if (closed) {
                pending.done().completeExceptionally(
                        new LedgerUnavailableException("receipt", Optional.empty(), closedCause()));
                return pending.done();
            }
            waiting.add(pending);
            batch = takeIfFree();
        }
        if (batch != null) {
            send(batch);
        }
        return pending.done();
    }

    /** The next batch if a call may start now (counted as in flight), else null. Holds the lock. */
    private List<Pending> takeIfFree() {
        if (waiting.isEmpty() || inFlight >= maxInFlight) {
            return null;
        }
        inFlight++;
        if (waiting.size() <= maxBatch) {
            List<Pending> batch = waiting;
            waiting = new ArrayList<>();
            return batch;
        }
        List<Pending> batch = new ArrayList<>(waiting.subList(0, maxBatch));
        waiting = new ArrayList<>(waiting.subList(maxBatch, waiting.size()));
        return batch;
    }

    private void send(List<Pending> batch) {
        CompletionStage<?> call;
        try {
            call = sender.send(batch);
        } catch (RuntimeException e) {
            LOG.warn("sending a batch of {} receipt reads to the ledger failed: {}", batch.size(), e.toString());
            batch.forEach(pending -> pending.done().completeExceptionally(
                    new LedgerUnavailableException("receipt", Optional.empty(), e)));
            ended();
            return;
        }
        call.whenComplete((result, error) -> ended());
    }

    private void ended() {
        List<Pending> next;
        synchronized (lock) {
            inFlight--;
            next = closed ? null : takeIfFree();
        }
        if (next != null) {
            send(next);
        }
    }

    private static IllegalStateException closedCause() {
        return new IllegalStateException("the ledger client is closed");
    }

    @Override
    public void close() {
        List<Pending> left;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            left = waiting;
            waiting = new ArrayList<>();
        }
        left.forEach(pending -> pending.done().completeExceptionally(
                new LedgerUnavailableException("receipt", Optional.empty(), closedCause())));
    }
}
