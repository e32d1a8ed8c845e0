package org.baton.node.portal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Limits failed sign-in, second-factor and activation attempts per client address: at most {@code limit}
 * failures in a sliding {@code window}. Complements the per-account lockout, which alone would let one address
 * try one password against many accounts. Held in memory (a restart forgets it; the lockout persists).
 */
public final class SignInThrottle {

    private static final int MAX_ADDRESSES = 10_000;

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    public SignInThrottle(int limit, Duration window, Clock clock) {
        if (limit < 1) {
            throw new IllegalArgumentException("sign-in throttle limit " + limit + " is not positive");
        }
        this.limit = limit;
        this.window = Objects.requireNonNull(window, "window");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** True while the address may try again. */
    public synchronized boolean allows(String address) {
        Deque<Instant> times = failures.get(address);
        if (times == null) {
            return true;
        }
        prune(times);
        return times.size() < limit;
    }

    /** Counts one failure from the address. */
    public synchronized void failed(String address) {
        Deque<Instant> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        prune(times);
        times.addLast(clock.instant());
    }

    private void prune(Deque<Instant> times) {
        Instant cutoff = clock.instant().minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
            times.removeFirst();
        }
    }
}
