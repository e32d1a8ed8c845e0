package org.baton.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HeapActivityTest {

    @Test
    void counts_what_a_live_thread_allocated_between_two_snapshots() throws InterruptedException {
        HeapActivity before = HeapActivity.snapshot();
        assumeTrue(before.available(), "this JVM does not count allocation per thread");
        CountDownLatch allocated = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<byte[]> kept = new ArrayList<>();
        Thread allocating = new Thread(() -> {
            for (int i = 0; i < 64; i++) {
                kept.add(new byte[1 << 20]);
            }
            allocated.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-allocating");
        allocating.start();
        allocated.await();
        // Read while the thread still lives: a thread that ended takes its count with it.
        HeapActivity after = HeapActivity.snapshot();
        release.countDown();
        allocating.join();

        assertThat(kept).hasSize(64);
        assertThat(after.allocatedBytesSince(before)).isGreaterThanOrEqualTo(64L << 20);
        assertThat(after.collectionsSince(before)).isNotNegative();
        assertThat(after.collectionMillisSince(before)).isNotNegative();
    }

    @Test
    void counts_the_pauses_of_a_collector_that_reports_its_cycles_apart() {
        assertThat(counted("Shenandoah Pauses", "Shenandoah Cycles")).containsExactly("Shenandoah Pauses");
        assertThat(counted("ZGC Cycles", "ZGC Pauses")).containsExactly("ZGC Pauses");
    }

    @Test
    void counts_every_collector_that_reports_only_pauses() {
        assertThat(counted("G1 Young Generation", "G1 Old Generation"))
                .containsExactly("G1 Young Generation", "G1 Old Generation");
        assertThat(counted("PS Scavenge", "PS MarkSweep")).containsExactly("PS Scavenge", "PS MarkSweep");
    }

    /** The collectors among {@code names} whose counts the snapshot adds up. */
    private static List<String> counted(String... names) {
        List<String> all = List.of(names);
        return all.stream().filter(name -> HeapActivity.countsPauses(name, all)).toList();
    }
}
