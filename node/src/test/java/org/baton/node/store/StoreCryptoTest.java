package org.baton.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StoreCryptoTest {

    private static final byte[] COLUMN = "packages".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY = "pkg-1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PLAIN = "the same plaintext".getBytes(StandardCharsets.US_ASCII);

    private final StoreCrypto crypto = new StoreCrypto(StoreTestSupport.KEY);

    private static BigInteger nonce(byte[] encrypted) {
        return new BigInteger(1, Arrays.copyOfRange(encrypted, 1, 1 + StoreCrypto.NONCE_BYTES));
    }

    @Nested
    class Nonces {

        @Test
        void count_up_by_one_per_value_on_a_thread_so_none_repeats() throws Exception {
            BigInteger first = nonce(crypto.encrypt(COLUMN, KEY, PLAIN));
            BigInteger modulus = BigInteger.ONE.shiftLeft(96);
            for (int i = 1; i <= 1_000; i++) {
                byte[] encrypted = crypto.encrypt(COLUMN, KEY, PLAIN);
                assertThat(nonce(encrypted)).isEqualTo(first.add(BigInteger.valueOf(i)).mod(modulus));
                assertThat(crypto.decrypt(COLUMN, KEY, encrypted)).isEqualTo(PLAIN);
            }
        }

        @Test
        void start_at_a_random_point_on_each_thread() throws Exception {
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<BigInteger>> starts = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    starts.add(threads.submit(() -> nonce(crypto.encrypt(COLUMN, KEY, PLAIN))));
                }
                Set<BigInteger> distinct = new HashSet<>();
                for (Future<BigInteger> start : starts) {
                    distinct.add(start.get());
                }
                distinct.add(nonce(crypto.encrypt(COLUMN, KEY, PLAIN)));
                assertThat(distinct).hasSize(5);
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Nested
    class Values {

        @Test
        void fail_authentication_under_another_key() {
            byte[] encrypted = crypto.encrypt(COLUMN, KEY, PLAIN);

            assertThatThrownBy(() -> crypto.decrypt(COLUMN, "pkg-2".getBytes(StandardCharsets.US_ASCII), encrypted))
                    .isInstanceOf(AEADBadTagException.class)
                    .hasMessageStartingWith("Tag mismatch");
        }
    }
}
