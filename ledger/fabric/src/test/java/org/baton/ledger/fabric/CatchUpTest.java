package org.baton.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CatchUpTest {

    @Test
    void asks_again_until_the_answer_arrives() {
        AtomicInteger asked = new AtomicInteger();

        Optional<String> answer = new CatchUp(Duration.ofSeconds(5))
                .read(() -> asked.incrementAndGet() < 3 ? Optional.empty() : Optional.of("grant"));

        assertThat(answer).contains("grant");
        assertThat(asked).hasValue(3);
    }

    @Test
    void believes_an_absence_once_the_window_has_passed() {
        AtomicInteger asked = new AtomicInteger();
        long start = System.nanoTime();

        Optional<String> answer = new CatchUp(Duration.ofMillis(200)).read(() -> {
            asked.incrementAndGet();
            return Optional.empty();
        });

        assertThat(answer).isEmpty();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
        assertThat(asked.get()).isBetween(2, 200 / (int) CatchUp.PAUSE_MILLIS + 2);
    }

    @Test
    void asks_once_without_a_window() {
        AtomicInteger asked = new AtomicInteger();

        Optional<String> answer = new CatchUp(Duration.ZERO).read(() -> {
            asked.incrementAndGet();
            return Optional.empty();
        });

        assertThat(answer).isEmpty();
        assertThat(asked).hasValue(1);
    }
}
