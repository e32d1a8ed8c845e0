package org.baton.node.portal.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.baton.node.portal.TestClock;
import org.baton.node.student.StudentId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AccountServiceTest {

    private static final String PASSWORD = "correct horse battery staple";
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T17:00:00Z"));
    private final AccountStore store = AccountStore.inMemory();
    private final Accounts accounts = Accounts.create(store,
            new AccountPolicy(5, Duration.ofMinutes(15), Duration.ofDays(14), 1024, 1, 1), clock, new SecureRandom());

    private Account active(Role role, String username) {
        Accounts.IssuedAccount issued = accounts.issue(role, "Someone", role == Role.STUDENT || role == Role.GUARDIAN
                ? Set.of(new StudentId(1)) : Set.of());
        return accounts.activate(issued.activationCode(), username, PASSWORD, PASSWORD);
    }

    @Nested
    class Issue_and_activate {
        @Test
        void stores_only_the_hash_of_the_activation_code() {
            Accounts.IssuedAccount issued = accounts.issue(Role.STUDENT, "Ana", Set.of(new StudentId(1)));
            assertThat(issued.activationCode()).matches("[A-Z2-9]{4}(-[A-Z2-9]{4}){3}");
            assertThat(issued.account().activation().orElseThrow().codeHash()).doesNotContain(issued.activationCode())
                    .hasSize(64);
            assertThat(issued.toString()).doesNotContain(issued.activationCode());
        }

        @Test
        void activates_with_the_code_typed_in_lower_case_without_dashes() {
            Accounts.IssuedAccount issued = accounts.issue(Role.STUDENT, "Ana", Set.of(new StudentId(1)));
            Account a = accounts.activate(issued.activationCode().toLowerCase().replace("-", " "), "Ana.M",
                    PASSWORD, PASSWORD);
            assertThat(a.status()).isEqualTo(AccountStatus.ACTIVE);
            assertThat(a.username()).contains("ana.m");
            assertThat(a.passwordHash().orElseThrow()).startsWith("$argon2id$");
        }

        @Test
        void a_code_works_once() {
            Accounts.IssuedAccount issued = accounts.issue(Role.STUDENT, "Ana", Set.of(new StudentId(1)));
            accounts.activate(issued.activationCode(), "ana", PASSWORD, PASSWORD);
            assertThatThrownBy(() -> accounts.activate(issued.activationCode(), "ana2", PASSWORD, PASSWORD))
                    .isInstanceOf(ActivationFailedException.class)
                    .hasMessage("activation code is unknown, used or expired");
        }

        @Test
        void an_expired_code_is_refused() {
            Accounts.IssuedAccount issued = accounts.issue(Role.STUDENT, "Ana", Set.of(new StudentId(1)));
            clock.advance(Duration.ofDays(15));
            assertThatThrownBy(() -> accounts.activate(issued.activationCode(), "ana", PASSWORD, PASSWORD))
                    .isInstanceOf(ActivationFailedException.class)
                    .hasMessage("activation code is unknown, used or expired");
        }

        @Test
        void a_weak_password_or_a_taken_username_is_refused() {
            active(Role.STUDENT, "ana");
            Accounts.IssuedAccount other = accounts.issue(Role.STUDENT, "Ana 2", Set.of(new StudentId(2)));
            assertThatThrownBy(() -> accounts.activate(other.activationCode(), "ana2", "short", "short"))
                    .isInstanceOf(PasswordRejectedException.class)
                    .hasMessage("the new password is shorter than 15 characters");
            assertThatThrownBy(() -> accounts.activate(other.activationCode(), "ana2", PASSWORD, PASSWORD + "!"))
                    .isInstanceOf(PasswordRejectedException.class)
                    .hasMessage("the new password does not match its confirmation");
            assertThatThrownBy(() -> accounts.activate(other.activationCode(), "ana", PASSWORD, PASSWORD))
                    .isInstanceOf(UsernameTakenException.class)
                    .hasMessage("username 'ana' is already taken by another account");
        }

        @Test
        void a_student_account_links_exactly_one_record() {
            assertThatThrownBy(() -> accounts.issue(Role.STUDENT, "Ana", Set.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a student account links exactly one student record, not 0");
        }
    }

    @Nested
    class Sign_in {
        @Test
        void a_student_signs_in_with_the_password_alone_and_staff_must_enroll_a_second_factor() {
            active(Role.STUDENT, "ana");
            active(Role.COUNSELOR, "cruz");
            assertThat(accounts.signIn("ANA ", PASSWORD).next()).isEqualTo(Accounts.Next.DONE);
            assertThat(accounts.signIn("cruz", PASSWORD).next()).isEqualTo(Accounts.Next.ENROLL_SECOND_FACTOR);
        }

        @Test
        void five_failures_lock_the_account_for_the_lockout_period() {
            active(Role.STUDENT, "ana");
            for (int i = 0; i < 4; i++) {
                assertThatThrownBy(() -> accounts.signIn("ana", "wrong password, sorry"))
                        .isInstanceOf(SignInRejectedException.class)
                        .hasMessage("sign-in rejected: wrong username, password or code");
            }
            assertThatThrownBy(() -> accounts.signIn("ana", "wrong password, sorry"))
                    .isInstanceOf(SignInRejectedException.class)
                    .hasMessage("sign-in rejected: account locked after repeated failures");
            assertThatThrownBy(() -> accounts.signIn("ana", PASSWORD))
                    .isInstanceOf(SignInRejectedException.class)
                    .hasMessage("sign-in rejected: account locked after repeated failures");
            clock.advance(Duration.ofMinutes(15));
            assertThat(accounts.signIn("ana", PASSWORD).account().failedSignIns()).isZero();
        }

        @Test
        void an_unknown_username_fails_like_a_wrong_password() {
            assertThatThrownBy(() -> accounts.signIn("nobody", PASSWORD))
                    .isInstanceOf(SignInRejectedException.class)
                    .hasMessage("sign-in rejected: wrong username, password or code");
        }

        @Test
        void a_disabled_account_cannot_sign_in() {
            Account a = active(Role.STUDENT, "ana");
            accounts.disable(a.id());
            assertThatThrownBy(() -> accounts.signIn("ana", PASSWORD))
                    .isInstanceOf(SignInRejectedException.class)
                    .hasMessage("sign-in rejected: wrong username, password or code");
        }
    }

    @Nested
    class Second_factor {
        @Test
        void enrolls_then_verifies_each_code_once_and_counts_wrong_codes_as_failures() {
            Account a = active(Role.REGISTRAR, "rae");
            String secret = Totp.newSecret(new SecureRandom());
            long step = Totp.step(clock.instant());
            accounts.enrollSecondFactor(a.id(), secret, Totp.code(secret, step));
            assertThat(accounts.signIn("rae", PASSWORD).next()).isEqualTo(Accounts.Next.SECOND_FACTOR);
            assertThatThrownBy(() -> accounts.verifySecondFactor(a.id(), Totp.code(secret, step)))
                    .as("the enrollment code cannot be replayed")
                    .isInstanceOf(SignInRejectedException.class);
            clock.advance(Duration.ofSeconds(30));
            assertThat(accounts.verifySecondFactor(a.id(), Totp.code(secret, step + 1)).lastTotpStep())
                    .isEqualTo(step + 1);
            String wrong = wrongCode(secret, step + 1);
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> accounts.verifySecondFactor(a.id(), wrong))
                        .isInstanceOf(SignInRejectedException.class);
            }
            assertThat(accounts.find(a.id()).orElseThrow().lockedAt(clock.instant())).isTrue();
        }

        /** A code that matches none of the steps around {@code step}. */
        private String wrongCode(String secret, long step) {
            java.util.Set<String> valid = Set.of(Totp.code(secret, step - 1), Totp.code(secret, step),
                    Totp.code(secret, step + 1));
            for (int n = 0; ; n++) {
                String candidate = String.format("%06d", n);
                if (!valid.contains(candidate)) {
                    return candidate;
                }
            }
        }

        @Test
        void enrollment_needs_a_matching_code() {
            Account a = active(Role.ADMIN, "adele");
            String secret = Totp.newSecret(new SecureRandom());
            assertThatThrownBy(() -> accounts.enrollSecondFactor(a.id(), secret,
                    wrongCode(secret, Totp.step(clock.instant()))))
                    .isInstanceOf(SignInRejectedException.class)
                    .hasMessage("sign-in rejected: wrong username, password or code");
        }
    }

    @Nested
    class Password_change {
        @Test
        void needs_the_current_password() {
            Account a = active(Role.STUDENT, "ana");
            assertThatThrownBy(() -> accounts.changePassword(a.id(), "not the password", "a brand new passphrase",
                    "a brand new passphrase")).isInstanceOf(SignInRejectedException.class);
            accounts.changePassword(a.id(), PASSWORD, "a brand new passphrase", "a brand new passphrase");
            assertThat(accounts.signIn("ana", "a brand new passphrase").next()).isEqualTo(Accounts.Next.DONE);
        }
    }
}
