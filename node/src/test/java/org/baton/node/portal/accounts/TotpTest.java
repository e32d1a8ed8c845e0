package org.baton.node.portal.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TotpTest {

    /** RFC 6238 appendix B test vectors (8 digits). */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "HmacSHA1,   59,          94287082",
        "HmacSHA256, 59,          46119246",
        "HmacSHA512, 59,          90693936",
        "HmacSHA1,   1111111109,  07081804",
        "HmacSHA1,   1234567890,  89005924",
        "HmacSHA256, 2000000000,  90698825",
        "HmacSHA512, 20000000000, 47863826",
    })
    void matches_the_rfc_6238_test_vectors(String hmac, long seconds, String expected) {
        String seed = switch (hmac) {
            case "HmacSHA1" -> "12345678901234567890";
            case "HmacSHA256" -> "12345678901234567890123456789012";
            default -> "1234567890123456789012345678901234567890123456789012345678901234";
        };
        assertThat(Totp.code(seed.getBytes(StandardCharsets.US_ASCII), seconds / 30, hmac, 8)).isEqualTo(expected);
    }

    @Test
    void base32_round_trips_a_seed() {
        String secret = Totp.newSecret(new SecureRandom());
        assertThat(secret).hasSize(32).matches("[A-Z2-7]+");
        assertThat(Totp.base32(Totp.unbase32(secret))).isEqualTo(secret);
        assertThat(Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }

    @Test
    void accepts_one_step_of_drift_and_each_code_once() {
        String secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        long step = Totp.step(now);
        assertThat(Totp.verify(secret, Totp.code(secret, step - 1), now, 0)).isEqualTo(OptionalLong.of(step - 1));
        assertThat(Totp.verify(secret, Totp.code(secret, step + 1), now, 0)).isEqualTo(OptionalLong.of(step + 1));
        assertThat(Totp.verify(secret, Totp.code(secret, step - 2), now, 0)).isEmpty();
        assertThat(Totp.verify(secret, Totp.code(secret, step), now, step)).as("replay").isEmpty();
        assertThat(Totp.verify(secret, "12345", now, 0)).isEmpty();
        assertThat(Totp.verify(secret, null, now, 0)).isEmpty();
    }

    @Test
    void writes_an_otpauth_uri_with_escaped_labels() {
        assertThat(Totp.otpauthUri("Sierra Unified", "ms.cruz", "ABCD"))
                .isEqualTo("otpauth://totp/Sierra%20Unified:ms.cruz?secret=ABCD&issuer=Sierra%20Unified"
                        + "&algorithm=SHA1&digits=6&period=30");
    }
}
