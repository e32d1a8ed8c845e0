package org.baton.ledger.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.baton.ledger.Committed;
import org.baton.ledger.LedgerUnavailableException;
import org.baton.ledger.TxId;
import org.baton.ledger.tx.SignedTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers transactions submitted concurrently by many threads into batches (see {@link SubmitBatching}) and hands
 * each batch to a {@link Sender} on one thread of its own. The sender completes every caller's future with that
 * caller's outcome. Thread-safe; {@link #close()} is idempotent and fails what is still waiting to be sent.
 */
final class SubmitCoalescer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SubmitCoalescer.class);

    /**
     * A transaction waiting for its batch, and its caller's answer.
     *
     * @param transaction its canonical bytes (not copied)
     * @param signature its own signature, or null if the sender is to sign it in the batch signature
     * @param operation the port operation, for error messages
     * @param bytes what the transaction adds to a request, roughly: its bytes, its signature and framing
     * @param enqueuedNanos when it was queued ({@link System#nanoTime()})
     * @param deadlineNanos when its caller stops waiting ({@link System#nanoTime()})
     */
    record Pending(byte[] transaction, byte[] signature, TxId txId, String operation, int bytes, long enqueuedNanos,
            long deadlineNanos, CompletableFuture<Committed> done) {

        void fail(Throwable cause) {
            done.completeExceptionally(new LedgerUnavailableException(operation, Optional.of(txId), cause));
        }
    }

    /** Sends one batch. */
    @FunctionalInterface
    interface Sender {
        /**
         * Sends {@code batch} in one call that must end by {@code deadlineNanos}, and completes the future of each
         * of its transactions. Must not block.
         *
         * @return completes when the call has ended
         */
        CompletionStage<?> send(List<Pending> batch, long deadlineNanos);
    }

    private final SubmitBatching batching;
    private final Sender sender;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Semaphore inFlight;
    private final Thread thread;
    /** A transaction taken from the queue that did not fit in the last batch; only the sending thread touches it. */
    private Pending carried;
    private volatile boolean closed;

    SubmitCoalescer(String name, SubmitBatching batching, Sender sender) {
        this.batching = batching;
        this.sender = sender;
        this.inFlight = new Semaphore(batching.maxInFlight());
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Queues a signed transaction for the next batch.
     *
     * @param transaction the bytes of {@code signed}, which the caller has at hand
     * @param deadline how long the caller waits, sending included
     * @return completes with the commit, or fails with the port's exceptions
     */
    CompletableFuture<Committed> submit(SignedTransaction signed, byte[] transaction, TxId txId, String operation,
            Duration deadline) {
        return enqueue(transaction, signed.signature(), txId, operation, deadline);
    }

    /**
     * Queues a transaction that the sender signs in the batch signature of the call that carries it.
     *
     * @param transaction canonical transaction bytes, no longer touched by the caller
     * @param deadline how long the caller waits, sending included
     * @return completes with the commit, or fails with the port's exceptions
     */
    CompletableFuture<Committed> submitUnsigned(byte[] transaction, TxId txId, String operation, Duration deadline) {
        return enqueue(transaction, null, txId, operation, deadline);
    }

    private CompletableFuture<Committed> enqueue(byte[] transaction, byte[] signature, TxId txId, String operation,
            Duration deadline) {
        long now = System.nanoTime();
        Pending pending = new Pending(transaction, signature, txId, operation,
                transaction.length + (signature == null ? 32 : SignedTransaction.SIGNATURE_LENGTH) + 16, now,
                now + deadline.toNanos(), new CompletableFuture<>());
        if (closed) {
            pending.fail(closedCause());
            return pending.done();
        }
        queue.add(pending);
        if (closed && queue.remove(pending)) {
            pending.fail(closedCause());
        }
        return pending.done();
    }

    private void run() {
        try {
            while (!closed) {
                inFlight.acquire();
                List<Pending> batch = collect();
                if (batch.isEmpty()) {
                    inFlight.release();
                    continue;
                }
                send(batch);
            }
        } catch (InterruptedException e) {
            // Closing.
        }
    }

    /** Waits for a first transaction, then gathers more within the limits; empty if none came for a while. */
    private List<Pending> collect() throws InterruptedException {
        List<Pending> batch = new ArrayList<>();
        Pending first = carried;
        carried = null;
        if (first == null) {
            first = queue.poll(100, TimeUnit.MILLISECONDS);
            if (first == null) {
                return batch;
            }
        }
        batch.add(first);
        int bytes = first.bytes();
        long lingerUntil = first.enqueuedNanos() + batching.window().toNanos();
        try {
            gather(batch, bytes, lingerUntil);
        } catch (InterruptedException e) {
            batch.forEach(pending -> pending.fail(closedCause()));
            throw e;
        }
        return batch;
    }

    private void gather(List<Pending> batch, int size, long lingerUntil) throws InterruptedException {
        int bytes = size;
        while (batch.size() < batching.maxTransactions()) {
            Pending next = queue.poll();
            if (next == null) {
                long remaining = lingerUntil - System.nanoTime();
                if (remaining <= 0 || closed) {
                    break;
                }
                next = queue.poll(remaining, TimeUnit.NANOSECONDS);
                if (next == null) {
                    break;
                }
            }
            if (bytes + next.bytes() > batching.maxBytes()) {
                carried = next;
                break;
            }
            batch.add(next);
            bytes += next.bytes();
        }
    }

    private void send(List<Pending> batch) {
        long now = System.nanoTime();
        List<Pending> live = new ArrayList<>(batch.size());
        long deadline = Long.MAX_VALUE;
        for (Pending pending : batch) {
            if (pending.deadlineNanos() - now <= 0) {
                pending.fail(new IllegalStateException("the deadline passed before the transaction could be sent"));
            } else {
                live.add(pending);
                deadline = Math.min(deadline, pending.deadlineNanos());
            }
        }
        if (live.isEmpty()) {
            inFlight.release();
            return;
        }
        CompletionStage<?> call;
        try {
            call = sender.send(live, deadline);
        } catch (RuntimeException e) {
            LOG.warn("sending a batch of {} transactions to the ledger failed: {}", live.size(), e.toString());
            live.forEach(pending -> pending.fail(e));
            inFlight.release();
            return;
        }
        call.whenComplete((ignored, error) -> inFlight.release());
    }

    private static IllegalStateException closedCause() {
        return new IllegalStateException("the ledger client is closed");
    }

    /** Stops gathering; transactions not yet sent fail as unavailable. Batches already sent still complete. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (carried != null) {
            carried.fail(closedCause());
            carried = null;
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.fail(closedCause());
        }
    }
}
