package org.baton.trust;

import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

final class Ed25519VerifyingKey implements VerifyingKey {

    private static final int SIGNATURE_LENGTH = 64;

    private final Ed25519PublicKeyParameters publicKey;
    private final byte[] raw;
    private final Fingerprint fingerprint;

    Ed25519VerifyingKey(Ed25519PublicKeyParameters publicKey) {
        this.publicKey = publicKey;
        this.raw = publicKey.getEncoded();
        this.fingerprint = Fingerprint.sha256(raw);
    }

    @Override
    public boolean verify(byte[] data, byte[] signature) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(signature, "signature");
        if (signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, publicKey);
        verifier.update(data, 0, data.length);
        return verifier.verifySignature(signature);
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    @Override
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    Ed25519PublicKeyParameters parameters() {
        return publicKey;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ed25519VerifyingKey that && Arrays.equals(raw, that.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "VerifyingKey[" + fingerprint.shortForm() + "]";
    }
}
