package org.baton.trust;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Single-thread Ed25519 throughput over 1 KiB messages: a warm-up, then five rounds of 2 s of this thread's CPU
 * time; prints each round and the median as operations per CPU-second of one core (CPU time, not wall time, so
 * that other load on the machine does not distort the figure). Run with
 * {@code java -cp trust/target/classes:trust/target/test-classes:<bcprov jar> org.baton.trust.SigningBenchmark}.
 */
public final class SigningBenchmark {

    private static final long ROUND_NANOS = 2_000_000_000L;

    private SigningBenchmark() {
    }

    public static void main(String[] args) {
        SecureRandom random = new SecureRandom();
        SigningKey key = SigningKey.generate(random);
        byte[] message = new byte[1024];
        random.nextBytes(message);
        byte[] signature = key.sign(message);

        round(() -> key.sign(message));
        round(() -> key.publicKey().verify(message, signature));

        double[] signs = new double[5];
        double[] verifies = new double[5];
        for (int i = 0; i < 5; i++) {
            signs[i] = round(() -> key.sign(message));
            verifies[i] = round(() -> {
                if (!key.publicKey().verify(message, signature)) {
                    throw new IllegalStateException("signature did not verify");
                }
            });
            System.out.printf("round %d: %,.0f signs/s, %,.0f verifies/s%n", i + 1, signs[i], verifies[i]);
        }
        System.out.printf("median: %,.0f signs/s, %,.0f verifies/s per CPU-second of one core (1 KiB messages)%n",
                median(signs), median(verifies));
    }

    private static double round(Runnable operation) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        long count = 0;
        long elapsed;
        do {
            for (int i = 0; i < 100; i++) {
                operation.run();
            }
            count += 100;
            elapsed = threads.getCurrentThreadCpuTime() - start;
        } while (elapsed < ROUND_NANOS);
        return count * 1e9 / elapsed;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
