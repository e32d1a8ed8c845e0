package org.baton.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SubjectCommitmentTest {

    private static final CommitmentSalt SALT = CommitmentSalt.of(counting(32));

    @Nested
    class Committing {

        @Test
        void hashes_the_salt_followed_by_the_ascii_ssid() {
            // sha256(bytes 0x01..0x20 || "1234567890"), computed independently.
            assertThat(SubjectCommitment.of(SALT, "1234567890").digest().hex())
                    .isEqualTo("a117d211613496c204dbb9247bd373699f93fd5588aa7f5d41c491e630624ba6");
        }

        @Test
        void makes_two_grants_for_one_student_unlinkable_with_fresh_salts() {
            assertThat(SubjectCommitment.of(CommitmentSalt.random(), "1234567890"))
                    .isNotEqualTo(SubjectCommitment.of(CommitmentSalt.random(), "1234567890"));
        }

        @Test
        void refuses_an_ssid_that_is_not_ten_digits_without_repeating_it() {
            assertThatThrownBy(() -> SubjectCommitment.of(SALT, "12345X7890"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("an SSID has exactly 10 digits");
        }
    }

    @Nested
    class Opening {

        @Test
        void matches_the_salt_and_ssid_it_was_made_from() {
            SubjectCommitment commitment = SubjectCommitment.of(SALT, "1234567890");

            assertThat(commitment.matches(SALT, "1234567890")).isTrue();
            assertThat(commitment.matches(SALT, "1234567891")).isFalse();
            assertThat(commitment.matches(CommitmentSalt.random(), "1234567890")).isFalse();
            assertThat(commitment.matches(SALT, "not an ssid")).isFalse();
        }
    }

    @Nested
    class Salt {

        @Test
        void has_32_random_bytes() {
            assertThat(CommitmentSalt.random().bytes()).hasSize(32);
            assertThat(CommitmentSalt.random()).isNotEqualTo(CommitmentSalt.random());
        }

        @Test
        void refuses_another_length() {
            assertThatThrownBy(() -> CommitmentSalt.of(new byte[16]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a commitment salt has 32 bytes, got 16");
        }

        @Test
        void never_shows_its_bytes_and_copies_them() {
            byte[] bytes = counting(32);
            CommitmentSalt salt = CommitmentSalt.of(bytes);
            bytes[0] = 99;

            assertThat(salt.toString()).isEqualTo("CommitmentSalt[redacted]");
            assertThat(salt.bytes()[0]).isEqualTo((byte) 1);
            assertThat(salt).isEqualTo(CommitmentSalt.of(counting(32)));
        }
    }

    private static byte[] counting(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i + 1);
        }
        return bytes;
    }
}
