package org.baton.node.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoreTransaction;
import org.baton.node.store.StoreWriteException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the exchange's state changes in groups: the changes queued while the previous commit was running go into
 * one store transaction, so many exchanges share one fsync, as the ledger's blocks do. Each change runs inside the
 * transaction, so it may read what earlier changes of the batch wrote and decide from the current state (every
 * read-modify-write of exchange state happens here, in order). A change that throws is reported to its caller
 * alone: the batch is then retried one change per transaction.
 *
 * <p>One thread at a time commits (the leader). A caller that waits for its change ({@link #write}) leads itself
 * when no one else is committing: it commits what is queued, its own change included, on its own thread, so a
 * quiet node does not hand every write to another thread and wait to be woken. Otherwise, and for changes whose
 * callers do not wait ({@link #submit}), the writer's own thread leads; a leader that finishes with changes still
 * queued wakes it.
 *
 * <p>A change submitted {@linkplain #submitWithoutSync without sync} does not need the disk's confirmation: a batch
 * of only such changes commits without waiting for it, and becomes durable with the next synchronous batch.
 */
final class GroupCommitWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int MAX_BATCH = 512;
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private record Change(Consumer<StoreTransaction> apply, CompletableFuture<Void> done, boolean sync) {
    }

    private final RecordStore store;
    private final Optional<CachingTransaction.Cache<?, ?>> cache;
    private final Queue<Change> queue = new ConcurrentLinkedQueue<>();
    /** Held by the one thread committing; taken only after queueing, released before looking at the queue again. */
    private final AtomicBoolean leading = new AtomicBoolean();
    private final Thread thread;
    private volatile boolean closed;

    GroupCommitWriter(RecordStore store, String name) {
        this(store, name, Optional.empty());
    }

    /**
     * A writer whose transactions keep the values of one column they read or write in {@code cache} (see
     * {@link CachingTransaction}); every write to that column must then go through this writer.
     */
    GroupCommitWriter(RecordStore store, String name, Optional<CachingTransaction.Cache<?, ?>> cache) {
        this.store = Objects.requireNonNull(store, "store");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues {@code change}; the future completes once it is committed (durably, if the store syncs writes). */
    CompletableFuture<Void> submit(Consumer<StoreTransaction> change) {
        return submit(change, true, true);
    }

    /**
     * Queues {@code change}, to be committed without waiting for the disk (see
     * {@link StoreTransaction#commitWithoutSync()}): only for a change a restart can redo if the machine crashes
     * before a later synchronous commit. The future completes once it is committed.
     */
    CompletableFuture<Void> submitWithoutSync(Consumer<StoreTransaction> change) {
        return submit(change, false, true);
    }

    private CompletableFuture<Void> submit(Consumer<StoreTransaction> change, boolean sync, boolean wakeWriter) {
        Objects.requireNonNull(change, "change");
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("the exchange store writer is closed"));
            return done;
        }
        queue.add(new Change(change, done, sync));
        if (wakeWriter && !leading.get()) {
            LockSupport.unpark(thread);
        }
        return done;
    }

    /** Commits {@code change} and returns once it is committed; rethrows what it threw. */
    void write(Consumer<StoreTransaction> change) {
        commitOrAwait(submit(change, true, false));
    }

    /** Commits {@code change} {@linkplain #submitWithoutSync without sync} and returns once it is committed. */
    void writeWithoutSync(Consumer<StoreTransaction> change) {
        commitOrAwait(submit(change, false, false));
    }

    /** Leads if no one is committing, until {@code done}'s change is committed; else waits for the leader. */
    private void commitOrAwait(CompletableFuture<Void> done) {
        if (!done.isDone() && leading.compareAndSet(false, true)) {
            try {
                while (!done.isDone() && !queue.isEmpty()) {
                    commitNextBatch();
                }
            } finally {
                leading.set(false);
            }
            if (!queue.isEmpty()) {
                LockSupport.unpark(thread);
            }
        } else if (!done.isDone() && !leading.get()) {
            // The leader finished between this change being queued and the look above: the writer takes over.
            LockSupport.unpark(thread);
        }
        await(done);
    }

    /** How many changes are queued, not yet taken into a batch. */
    int queued() {
        return queue.size();
    }

    static void await(CompletableFuture<Void> done) {
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreWriteException("interrupted while waiting for an exchange state write", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new CompletionException(cause);
        }
    }

    /** The writer's thread: leads whenever changes are queued and no caller is committing them. */
    private void run() {
        while (true) {
            if (!queue.isEmpty() && leading.compareAndSet(false, true)) {
                try {
                    while (!queue.isEmpty()) {
                        commitNextBatch();
                    }
                } finally {
                    leading.set(false);
                }
                continue;
            }
            if (closed && queue.isEmpty()) {
                return;
            }
            LockSupport.parkNanos(this, IDLE_NANOS);
        }
    }

    /** Takes up to {@link #MAX_BATCH} queued changes and commits them; the caller leads. */
    private void commitNextBatch() {
        List<Change> batch = new ArrayList<>(Math.min(MAX_BATCH, 16));
        Change next;
        while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
            batch.add(next);
        }
        try {
            commit(batch);
        } catch (RuntimeException | Error e) {
            failAll(batch, e);
        }
    }

    private void commit(List<Change> batch) {
        try (StoreTransaction tx = begin()) {
            boolean sync = false;
            for (Change change : batch) {
                change.apply().accept(tx);
                sync |= change.sync();
            }
            if (sync) {
                tx.commit();
            } else {
                tx.commitWithoutSync();
            }
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).done().completeExceptionally(e);
                return;
            }
            LOG.debug("exchange state batch of {} failed ({}); retrying change by change", batch.size(),
                    e.getClass().getSimpleName());
            for (Change change : batch) {
                commit(List.of(change));
            }
            return;
        }
        for (Change change : batch) {
            change.done().complete(null);
        }
    }

    private StoreTransaction begin() {
        StoreTransaction tx = store.beginTransaction();
        return cache.isPresent() ? caching(tx, cache.get()) : tx;
    }

    private static <K, V> StoreTransaction caching(StoreTransaction tx, CachingTransaction.Cache<K, V> cache) {
        return new CachingTransaction<>(tx, cache);
    }

    private static void failAll(List<Change> batch, Throwable error) {
        for (Change change : batch) {
            change.done().completeExceptionally(error);
        }
    }

    /** Commits what is queued, then stops the thread. Idempotent. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Change left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new IllegalStateException("the exchange store writer is closed"));
        }
    }
}
