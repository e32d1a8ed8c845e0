package org.baton.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class TransactionClockTest {

    @Test
    void stamps_the_clocks_instant_when_it_moved_on() {
        Instant at = Instant.parse("2026-03-02T17:00:00.123456789Z");
        TransactionClock clock = new TransactionClock(Clock.fixed(at, ZoneOffset.UTC));

        assertThat(clock.next()).isEqualTo(at);
    }

    @Test
    void stamps_a_nanosecond_later_while_the_clock_stands_still() {
        Instant at = Instant.parse("2026-03-02T17:00:00Z");
        TransactionClock clock = new TransactionClock(Clock.fixed(at, ZoneOffset.UTC));

        List<Instant> stamps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            stamps.add(clock.next());
        }

        assertThat(stamps).containsExactly(at, at.plusNanos(1), at.plusNanos(2));
    }

    @Test
    void never_stamps_earlier_when_the_clock_goes_back() {
        MutableClock time = new MutableClock(Instant.parse("2026-03-02T17:00:01Z"));
        TransactionClock clock = new TransactionClock(time);
        Instant first = clock.next();

        time.at = Instant.parse("2026-03-02T17:00:00Z");

        assertThat(clock.next()).isEqualTo(first.plusNanos(1));
    }

    @Test
    void gives_distinct_increasing_stamps_to_concurrent_callers() throws InterruptedException {
        TransactionClock clock = new TransactionClock(Clock.fixed(Instant.parse("2026-03-02T17:00:00Z"), ZoneOffset.UTC));
        ConcurrentLinkedQueue<Instant> stamps = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    stamps.add(clock.next());
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        Set<Instant> distinct = new HashSet<>(stamps);
        assertThat(distinct).hasSize(4000);
        assertThat(clock.next()).isAfter(distinct.stream().max(Instant::compareTo).orElseThrow());
    }

    private static final class MutableClock extends Clock {
        private Instant at;

        MutableClock(Instant at) {
            this.at = at;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return at;
        }
    }
}
