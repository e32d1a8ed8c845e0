package org.baton.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SigningKeyTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] DATA = "package 42".getBytes(StandardCharsets.UTF_8);

    @Nested
    class Sign {

        @Test
        void matches_the_RFC_8032_test_vector() {
            // RFC 8032 section 7.1, TEST 2.
            SigningKey key = SigningKey.fromSeed(
                    HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));

            byte[] signature = key.sign(HEX.parseHex("72"));

            assertThat(HEX.formatHex(key.publicKey().raw()))
                    .isEqualTo("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
            assertThat(HEX.formatHex(signature)).isEqualTo("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223"
                    + "ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
        }

        @Test
        void produces_64_byte_signatures_that_verify() {
            SigningKey key = SigningKey.generate(RANDOM);

            byte[] signature = key.sign(DATA);

            assertThat(signature).hasSize(64);
            assertThat(key.publicKey().verify(DATA, signature)).isTrue();
        }

        @Test
        void is_safe_to_share_between_threads() throws Exception {
            SigningKey key = SigningKey.generate(RANDOM);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    byte[] data = ("message " + i).getBytes(StandardCharsets.UTF_8);
                    results.add(pool.submit(() -> key.publicKey().verify(data, key.sign(data))));
                }
                for (Future<Boolean> result : results) {
                    assertThat(result.get()).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void refuses_a_seed_of_the_wrong_length() {
            assertThatThrownBy(() -> SigningKey.fromSeed(new byte[31]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("an Ed25519 private key is 32 bytes, got 31");
        }
    }

    @Nested
    class Verify {

        private final SigningKey key = SigningKey.generate(RANDOM);
        private final byte[] signature = key.sign(DATA);

        @Test
        void rejects_altered_data() {
            byte[] altered = DATA.clone();
            altered[0] ^= 1;

            assertThat(key.publicKey().verify(altered, signature)).isFalse();
        }

        @Test
        void rejects_a_signature_by_another_key() {
            VerifyingKey other = SigningKey.generate(RANDOM).publicKey();

            assertThat(other.verify(DATA, signature)).isFalse();
        }

        @Test
        void rejects_a_truncated_signature_without_throwing() {
            assertThat(key.publicKey().verify(DATA, new byte[10])).isFalse();
        }

        @Test
        void round_trips_through_the_raw_encoding() {
            VerifyingKey decoded = VerifyingKey.fromRaw(key.publicKey().raw());

            assertThat(decoded).isEqualTo(key.publicKey());
            assertThat(decoded.fingerprint()).isEqualTo(key.publicKey().fingerprint());
            assertThat(decoded.verify(DATA, signature)).isTrue();
        }

        @Test
        void refuses_a_raw_key_of_the_wrong_length() {
            assertThatThrownBy(() -> VerifyingKey.fromRaw(new byte[33]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("an Ed25519 public key is 32 bytes, got 33");
        }

        @Test
        void does_not_expose_its_encoding_for_change() {
            byte[] raw = key.publicKey().raw();
            raw[0] ^= 1;

            assertThat(key.publicKey().verify(DATA, signature)).isTrue();
        }
    }
}
