package org.baton.node.exchange;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.baton.proto.v1.StoredWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the exchange's unfinished work: each item (an exchange, a notification, a grant to record) is advanced one
 * step at a time by a {@link Handler} on a pool of worker threads, never by two threads at once. A step that waits
 * for a call's answer may give its thread back while it waits ({@link Step.Awaiting}). A step that calls
 * a target (the ledger, a peer) that is down is retried when {@link Backoffs} says so. The items are the rows of the
 * store's pending column: loaded on start, added as work is created, removed by the step that finishes it.
 */
final class WorkScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkScheduler.class);

    /** Target of a step that failed without naming what it called (a local fault). */
    static final String LOCAL = "local";

    /** What a step achieved. */
    sealed interface Step {
        /** Nothing more to do for the item (its pending row is gone). */
        record Done() implements Step {
        }

        /** The item moved on; run its next step now. */
        record Continue() implements Step {
        }

        /** A call to {@code target} failed; try again when the target's backoff allows. */
        record Retry(String target, String error) implements Step {
        }

        /**
         * The step goes on without a worker thread: it waits for a call's answer (the ledger's, a peer's) that
         * completes {@code next} with how the step ended. The item stays running meanwhile (no other step of it
         * starts), and the worker is free for other items. A failed {@code next} is retried as a local fault.
         */
        record Awaiting(CompletionStage<Step> next) implements Step {
            public Awaiting {
                Objects.requireNonNull(next, "next");
            }
        }

        /**
         * What is left of an awaited step may block (a read of the ledger, a durable write): it runs on a worker
         * thread, never on the thread that completed the awaited call.
         */
        record OnWorker(Supplier<Step> rest) implements Step {
            public OnWorker {
                Objects.requireNonNull(rest, "rest");
            }
        }
    }

    static final Step DONE = new Step.Done();
    static final Step CONTINUE = new Step.Continue();

    /** Advances one item by one step. */
    interface Handler {
        Step step(StoredWork work);
    }

    private static final class Item {
        final StoredWork work;
        volatile boolean running;
        volatile boolean again;
        volatile String label;
        volatile Optional<String> waitingFor = Optional.empty();
        volatile int attempts;
        /** When the item was last handed to the workers ({@link System#nanoTime()}). */
        volatile long queuedNanos;

        Item(StoredWork work, String label) {
            this.work = work;
            this.label = label;
        }
    }

    private final Backoffs backoffs;
    private final Handler handler;
    private final LongConsumer queueWait;
    private final Map<String, Item> items = new ConcurrentHashMap<>();
    private final ForkJoinPool workers;
    private final ScheduledExecutorService timer;
    private volatile boolean closed;

    /**
     * A scheduler that tells {@code queueWait} how long each item waited for a worker before a step ran, in ns.
     * As many workers run at once as there are processors (at least two, at most {@code threads}); a worker whose
     * step waits in a {@linkplain Blocking blocking call}, or for a future, is replaced meanwhile, up to
     * {@code threads} workers in all. A step that waits without a thread ({@link Step.Awaiting}) holds none.
     */
    WorkScheduler(int threads, Backoffs backoffs, Handler handler, LongConsumer queueWait) {
        this(threads, Math.min(threads, Math.max(2, Runtime.getRuntime().availableProcessors())), backoffs, handler,
                queueWait);
    }

    /** As above, with {@code running} workers running at once. */
    WorkScheduler(int threads, int running, Backoffs backoffs, Handler handler, LongConsumer queueWait) {
        if (running < 1 || running > threads) {
            throw new IllegalArgumentException("running workers " + running + " is not between 1 and " + threads);
        }
        this.backoffs = Objects.requireNonNull(backoffs, "backoffs");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.queueWait = Objects.requireNonNull(queueWait, "queueWait");
        AtomicInteger counter = new AtomicInteger();
        this.workers = new ForkJoinPool(running, pool -> {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setName("exchange-worker-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, (thread, error) -> LOG.error("exchange worker {} failed", thread.getName(), error), true, 0, threads, running,
                pool -> true, 60, TimeUnit.SECONDS);
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "exchange-timer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code work} now (or right after its current step, if it is running). */
    void submit(StoredWork work, String label) {
        String key = ExchangeStore.workKey(work.getKind(), work.getId());
        Item item = items.computeIfAbsent(key, k -> new Item(work, label));
        execute(item);
    }

    /** Notes what step an item is at, for the status. */
    void label(StoredWork.Kind kind, String id, String label) {
        Item item = items.get(ExchangeStore.workKey(kind, id));
        if (item != null) {
            item.label = label;
        }
    }

    /** The number of unfinished items by kind and label, e.g. {@code EXCHANGE/SIGNED}. */
    Map<String, Long> counts() {
        Map<String, Long> out = new HashMap<>();
        for (Item item : items.values()) {
            out.merge(item.work.getKind().name() + "/" + item.label, 1L, Long::sum);
        }
        return out;
    }

    /** True if the item is still unfinished here. */
    boolean isPending(StoredWork.Kind kind, String id) {
        return items.containsKey(ExchangeStore.workKey(kind, id));
    }

    private void execute(Item item) {
        if (closed) {
            return;
        }
        try {
            item.queuedNanos = System.nanoTime();
            workers.execute(() -> run(item));
        } catch (RejectedExecutionException e) {
            // Shutting down: the pending row stays and the item resumes on the next start.
        }
    }

    private void run(Item item) {
        synchronized (item) {
            if (item.running) {
                item.again = true;
                return;
            }
            item.running = true;
        }
        boolean awaiting = false;
        try {
            queueWait.accept(System.nanoTime() - item.queuedNanos);
            Optional<String> waiting = item.waitingFor;
            if (waiting.isPresent()) {
                Duration left = backoffs.remaining(waiting.get());
                if (!left.isZero()) {
                    later(item, left);
                    return;
                }
            }
            awaiting = steps(item, Optional.empty());
        } finally {
            if (!awaiting) {
                release(item);
            }
        }
    }

    /**
     * Runs the item's steps on this worker thread, starting with {@code first} when given, until one ends its turn.
     *
     * @return true if a step goes on {@linkplain Step.Awaiting without the thread}: the item stays running, and the
     *     awaited call's completion ends the turn
     */
    private boolean steps(Item item, Optional<Supplier<Step>> first) {
        Optional<Supplier<Step>> next = first;
        while (!closed) {
            item.again = false;
            Supplier<Step> step = next.orElse(() -> handler.step(item.work));
            next = Optional.empty();
            Step outcome = attempt(item, step);
            if (outcome instanceof Step.OnWorker rest) {
                next = Optional.of(rest.rest());
                continue;
            }
            if (outcome instanceof Step.Awaiting pending) {
                pending.next().whenComplete((ended, error) -> resumed(item, ended, error));
                return true;
            }
            if (!advanced(item, outcome)) {
                return false;
            }
        }
        return false;
    }

    /** Runs one step; a step that throws is retried as a local fault. */
    private Step attempt(Item item, Supplier<Step> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            return failed(item, e);
        }
    }

    private static Step failed(Item item, Throwable e) {
        Throwable cause = ExchangeErrors.unwrap(e);
        LOG.warn("exchange work {} {} failed: {}", item.work.getKind(), item.work.getId(), cause.toString());
        return new Step.Retry(LOCAL, cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    /**
     * Applies how a step ended: a finished item is forgotten, a failed one waits for its retry.
     *
     * @return true if the item moved on and its next step should run now
     */
    private boolean advanced(Item item, Step step) {
        if (step instanceof Step.Done) {
            items.remove(ExchangeStore.workKey(item.work.getKind(), item.work.getId()), item);
            return false;
        }
        if (step instanceof Step.Retry retry) {
            item.attempts++;
            Duration wait;
            if (LOCAL.equals(retry.target())) {
                wait = Duration.ofMillis(Math.min(60_000, 100L << Math.min(item.attempts, 9)));
                item.waitingFor = Optional.empty();
            } else {
                wait = backoffs.failed(retry.target(), retry.error());
                item.waitingFor = Optional.of(retry.target());
            }
            later(item, wait);
            return false;
        }
        item.attempts = 0;
        item.waitingFor = Optional.empty();
        return true;
    }

    /**
     * An awaited step ended, on whatever thread completed the call. Anything more to run (the next step, or what is
     * left of this one) goes back to the workers, still as the same turn of the item.
     */
    private void resumed(Item item, Step ended, Throwable error) {
        Step step = error != null ? failed(item, error) : Objects.requireNonNull(ended, "awaited step");
        Optional<Supplier<Step>> next;
        if (step instanceof Step.OnWorker rest) {
            next = Optional.of(rest.rest());
        } else if (step instanceof Step.Awaiting pending) {
            pending.next().whenComplete((again, failure) -> resumed(item, again, failure));
            return;
        } else if (advanced(item, step)) {
            next = Optional.empty();
        } else {
            release(item);
            return;
        }
        if (closed) {
            release(item);
            return;
        }
        try {
            workers.execute(() -> {
                boolean awaiting = false;
                try {
                    awaiting = steps(item, next);
                } finally {
                    if (!awaiting) {
                        release(item);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            // Shutting down: the pending row stays and the item resumes on the next start.
            release(item);
        }
    }

    /** Ends the item's turn; runs it again if it was submitted meanwhile and is still unfinished. */
    private void release(Item item) {
        boolean rerun;
        synchronized (item) {
            item.running = false;
            rerun = item.again && items.get(ExchangeStore.workKey(item.work.getKind(), item.work.getId())) == item;
            item.again = false;
        }
        if (rerun) {
            execute(item);
        }
    }

    private void later(Item item, Duration wait) {
        if (closed) {
            return;
        }
        try {
            timer.schedule(() -> execute(item), Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Shutting down.
        }
    }

    /** Stops taking work, lets running steps finish (up to {@code grace}), then stops. Idempotent. */
    void stop(Duration grace) {
        closed = true;
        timer.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    /** Forgets an item that finished outside the scheduler (e.g. a source's ack seen on the ledger). */
    void forget(StoredWork.Kind kind, String id) {
        items.remove(ExchangeStore.workKey(kind, id));
    }

    /** Used by status: the items still known. */
    int size() {
        return items.size();
    }
}
