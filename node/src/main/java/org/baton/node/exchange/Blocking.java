package org.baton.node.exchange;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.Supplier;

/**
 * Runs a call that holds its thread while it waits (a blocking gRPC call, a ledger read) so that the exchange's
 * workers ({@link WorkScheduler}, a {@link ForkJoinPool}) can let another worker run meanwhile: the pool keeps as
 * many workers running as it has processors to run them, and a worker that waits here is not counted. On any other
 * thread the call simply runs.
 */
final class Blocking {

    private Blocking() {
    }

    /** Runs {@code call}, telling the pool of the current thread, if any, that it waits; returns or throws as it does. */
    static <T> T call(Supplier<T> call) {
        if (!(Thread.currentThread() instanceof ForkJoinWorkerThread)) {
            return call.get();
        }
        Blocker<T> blocker = new Blocker<>(call);
        try {
            ForkJoinPool.managedBlock(blocker);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before a blocking call", e);
        }
        if (blocker.failure != null) {
            throw blocker.failure;
        }
        return blocker.result;
    }

    private static final class Blocker<T> implements ForkJoinPool.ManagedBlocker {
        private final Supplier<T> call;
        private boolean done;
        private T result;
        private RuntimeException failure;

        Blocker(Supplier<T> call) {
            this.call = call;
        }

        @Override
        public boolean block() {
            try {
                result = call.get();
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                done = true;
            }
            return true;
        }

        @Override
        public boolean isReleasable() {
            return done;
        }
    }
}
