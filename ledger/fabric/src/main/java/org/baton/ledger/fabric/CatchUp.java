package org.baton.ledger.fabric;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.baton.ledger.LedgerUnavailableException;

/**
 * Asks again, for a while, when the Gateway peer says something is not on the ledger. Fabric's peers commit each
 * block as they receive it, so right after another institution's write returned (committed on its own peer), this
 * institution's peer may still lack that block: its "not found" is then only late. Asking again every
 * {@value #PAUSE_MILLIS} ms until {@code window} has passed turns that into the answer the writer saw; a record that
 * really is absent costs the window once.
 */
final class CatchUp {

    static final long PAUSE_MILLIS = 50;

    private final Duration window;

    CatchUp(Duration window) {
        this.window = window;
    }

    /** When a wait starting now ends, in {@link System#nanoTime()}. */
    long deadline() {
        return System.nanoTime() + window.toNanos();
    }

    /** {@code read}'s answer, asked again while it is empty, until {@link #window} has passed. */
    <T> Optional<T> read(Supplier<Optional<T>> read) {
        long deadline = deadline();
        while (true) {
            Optional<T> answer = read.get();
            if (answer.isPresent() || !pause(deadline)) {
                return answer;
            }
        }
    }

    /**
     * Waits before asking again; false once the window has passed.
     *
     * @throws LedgerUnavailableException if the thread is interrupted while it waits
     */
    boolean pause(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        try {
            Thread.sleep(Math.min(PAUSE_MILLIS, Math.max(1, left / 1_000_000)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException("catch up", Optional.empty(), e);
        }
        return true;
    }
}
