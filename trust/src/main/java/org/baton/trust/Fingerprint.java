package org.baton.trust;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A SHA-256 fingerprint: of a certificate's DER encoding, or of a raw public key.
 *
 * @param hex the 32-byte digest as 64 lowercase hexadecimal digits
 */
public record Fingerprint(String hex) {

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{64}");

    public Fingerprint {
        Objects.requireNonNull(hex, "hex");
        if (!FORMAT.matcher(hex).matches()) {
            throw new IllegalArgumentException("fingerprint '" + hex + "' is not 64 lowercase hex digits (SHA-256)");
        }
    }

    /** Parses 64 lowercase hexadecimal digits. */
    public static Fingerprint parse(String hex) {
        return new Fingerprint(hex);
    }

    /** The SHA-256 of {@code bytes}. */
    public static Fingerprint sha256(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        try {
            return new Fingerprint(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** The SHA-256 of the certificate's DER encoding (what {@code openssl x509 -fingerprint -sha256} prints). */
    public static Fingerprint of(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        try {
            return sha256(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate " + certificate.getSubjectX500Principal()
                    + " cannot be DER-encoded", e);
        }
    }

    /** The first 16 hex digits, enough to tell certificates apart in a log line. */
    public String shortForm() {
        return hex.substring(0, 16);
    }

    @Override
    public String toString() {
        return hex;
    }
}
