package org.baton.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class Hex128Test {

    @Nested
    class Validation {

        @Test
        void accepts_32_lowercase_hex_digits_and_fresh_random_ids() {
            assertThat(Hex128.isValid("0123456789abcdef0123456789abcdef")).isTrue();
            assertThat(Hex128.isValid(Hex128.random())).isTrue();
        }

        @Test
        void refuses_null_other_lengths_uppercase_and_non_hex() {
            assertThat(Hex128.isValid(null)).isFalse();
            assertThat(Hex128.isValid("")).isFalse();
            assertThat(Hex128.isValid("0123456789abcdef0123456789abcde")).isFalse();
            assertThat(Hex128.isValid("0123456789abcdef0123456789abcdef0")).isFalse();
            assertThat(Hex128.isValid("0123456789ABCDEF0123456789abcdef")).isFalse();
            assertThat(Hex128.isValid("0123456789abcdeg0123456789abcdef")).isFalse();
            assertThat(Hex128.isValid("0123456789abcdef0123456789abcde/")).isFalse();
        }

        @Test
        void names_what_it_refuses() {
            assertThatThrownBy(() -> Hex128.require("XYZ", "request id"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("request id 'XYZ' is not 32 lowercase hex digits");
        }
    }
}
