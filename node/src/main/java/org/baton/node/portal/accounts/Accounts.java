package org.baton.node.portal.accounts;

import org.baton.node.student.StudentId;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Portal accounts: issuing them with one-time activation codes, activation, sign-in with lockout, the TOTP
 * second factor, passwords and links to student records.
 */
public interface Accounts {

    /**
     * Issues an account that its holder activates with the returned one-time code.
     *
     * @param students see {@link Account#students()}: exactly one for a student, the linked minors for a guardian,
     *                 the caseload for a counselor, none for other roles
     */
    IssuedAccount issue(Role role, String displayName, Set<StudentId> students);

    /** Replaces the activation code of an account not yet activated (a lost code). */
    IssuedAccount reissueActivation(AccountId id);

    /**
     * Activates an account: the holder proves the code and chooses a username and a password.
     *
     * @throws ActivationFailedException  when the code is unknown or expired, or the username is malformed
     * @throws PasswordRejectedException  when the password breaks the password rules
     * @throws UsernameTakenException     when the username is taken
     */
    Account activate(String code, String username, String password, String confirmation);

    /**
     * First step of signing in: username and password.
     *
     * @throws SignInRejectedException when the credentials are wrong, the account is locked or not active
     */
    SignIn signIn(String username, String password);

    /**
     * Second step of signing in: the TOTP code. A wrong code counts as a failed sign-in.
     *
     * @throws SignInRejectedException when the code is wrong or reused, or the account is locked
     */
    Account verifySecondFactor(AccountId id, String code);

    /**
     * Completes TOTP enrollment: the holder proves their authenticator produces codes for {@code secret}.
     *
     * @throws SignInRejectedException when the code does not match
     */
    Account enrollSecondFactor(AccountId id, String secret, String code);

    /**
     * Changes the password of a signed-in holder, who proves the current one.
     *
     * @throws SignInRejectedException   when the current password is wrong
     * @throws PasswordRejectedException when the new one breaks the password rules
     */
    Account changePassword(AccountId id, String current, String newPassword, String confirmation);

    /** Replaces the student records linked to an account (guardian links, caseload). */
    Account linkStudents(AccountId id, Set<StudentId> students);

    /** Disables an account; it can no longer sign in. */
    Account disable(AccountId id);

    Optional<Account> find(AccountId id);

    List<Account> list();

    /**
     * The outcome of a correct username and password.
     *
     * @param account the account
     * @param next    what the holder must still do
     */
    record SignIn(Account account, Next next) {
    }

    /** What follows a correct password. */
    enum Next {
        /** Signed in. */
        DONE,
        /** Type a TOTP code. */
        SECOND_FACTOR,
        /** A staff account without a second factor: enroll one before anything else. */
        ENROLL_SECOND_FACTOR
    }

    /**
     * A newly issued account with its one-time activation code, shown once and stored only as a hash.
     *
     * @param account        the account
     * @param activationCode the code, grouped for reading aloud: {@code XXXX-XXXX-XXXX-XXXX}
     */
    record IssuedAccount(Account account, String activationCode) {
        @Override
        public String toString() {
            return "IssuedAccount[" + account.id() + "]";
        }
    }

    /** The account service over a store. */
    static Accounts create(AccountStore store, AccountPolicy policy, Clock clock, SecureRandom random) {
        return new AccountService(store, policy, clock, random);
    }
}
