package org.baton.node.portal.accounts;

import org.baton.node.student.StudentId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account service. Slow work (Argon2id) happens outside the lock; each change re-reads the account under the
 * lock, so concurrent failures are all counted.
 */
final class AccountService implements Accounts {

    private static final Logger LOG = LoggerFactory.getLogger(AccountService.class);
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{2,63}");
    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final AccountStore store;
    private final AccountPolicy policy;
    private final Clock clock;
    private final SecureRandom random;
    private final PasswordHasher hasher;
    private final PasswordPolicy passwords;
    private final Object lock = new Object();

    AccountService(AccountStore store, AccountPolicy policy, Clock clock, SecureRandom random) {
        this.store = Objects.requireNonNull(store, "store");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.hasher = new PasswordHasher(policy.argon2(), random);
        this.passwords = PasswordPolicy.withBundledList();
    }

    @Override
    public IssuedAccount issue(Role role, String displayName, Set<StudentId> students) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(students, "students");
        String name = Objects.requireNonNull(displayName, "displayName").strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new IllegalArgumentException("display name must have 1 to 200 characters, has " + name.length());
        }
        if (role == Role.STUDENT && students.size() != 1) {
            throw new IllegalArgumentException("a student account links exactly one student record, not "
                    + students.size());
        }
        if (role == Role.GUARDIAN && students.isEmpty()) {
            throw new IllegalArgumentException("a guardian account links at least one student record");
        }
        String code = newCode();
        Instant now = clock.instant();
        Account account = Account.issued(AccountId.random(random), role, name, students,
                new Account.Activation(hashCode(code), now.plus(policy.activationValidity())), now);
        synchronized (lock) {
            store.put(account);
        }
        LOG.info("portal account {} issued with role {}", account.id(), role);
        return new IssuedAccount(account, code);
    }

    @Override
    public IssuedAccount reissueActivation(AccountId id) {
        String code = newCode();
        Account updated = update(id, a -> {
            if (a.status() == AccountStatus.ACTIVE) {
                throw new IllegalStateException("account " + id + " is already active; it needs no activation code");
            }
            return a.withActivation(new Account.Activation(hashCode(code),
                    clock.instant().plus(policy.activationValidity())));
        });
        LOG.info("portal account {} got a new activation code", id);
        return new IssuedAccount(updated, code);
    }

    @Override
    public Account activate(String code, String username, String password, String confirmation) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(confirmation, "confirmation");
        Account pending = store.findByActivationCodeHash(hashCode(code == null ? "" : code))
                .filter(a -> a.status() == AccountStatus.PENDING_ACTIVATION)
                .filter(a -> a.activation().isPresent() && clock.instant().isBefore(a.activation().get().expiresAt()))
                .orElseThrow(() -> new ActivationFailedException(ActivationFailedException.Reason.UNKNOWN_OR_EXPIRED_CODE,
                        "activation code is unknown, used or expired"));
        String name = normalizeUsername(username);
        if (!USERNAME.matcher(name).matches()) {
            throw new ActivationFailedException(ActivationFailedException.Reason.BAD_USERNAME,
                    "username must be 3 to 64 characters: letters, digits and . _ @ -, starting with a letter or digit");
        }
        String hash = checkedHash(password, confirmation, name);
        Account active = update(pending.id(), a -> {
            if (a.status() != AccountStatus.PENDING_ACTIVATION) {
                throw new ActivationFailedException(ActivationFailedException.Reason.UNKNOWN_OR_EXPIRED_CODE,
                        "activation code is unknown, used or expired");
            }
            return a.activated(name, hash);
        });
        LOG.info("portal account {} activated", active.id());
        return active;
    }

    @Override
    public SignIn signIn(String username, String password) {
        String name = normalizeUsername(username);
        String typed = PasswordPolicy.normalize(password == null ? "" : password);
        Optional<Account> found = store.findByUsername(name);
        if (found.isEmpty() || found.get().passwordHash().isEmpty()) {
            hasher.verifyDummy(typed);
            throw new SignInRejectedException(SignInRejectedException.Reason.BAD_CREDENTIALS);
        }
        Account account = found.get();
        if (account.lockedAt(clock.instant())) {
            throw new SignInRejectedException(SignInRejectedException.Reason.LOCKED);
        }
        boolean ok = hasher.verify(typed, account.passwordHash().get());
        if (!ok || account.status() != AccountStatus.ACTIVE) {
            throw failure(account.id());
        }
        String rehash = hasher.needsRehash(account.passwordHash().get()) ? hasher.hash(typed) : null;
        Account after = update(account.id(), a -> {
            Account reset = a.withFailures(0, Optional.empty());
            return rehash == null ? reset : reset.withPasswordHash(rehash);
        });
        Next next;
        if (after.totpSecret().isPresent()) {
            next = Next.SECOND_FACTOR;
        } else if (after.role().isStaff()) {
            next = Next.ENROLL_SECOND_FACTOR;
        } else {
            next = Next.DONE;
        }
        if (next == Next.DONE) {
            LOG.info("portal account {} signed in", after.id());
        }
        return new SignIn(after, next);
    }

    @Override
    public Account verifySecondFactor(AccountId id, String code) {
        Account account = find(id).orElseThrow(() -> new SignInRejectedException(
                SignInRejectedException.Reason.BAD_CREDENTIALS));
        if (account.lockedAt(clock.instant())) {
            throw new SignInRejectedException(SignInRejectedException.Reason.LOCKED);
        }
        if (account.totpSecret().isEmpty() || account.status() != AccountStatus.ACTIVE) {
            throw new SignInRejectedException(SignInRejectedException.Reason.BAD_CREDENTIALS);
        }
        OptionalLong step = Totp.verify(account.totpSecret().get(), code, clock.instant(), account.lastTotpStep());
        if (step.isEmpty()) {
            throw failure(id);
        }
        Account after = update(id, a -> {
            if (step.getAsLong() <= a.lastTotpStep()) {
                throw new SignInRejectedException(SignInRejectedException.Reason.BAD_CREDENTIALS);
            }
            return a.withTotp(a.totpSecret().orElseThrow(), step.getAsLong()).withFailures(0, Optional.empty());
        });
        LOG.info("portal account {} signed in with a second factor", id);
        return after;
    }

    @Override
    public Account enrollSecondFactor(AccountId id, String secret, String code) {
        Objects.requireNonNull(secret, "secret");
        OptionalLong step = Totp.verify(secret, code, clock.instant(), 0);
        if (step.isEmpty()) {
            throw new SignInRejectedException(SignInRejectedException.Reason.BAD_CREDENTIALS);
        }
        Account after = update(id, a -> a.withTotp(secret, step.getAsLong()));
        LOG.info("portal account {} enrolled a TOTP second factor", id);
        return after;
    }

    @Override
    public Account changePassword(AccountId id, String current, String newPassword, String confirmation) {
        Account account = find(id).orElseThrow(() -> new IllegalArgumentException("account " + id + " not found"));
        if (account.lockedAt(clock.instant())) {
            throw new SignInRejectedException(SignInRejectedException.Reason.LOCKED);
        }
        if (!hasher.verify(PasswordPolicy.normalize(current == null ? "" : current),
                account.passwordHash().orElse(""))) {
            throw failure(id);
        }
        String hash = checkedHash(newPassword, confirmation, account.username().orElse(null));
        Account after = update(id, a -> a.withPasswordHash(hash).withFailures(0, Optional.empty()));
        LOG.info("portal account {} changed its password", id);
        return after;
    }

    @Override
    public Account linkStudents(AccountId id, Set<StudentId> students) {
        Account after = update(id, a -> a.withStudents(Objects.requireNonNull(students, "students")));
        LOG.info("portal account {} now links {} student records", id, students.size());
        return after;
    }

    @Override
    public Account disable(AccountId id) {
        Account after = update(id, a -> a.withStatus(AccountStatus.DISABLED));
        LOG.info("portal account {} disabled", id);
        return after;
    }

    @Override
    public Optional<Account> find(AccountId id) {
        return store.find(Objects.requireNonNull(id, "id"));
    }

    @Override
    public List<Account> list() {
        return store.list();
    }

    private SignInRejectedException failure(AccountId id) {
        Account after = update(id, a -> {
            int failures = a.failedSignIns() + 1;
            if (failures >= policy.maxFailedSignIns()) {
                return a.withFailures(0, Optional.of(clock.instant().plus(policy.lockout())));
            }
            return a.withFailures(failures, a.lockedUntil());
        });
        if (after.lockedAt(clock.instant())) {
            LOG.warn("portal account {} locked for {} after {} failed sign-ins", id, policy.lockout(),
                    policy.maxFailedSignIns());
            return new SignInRejectedException(SignInRejectedException.Reason.LOCKED);
        }
        return new SignInRejectedException(SignInRejectedException.Reason.BAD_CREDENTIALS);
    }

    private String checkedHash(String password, String confirmation, String username) {
        String normalized = PasswordPolicy.normalize(password);
        if (!normalized.equals(PasswordPolicy.normalize(confirmation))) {
            throw new PasswordRejectedException(PasswordRejectedException.Reason.MISMATCH);
        }
        passwords.check(normalized, username).ifPresent(reason -> {
            throw new PasswordRejectedException(reason);
        });
        return hasher.hash(normalized);
    }

    private Account update(AccountId id, UnaryOperator<Account> change) {
        synchronized (lock) {
            Account current = store.find(id)
                    .orElseThrow(() -> new IllegalArgumentException("account " + id + " not found"));
            Account next = change.apply(current);
            store.put(next);
            return next;
        }
    }

    private String newCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    static String normalizeUsername(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    /** SHA-256 of the code with case, spaces and dashes ignored (people type codes read aloud). */
    static String hashCode(String code) {
        String normalized = code.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalized.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }
}
