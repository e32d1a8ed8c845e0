package org.baton.node.portal.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PasswordsTest {

    @Nested
    class Hashing {
        private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.OWASP, new SecureRandom());

        @Test
        void uses_argon2id_with_the_owasp_parameters_in_a_phc_string() {
            String phc = hasher.hash("correct horse battery staple");
            assertThat(phc).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
            assertThat(hasher.verify("correct horse battery staple", phc)).isTrue();
            assertThat(hasher.verify("correct horse battery stapler", phc)).isFalse();
        }

        @Test
        void salts_every_hash() {
            assertThat(hasher.hash("same password here")).isNotEqualTo(hasher.hash("same password here"));
        }

        @Test
        void refuses_a_malformed_hash_and_asks_to_rehash_weaker_ones() {
            assertThat(hasher.verify("x", "$argon2i$v=19$m=1,t=1,p=1$AAAA$AAAA")).isFalse();
            PasswordHasher weak = new PasswordHasher(new PasswordHasher.Params(1024, 1, 1), new SecureRandom());
            String old = weak.hash("an older password hash");
            assertThat(hasher.verify("an older password hash", old)).isTrue();
            assertThat(hasher.needsRehash(old)).isTrue();
            assertThat(hasher.needsRehash(hasher.hash("a current one here"))).isFalse();
        }
    }

    @Nested
    class Policy {
        private final PasswordPolicy policy = PasswordPolicy.withBundledList();

        @Test
        void ships_ten_thousand_common_passwords() {
            assertThat(policy.commonPasswordCount()).isEqualTo(10_000);
        }

        @Test
        void wants_15_to_128_characters() {
            assertThat(policy.check("fourteen chars", "ana")).contains(PasswordRejectedException.Reason.TOO_SHORT);
            assertThat(policy.check("x".repeat(10) + "abcde" + "y".repeat(120), "ana"))
                    .contains(PasswordRejectedException.Reason.TOO_LONG);
            assertThat(policy.check("correct horse battery staple", "ana")).isEqualTo(Optional.empty());
        }

        @Test
        void refuses_common_and_repeated_passwords() {
            assertThat(policy.check("1qaz2wsx3edc4rfv", "ana")).contains(PasswordRejectedException.Reason.COMMON);
            assertThat(policy.check("PasswordPassword", "ana")).contains(PasswordRejectedException.Reason.COMMON);
            assertThat(policy.check("aaaaaaaaaaaaaaaa", "ana")).contains(PasswordRejectedException.Reason.COMMON);
            assertThat(policy.check("abcabcabcabcabcabc", "ana")).contains(PasswordRejectedException.Reason.COMMON);
        }

        @Test
        void refuses_a_password_containing_the_username() {
            assertThat(policy.check("my name is ana.martinez!", "ana.martinez"))
                    .contains(PasswordRejectedException.Reason.CONTAINS_USERNAME);
        }

        @Test
        void normalizes_unicode_so_equal_looking_passwords_are_equal() {
            assertThat(PasswordPolicy.normalize("cafe\u0301 con leche y pan"))
                    .isEqualTo(PasswordPolicy.normalize("caf\u00e9 con leche y pan"));
        }
    }
}
