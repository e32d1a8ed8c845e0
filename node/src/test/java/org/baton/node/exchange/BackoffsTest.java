package org.baton.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.baton.ledger.testing.MutableClock;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BackoffsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
    private final List<String> told = new ArrayList<>();
    private final Backoffs backoffs = new Backoffs(Duration.ofMillis(100), Duration.ofSeconds(2), clock,
            new Backoffs.Listener() {
                @Override
                public void unavailable(String target, String error, Duration retryIn) {
                    told.add("unavailable " + target + ": " + error);
                }

                @Override
                public void available(String target) {
                    told.add("available " + target);
                }
            });

    @Test
    void waits_longer_after_each_failed_probe_up_to_the_maximum() {
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Duration wait = backoffs.failed("110662", "refused");
            waits.add(wait);
            clock.advance(wait);
        }

        assertThat(waits.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(waits.get(2)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(waits).allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(2)));
        assertThat(waits.get(7)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(backoffs.health("110662").orElseThrow().failures()).isEqualTo(8);
        assertThat(told).containsExactly("unavailable 110662: refused");
    }

    @Test
    void does_not_lengthen_a_running_backoff_for_failures_of_calls_already_in_flight() {
        Duration first = backoffs.failed("ledger", "down");
        clock.advance(Duration.ofMillis(10));

        Duration second = backoffs.failed("ledger", "down");

        assertThat(second).isEqualTo(first.minus(Duration.ofMillis(10)));
        assertThat(backoffs.health("ledger").orElseThrow().failures()).isEqualTo(1);
    }

    @Test
    void forgets_a_target_that_answers_again() {
        backoffs.failed("ledger", "down");

        backoffs.succeeded("ledger");

        assertThat(backoffs.remaining("ledger")).isZero();
        assertThat(backoffs.failing()).isEmpty();
        assertThat(told).containsExactly("unavailable ledger: down", "available ledger");
    }
}
