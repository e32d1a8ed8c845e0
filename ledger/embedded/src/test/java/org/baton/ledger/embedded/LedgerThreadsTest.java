package org.baton.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.baton.bench.ThreadCpu;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerThreadsTest {

    @Nested
    class Thread_names {

        @Test
        void of_the_ledger_server_count_as_the_ledger() {
            assertThat(LedgerThreads.isLedger("ledger-sequence")).isTrue();
            assertThat(LedgerThreads.isLedger("ledger-writer")).isTrue();
            assertThat(LedgerThreads.isLedger("ledger-rpc-3")).isTrue();
            assertThat(LedgerThreads.isLedger("ledger-verify-1")).isTrue();
            assertThat(LedgerThreads.isLedger("ledger-net-4-1")).isTrue();
            assertThat(LedgerThreads.isLedger("rocksdb:high")).isTrue();
        }

        @Test
        void of_clients_and_submitters_do_not_count_as_the_ledger() {
            assertThat(LedgerThreads.isLedger("ledger-submit-C")).isFalse();
            assertThat(LedgerThreads.isLedger("grpc-default-wo")).isFalse();
            assertThat(LedgerThreads.isLedger("pool-1-thread-1")).isFalse();
        }

        @Test
        void of_the_jit_and_the_collector_count_as_the_jvm() {
            assertThat(ThreadCpu.isJvm("C2 CompilerThre")).isTrue();
            assertThat(ThreadCpu.isJvm("C1 CompilerThre")).isTrue();
            assertThat(ThreadCpu.isJvm("GC Thread#0")).isTrue();
            assertThat(ThreadCpu.isJvm("G1 Conc#0")).isTrue();
            assertThat(ThreadCpu.isJvm("ledger-rpc-1")).isFalse();
        }
    }

    @Nested
    class A_snapshot {

        @Test
        void charges_a_busy_ledger_thread_to_the_ledger() throws InterruptedException {
            // Only where /proc exists (Linux); elsewhere every figure is zero by design.
            assumeTrue(Files.isDirectory(Path.of("/proc/self/task")));
            ThreadCpu before = ThreadCpu.snapshot();
            CountDownLatch burnt = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicLong sink = new AtomicLong();
            Thread busy = new Thread(() -> {
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long from = threads.getCurrentThreadCpuTime();
                long x = 1;
                // 60 ms of CPU: six clock ticks, the granularity of /proc.
                while (threads.getCurrentThreadCpuTime() - from < 60_000_000L) {
                    for (int i = 0; i < 10_000; i++) {
                        x = x * 6364136223846793005L + 1442695040888963407L;
                    }
                }
                sink.set(x);
                burnt.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "ledger-rpc-test");
            busy.start();
            burnt.await();
            // Read while the thread still lives: threads that ended are not counted.
            LedgerThreads.Split split = LedgerThreads.split(before, ThreadCpu.snapshot());
            release.countDown();
            busy.join();

            assertThat(split.ledger()).isGreaterThanOrEqualTo(40_000_000L);
            assertThat(split.jvm()).isNotNegative();
            assertThat(split.other()).isNotNegative();
        }
    }
}
