package org.baton.trust;

import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * An Ed25519 public key that verifies signatures made by an institution's {@link SigningKey}.
 * Implementations are thread-safe; two keys are equal when their raw encodings are.
 */
public interface VerifyingKey {

    /** Whether {@code signature} is a valid Ed25519 signature of {@code data} by this key. Never throws on bad input. */
    boolean verify(byte[] data, byte[] signature);

    /** The raw 32-byte encoding (RFC 8032). A copy: changing it changes nothing here. */
    byte[] raw();

    /** The SHA-256 of {@link #raw()}. */
    Fingerprint fingerprint();

    /** The key whose raw 32-byte encoding is {@code raw}. */
    static VerifyingKey fromRaw(byte[] raw) {
        Objects.requireNonNull(raw, "raw");
        if (raw.length != Ed25519PublicKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, got " + raw.length);
        }
        return new Ed25519VerifyingKey(new Ed25519PublicKeyParameters(raw, 0));
    }
}
