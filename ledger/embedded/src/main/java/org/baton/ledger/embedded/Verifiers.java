package org.baton.ledger.embedded;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads that verify the signatures of a large batch alongside the thread that received it: one fewer than the
 * processors, since the receiving thread verifies a share itself. Created on first use. {@link #close()} lets
 * queued work finish (a batch waits for every share), then stops the threads; it is idempotent.
 */
final class Verifiers implements AutoCloseable {

    private final int parallelism;
    private final ThreadPoolExecutor pool;

    Verifiers(int processors) {
        this.parallelism = Math.max(1, processors);
        AtomicInteger counter = new AtomicInteger();
        int threads = Math.max(1, parallelism - 1);
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "ledger-verify-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.pool.allowCoreThreadTimeOut(true);
    }

    /** How many threads may verify one batch at once, the caller included. */
    int parallelism() {
        return parallelism;
    }

    Executor executor() {
        return pool;
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
