package org.baton.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Names the student of a grant without revealing them: {@code SHA-256(salt ‖ SSID)}, where the SSID is the
 * ten ASCII digits of the California Statewide Student Identifier and the salt a fresh
 * {@link CommitmentSalt}. The ledger stores only the digest; the parties of the grant receive the salt and the
 * SSID peer to peer and check them with {@link #matches}.
 *
 * @param digest the commitment
 */
public record SubjectCommitment(Sha256 digest) {

    private static final Pattern SSID = Pattern.compile("\\d{10}");

    public SubjectCommitment {
        Objects.requireNonNull(digest, "digest");
    }

    /**
     * Commits to {@code ssid} under {@code salt}.
     *
     * @throws IllegalArgumentException if {@code ssid} is not ten digits (the message does not repeat it)
     */
    public static SubjectCommitment of(CommitmentSalt salt, String ssid) {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(ssid, "ssid");
        if (!SSID.matcher(ssid).matches()) {
            throw new IllegalArgumentException("an SSID has exactly 10 digits");
        }
        MessageDigest sha = Sha256.newDigest();
        sha.update(salt.bytes());
        sha.update(ssid.getBytes(StandardCharsets.US_ASCII));
        return new SubjectCommitment(Sha256.ofDigest(sha.digest()));
    }

    /** Parses a commitment as stored on the ledger (64 lowercase hex digits). */
    public static SubjectCommitment ofHex(String hex) {
        return new SubjectCommitment(Sha256.ofHex(hex));
    }

    /** True if {@code salt} and {@code ssid} open this commitment. */
    public boolean matches(CommitmentSalt salt, String ssid) {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(ssid, "ssid");
        if (!SSID.matcher(ssid).matches()) {
            return false;
        }
        byte[] expected = digest.bytes();
        byte[] actual = of(salt, ssid).digest().bytes();
        return MessageDigest.isEqual(expected, actual);
    }

    @Override
    public String toString() {
        return digest.hex();
    }
}
