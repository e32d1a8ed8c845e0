package org.baton.trust;

import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Ed25519 through BouncyCastle's lightweight API (several times faster than going through a JCA provider). */
final class Ed25519SigningKey implements SigningKey {

    private final Ed25519PrivateKeyParameters privateKey;
    private final Ed25519VerifyingKey publicKey;

    Ed25519SigningKey(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = new Ed25519VerifyingKey(privateKey.generatePublicKey());
    }

    @Override
    public byte[] sign(byte[] data) {
        Objects.requireNonNull(data, "data");
        // Ed25519Signer buffers the message, so it is not shareable between threads; one per call is cheap.
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(data, 0, data.length);
        return signer.generateSignature();
    }

    @Override
    public VerifyingKey publicKey() {
        return publicKey;
    }

    Ed25519PrivateKeyParameters parameters() {
        return privateKey;
    }

    @Override
    public String toString() {
        return "SigningKey[public=" + publicKey.fingerprint().shortForm() + "]";
    }
}
