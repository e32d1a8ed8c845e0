package org.baton.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ThreadCpuTest {

    @Test
    void names_the_jit_compilers_as_compilers_and_as_the_jvm() {
        assertThat(ThreadCpu.isCompiler("C2 CompilerThre")).isTrue();
        assertThat(ThreadCpu.isCompiler("GC Thread#0")).isFalse();
        assertThat(ThreadCpu.isJvm("C1 CompilerThre")).isTrue();
        assertThat(ThreadCpu.isJvm("VM Thread")).isTrue();
        assertThat(ThreadCpu.isJvm("main")).isFalse();
    }

    @Test
    void charges_the_cpu_a_named_thread_spent_to_that_thread() throws InterruptedException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "no /proc: per-thread CPU is not reported here");
        ThreadCpu before = ThreadCpu.snapshot();
        CountDownLatch burnt = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong sink = new AtomicLong();
        // The JVM gives the threads it starts their name natively (the launcher's main thread stays "java").
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
        }, "bench-busy");
        busy.start();
        burnt.await();
        // Read while the thread still lives: threads that ended are not counted.
        ThreadCpu after = ThreadCpu.snapshot();
        release.countDown();
        busy.join();

        assertThat(before.available()).isTrue();
        assertThat(after.nanosSince(before, "bench-busy"::equals)).isGreaterThanOrEqualTo(40_000_000L);
        assertThat(after.nanosSince(before, name -> false)).isZero();
    }
}
