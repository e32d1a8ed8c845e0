package org.baton.node.exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How reachable each thing the exchange calls is — the ledger and each peer — and when to try it next. After a
 * failure a target is retried with exponential backoff and jitter (from {@code initial} up to {@code max}); every
 * work item waiting on it waits for the same next attempt, so a dead peer gets one probe per backoff period, not
 * one per queued exchange. Thread-safe.
 */
final class Backoffs {

    /** The target name of the ledger; peers are named by their institution id. */
    static final String LEDGER = "ledger";

    /** Told when a target stops and starts answering. */
    interface Listener {
        void unavailable(String target, String error, Duration retryIn);

        void available(String target);
    }

    /** One target's state. */
    record Health(String target, int failures, String lastError, Instant lastFailureAt, Instant nextAttemptAt) {
    }

    private final Duration initial;
    private final Duration max;
    private final Clock clock;
    private final Listener listener;
    private final Map<String, Health> failing = new HashMap<>();
    private volatile boolean anyFailing;

    Backoffs(Duration initial, Duration max, Clock clock, Listener listener) {
        this.initial = Objects.requireNonNull(initial, "initial");
        this.max = Objects.requireNonNull(max, "max");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Notes a failed call; returns how long to wait before calling {@code target} again. A failure while a backoff
     * is already running (another item's call in flight when the first failed) does not lengthen it.
     */
    Duration failed(String target, String error) {
        Instant now = clock.instant();
        Duration wait;
        boolean first;
        synchronized (failing) {
            Health health = failing.get(target);
            first = health == null;
            if (health != null && now.isBefore(health.nextAttemptAt())) {
                failing.put(target, new Health(target, health.failures(), error, now, health.nextAttemptAt()));
                return Duration.between(now, health.nextAttemptAt());
            }
            int failures = health == null ? 1 : health.failures() + 1;
            wait = delay(failures);
            failing.put(target, new Health(target, failures, error, now, now.plus(wait)));
            anyFailing = true;
        }
        if (first) {
            listener.unavailable(target, error, wait);
        }
        return wait;
    }

    /** Notes a successful call: the target is reachable again. */
    void succeeded(String target) {
        if (!anyFailing) {
            return;
        }
        Health removed;
        synchronized (failing) {
            removed = failing.remove(target);
            anyFailing = !failing.isEmpty();
        }
        if (removed != null) {
            listener.available(target);
        }
    }

    /** How long until {@code target} may be called again; zero when it may be called now. */
    Duration remaining(String target) {
        synchronized (failing) {
            Health health = failing.get(target);
            if (health == null) {
                return Duration.ZERO;
            }
            Duration left = Duration.between(clock.instant(), health.nextAttemptAt());
            return left.isNegative() ? Duration.ZERO : left;
        }
    }

    /** The target's state, when its last call failed. */
    Optional<Health> health(String target) {
        synchronized (failing) {
            return Optional.ofNullable(failing.get(target));
        }
    }

    /** Every target whose last call failed, by name. */
    List<Health> failing() {
        synchronized (failing) {
            List<Health> out = new ArrayList<>(failing.values());
            out.sort(Comparator.comparing(Health::target));
            return out;
        }
    }

    private Duration delay(int failures) {
        long base = initial.toMillis() << Math.min(failures - 1, 20);
        long capped = Math.min(max.toMillis(), Math.max(1, base));
        // Full jitter over the upper half: spreads the probes of many nodes without ever retrying at once.
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(Math.max(1, jittered));
    }
}
