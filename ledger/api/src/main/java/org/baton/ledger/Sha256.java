package org.baton.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 digest, kept as lowercase hex so that it compares, prints and serializes without surprises.
 *
 * @param hex 64 lowercase hex digits
 */
public record Sha256(String hex) {

    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(Sha256::newDigest);

    public Sha256 {
        Ids.require256(hex, "SHA-256 digest");
    }

    /** Parses 64 lowercase hex digits. */
    public static Sha256 ofHex(String hex) {
        return new Sha256(hex);
    }

    /** Wraps a 32-byte digest computed elsewhere. */
    public static Sha256 ofDigest(byte[] digest) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, got " + digest.length);
        }
        return new Sha256(HexFormat.of().formatHex(digest));
    }

    /** Hashes {@code data}. */
    public static Sha256 hash(byte[] data) {
        return ofDigest(digest(data));
    }

    /** The 32-byte SHA-256 of {@code data}, with a digest kept per thread (looking one up costs more than hashing). */
    public static byte[] digest(byte[] data) {
        MessageDigest digest = DIGESTS.get();
        digest.reset();
        return digest.digest(data);
    }

    /** A fresh {@link MessageDigest} for SHA-256 (every Java platform provides it). */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the Java platform lacks SHA-256", e);
        }
    }

    /** The 32 digest bytes (a fresh copy). */
    public byte[] bytes() {
        return HexFormat.of().parseHex(hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
