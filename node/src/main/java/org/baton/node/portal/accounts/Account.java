package org.baton.node.portal.accounts;

import org.baton.node.student.StudentId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.Collections;

/**
 * A portal account as stored. Secrets are never stored in the clear: the password as an Argon2id PHC string, the
 * activation code as its SHA-256. The TOTP seed is stored as issued (it must be, to verify codes).
 *
 * @param id             the account id
 * @param role           what the account is for
 * @param displayName    the name shown in the portal (what the institution typed when issuing the account)
 * @param status         life-cycle state
 * @param username       the sign-in name the holder chose at activation, lower case; empty before activation
 * @param passwordHash   Argon2id PHC string; empty before activation
 * @param totpSecret     base32 TOTP seed once the holder enrolled a second factor
 * @param lastTotpStep   the last accepted TOTP time step (a code is accepted once), 0 when none
 * @param students       for a student: their own record; for a guardian: the linked minors; for a counselor: the
 *                       caseload; empty for other roles
 * @param activation     the pending one-time activation code, while {@link AccountStatus#PENDING_ACTIVATION}
 * @param failedSignIns  consecutive failed sign-ins since the last success
 * @param lockedUntil    when a lockout ends, if locked
 * @param createdAt      when the institution issued the account
 */
public record Account(
        AccountId id,
        Role role,
        String displayName,
        AccountStatus status,
        Optional<String> username,
        Optional<String> passwordHash,
        Optional<String> totpSecret,
        long lastTotpStep,
        SortedSet<StudentId> students,
        Optional<Activation> activation,
        int failedSignIns,
        Optional<Instant> lockedUntil,
        Instant createdAt) {

    /**
     * A pending activation.
     *
     * @param codeHash  lower-case hex SHA-256 of the normalized one-time code
     * @param expiresAt when the code stops working
     */
    public record Activation(String codeHash, Instant expiresAt) {
        public Activation {
            Objects.requireNonNull(codeHash, "codeHash");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(totpSecret, "totpSecret");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(lockedUntil, "lockedUntil");
        Objects.requireNonNull(createdAt, "createdAt");
        students = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(students, "students")));
        if (role == Role.STUDENT && students.size() > 1) {
            throw new IllegalArgumentException("student account " + id + " links " + students.size()
                    + " student records; a student account links exactly one");
        }
        if ((role == Role.REGISTRAR || role == Role.ADMIN || role == Role.AUDITOR) && !students.isEmpty()) {
            throw new IllegalArgumentException(role + " account " + id + " cannot link student records");
        }
        if (status == AccountStatus.ACTIVE && (username.isEmpty() || passwordHash.isEmpty())) {
            throw new IllegalArgumentException("active account " + id + " has no username or password");
        }
        if (failedSignIns < 0) {
            throw new IllegalArgumentException("account " + id + " has negative failed sign-ins " + failedSignIns);
        }
    }

    /** A freshly issued account waiting for activation. */
    public static Account issued(AccountId id, Role role, String displayName, Set<StudentId> students,
                                 Activation activation, Instant createdAt) {
        return new Account(id, role, displayName, AccountStatus.PENDING_ACTIVATION, Optional.empty(),
                Optional.empty(), Optional.empty(), 0, new TreeSet<>(students), Optional.of(activation), 0,
                Optional.empty(), createdAt);
    }

    /** True while a lockout is in force at {@code now}. */
    public boolean lockedAt(Instant now) {
        return lockedUntil.isPresent() && now.isBefore(lockedUntil.get());
    }

    /** The student record of a student account. */
    public Optional<StudentId> ownRecord() {
        return role == Role.STUDENT && !students.isEmpty() ? Optional.of(students.first()) : Optional.empty();
    }

    Account activated(String newUsername, String newPasswordHash) {
        return new Account(id, role, displayName, AccountStatus.ACTIVE, Optional.of(newUsername),
                Optional.of(newPasswordHash), totpSecret, lastTotpStep, students, Optional.empty(), 0,
                Optional.empty(), createdAt);
    }

    Account withPasswordHash(String newPasswordHash) {
        return new Account(id, role, displayName, status, username, Optional.of(newPasswordHash), totpSecret,
                lastTotpStep, students, activation, failedSignIns, lockedUntil, createdAt);
    }

    Account withTotp(String secret, long step) {
        return new Account(id, role, displayName, status, username, passwordHash, Optional.of(secret), step,
                students, activation, failedSignIns, lockedUntil, createdAt);
    }

    Account withFailures(int failures, Optional<Instant> until) {
        return new Account(id, role, displayName, status, username, passwordHash, totpSecret, lastTotpStep,
                students, activation, failures, until, createdAt);
    }

    Account withStudents(Set<StudentId> newStudents) {
        return new Account(id, role, displayName, status, username, passwordHash, totpSecret, lastTotpStep,
                new TreeSet<>(newStudents), activation, failedSignIns, lockedUntil, createdAt);
    }

    Account withStatus(AccountStatus newStatus) {
        return new Account(id, role, displayName, newStatus, username, passwordHash, totpSecret, lastTotpStep,
                students, activation, failedSignIns, lockedUntil, createdAt);
    }

    Account withActivation(Activation newActivation) {
        return new Account(id, role, displayName, AccountStatus.PENDING_ACTIVATION, username, passwordHash,
                totpSecret, lastTotpStep, students, Optional.of(newActivation), failedSignIns, lockedUntil,
                createdAt);
    }
}
