package org.baton.ledger;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * The 32-byte random salt of a {@link SubjectCommitment}. It travels only peer to peer, to the parties of one
 * grant: with the salt, the 10-digit SSID behind a commitment can be found by trying every SSID, so the salt is
 * as sensitive as the SSID itself and {@link #toString()} never shows it.
 *
 * @param bytes exactly 32 bytes (copied in and out)
 */
public record CommitmentSalt(byte[] bytes) {

    /** Length of a salt in bytes. */
    public static final int LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    public CommitmentSalt {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a commitment salt has " + LENGTH + " bytes, got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /** A fresh salt from a {@link SecureRandom}; use one per grant so two grants are unlinkable. */
    public static CommitmentSalt random() {
        byte[] bytes = new byte[LENGTH];
        RANDOM.nextBytes(bytes);
        return new CommitmentSalt(bytes);
    }

    public static CommitmentSalt of(byte[] bytes) {
        return new CommitmentSalt(bytes);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CommitmentSalt salt && Arrays.equals(bytes, salt.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "CommitmentSalt[redacted]";
    }
}
