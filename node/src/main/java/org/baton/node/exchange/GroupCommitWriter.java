package org.baton.node.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoreTransaction;
import org.baton.node.store.StoreWriteException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the exchange's state changes through one thread that groups the changes queued while the previous commit
 * was running into one store transaction: many exchanges share one fsync, as the ledger's blocks do. Each change
 * runs inside the transaction, so it may read what earlier changes of the batch wrote and decide from the current
 * state (every read-modify-write of exchange state happens here, in order). A change that throws is reported to its
 * caller alone: the batch is then retried one change per transaction.
 *
 * <p>A change submitted {@linkplain #submitWithoutSync without sync} does not need the disk's confirmation: a batch
 * of only such changes commits without waiting for it, and becomes durable with the next synchronous batch.
 */
final class GroupCommitWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int MAX_BATCH = 512;

    private record Change(Consumer<StoreTransaction> apply, CompletableFuture<Void> done, boolean sync) {
    }

    private final RecordStore store;
    private final Optional<CachingTransaction.Cache<?, ?>> cache;
    private final BlockingQueue<Change> queue = new LinkedBlockingQueue<>();
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
        return submit(change, true);
    }

    /**
     * Queues {@code change}, to be committed without waiting for the disk (see
     * {@link StoreTransaction#commitWithoutSync()}): only for a change a restart can redo if the machine crashes
     * before a later synchronous commit. The future completes once it is committed.
     */
    CompletableFuture<Void> submitWithoutSync(Consumer<StoreTransaction> change) {
        return submit(change, false);
    }

    private CompletableFuture<Void> submit(Consumer<StoreTransaction> change, boolean sync) {
        Objects.requireNonNull(change, "change");
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("the exchange store writer is closed"));
            return done;
        }
        queue.add(new Change(change, done, sync));
        return done;
    }

    /** Queues {@code change} and waits until it is committed; rethrows what it threw. */
    void write(Consumer<StoreTransaction> change) {
        await(submit(change));
    }

    /** Queues {@code change} {@linkplain #submitWithoutSync without sync} and waits until it is committed. */
    void writeWithoutSync(Consumer<StoreTransaction> change) {
        await(submitWithoutSync(change));
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

    private void run() {
        List<Change> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                Change first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closed && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failAll(batch, e);
                return;
            } catch (RuntimeException e) {
                failAll(batch, e);
            } finally {
                batch.clear();
            }
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
