package org.baton.trust;

import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * An institution's Ed25519 private signing key, used to sign record packages and ledger transactions.
 * Implementations are thread-safe.
 */
public interface SigningKey {

    /** Signs {@code data}; returns the 64-byte Ed25519 signature. */
    byte[] sign(byte[] data);

    /** The matching public key. */
    VerifyingKey publicKey();

    /** A fresh key from {@code random}. */
    static SigningKey generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        return new Ed25519SigningKey(new Ed25519PrivateKeyParameters(random));
    }

    /** The key whose 32-byte Ed25519 seed (RFC 8032 private key) is {@code seed}. */
    static SigningKey fromSeed(byte[] seed) {
        Objects.requireNonNull(seed, "seed");
        if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException(
                    "an Ed25519 private key is 32 bytes, got " + seed.length);
        }
        return new Ed25519SigningKey(new Ed25519PrivateKeyParameters(seed, 0));
    }
}
