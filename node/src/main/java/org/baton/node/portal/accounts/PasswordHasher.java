package org.baton.node.portal.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}), so the
 * parameters travel with each hash and can be raised later: a hash made with weaker parameters than the current
 * ones is reported by {@link #needsRehash} and replaced at the next successful sign-in.
 */
final class PasswordHasher {

    /** OWASP's Argon2id minimum: 19 MiB, 2 iterations, 1 lane. */
    static final Params OWASP = new Params(19 * 1024, 2, 1);

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    /**
     * Argon2id cost parameters.
     *
     * @param memoryKiB   memory in KiB
     * @param iterations  passes over memory
     * @param parallelism lanes
     */
    record Params(int memoryKiB, int iterations, int parallelism) {
        Params {
            if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
                throw new IllegalArgumentException("Argon2id parameters m=" + memoryKiB + ", t=" + iterations
                        + ", p=" + parallelism + " are out of range");
            }
        }

        boolean weakerThan(Params other) {
            return memoryKiB < other.memoryKiB || iterations < other.iterations;
        }
    }

    private final Params params;
    private final SecureRandom random;
    private final String dummyHash;

    PasswordHasher(Params params, SecureRandom random) {
        this.params = Objects.requireNonNull(params, "params");
        this.random = Objects.requireNonNull(random, "random");
        this.dummyHash = hash("baton-dummy-password-for-timing");
    }

    String hash(String password) {
        Objects.requireNonNull(password, "password");
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, params);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + params.memoryKiB + ",t=" + params.iterations + ",p=" + params.parallelism
                + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** True when {@code password} matches {@code phc}; false for a mismatch or a malformed hash. */
    boolean verify(String password, String phc) {
        Objects.requireNonNull(password, "password");
        Matcher m = PHC.matcher(Objects.requireNonNull(phc, "phc"));
        if (!m.matches()) {
            return false;
        }
        Params stored = new Params(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
        byte[] salt = Base64.getDecoder().decode(m.group(4));
        byte[] expected = Base64.getDecoder().decode(m.group(5));
        return MessageDigest.isEqual(expected, derive(password, salt, stored));
    }

    /** Spends the time of one verification, so an unknown username answers as slowly as a known one. */
    void verifyDummy(String password) {
        verify(password, dummyHash);
    }

    boolean needsRehash(String phc) {
        Matcher m = PHC.matcher(phc);
        if (!m.matches()) {
            return true;
        }
        return new Params(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
                .weakerThan(params);
    }

    private static byte[] derive(String password, byte[] salt, Params p) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(p.memoryKiB)
                .withIterations(p.iterations)
                .withParallelism(p.parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[HASH_BYTES];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
