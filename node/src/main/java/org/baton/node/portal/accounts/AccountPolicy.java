package org.baton.node.portal.accounts;

import java.time.Duration;
import java.util.Objects;

/**
 * Account security settings.
 *
 * @param maxFailedSignIns   consecutive failures that lock an account
 * @param lockout            how long a lockout lasts
 * @param activationValidity how long an activation code works
 * @param argon2MemoryKiB    Argon2id memory, KiB (at least OWASP's 19 MiB outside tests)
 * @param argon2Iterations   Argon2id passes
 * @param argon2Parallelism  Argon2id lanes
 */
public record AccountPolicy(int maxFailedSignIns, Duration lockout, Duration activationValidity,
                            int argon2MemoryKiB, int argon2Iterations, int argon2Parallelism) {

    public AccountPolicy {
        Objects.requireNonNull(lockout, "lockout");
        Objects.requireNonNull(activationValidity, "activationValidity");
        if (maxFailedSignIns < 1 || maxFailedSignIns > 100) {
            throw new IllegalArgumentException("maxFailedSignIns " + maxFailedSignIns + " is not in 1..100");
        }
        if (lockout.isNegative() || lockout.isZero()) {
            throw new IllegalArgumentException("lockout " + lockout + " is not positive");
        }
        if (activationValidity.isNegative() || activationValidity.isZero()) {
            throw new IllegalArgumentException("activationValidity " + activationValidity + " is not positive");
        }
        new PasswordHasher.Params(argon2MemoryKiB, argon2Iterations, argon2Parallelism);
    }

    /** Five failures lock for 15 minutes; codes work 14 days; Argon2id m=19 MiB, t=2, p=1 (OWASP). */
    public static AccountPolicy defaults() {
        return new AccountPolicy(5, Duration.ofMinutes(15), Duration.ofDays(14), PasswordHasher.OWASP.memoryKiB(),
                PasswordHasher.OWASP.iterations(), PasswordHasher.OWASP.parallelism());
    }

    PasswordHasher.Params argon2() {
        return new PasswordHasher.Params(argon2MemoryKiB, argon2Iterations, argon2Parallelism);
    }
}
