package org.baton.node.portal.accounts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226): HMAC-SHA1, 30-second steps, 6 digits, the parameters
 * every authenticator app supports. Seeds are 160 random bits written in base32 (RFC 4648, no padding).
 */
public final class Totp {

    /** Seconds per time step. */
    public static final int STEP_SECONDS = 30;
    private static final int DIGITS = 6;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Totp() {
    }

    /** A fresh 160-bit seed, base32. */
    public static String newSecret(SecureRandom random) {
        byte[] seed = new byte[20];
        random.nextBytes(seed);
        return base32(seed);
    }

    /** The time step that contains {@code instant}. */
    public static long step(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), STEP_SECONDS);
    }

    /** The 6-digit code for a base32 seed at a time step. */
    public static String code(String base32Secret, long step) {
        return code(unbase32(base32Secret), step, "HmacSHA1", DIGITS);
    }

    /** RFC 6238 with any HMAC and digit count (the RFC's test vectors use SHA-256/512 and 8 digits too). */
    static String code(byte[] key, long step, String hmac, int digits) {
        try {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(key, hmac));
            byte[] h = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(step).array());
            int offset = h[h.length - 1] & 0x0f;
            int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16)
                    | ((h[offset + 2] & 0xff) << 8) | (h[offset + 3] & 0xff);
            int otp = (int) (binary % (long) Math.pow(10, digits));
            return String.format(Locale.ROOT, "%0" + digits + "d", otp);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(hmac + " is not available in this JDK", e);
        }
    }

    /**
     * Checks a code typed at {@code now}, allowing one step of clock drift either way, and refusing a step at or
     * before {@code lastAcceptedStep} (each code works once).
     *
     * @return the step the code matched, or empty
     */
    public static OptionalLong verify(String base32Secret, String typed, Instant now, long lastAcceptedStep) {
        Objects.requireNonNull(base32Secret, "base32Secret");
        if (typed == null) {
            return OptionalLong.empty();
        }
        String digits = typed.replace(" ", "").replace("-", "");
        if (!digits.matches("\\d{6}")) {
            return OptionalLong.empty();
        }
        long current = step(now);
        OptionalLong matched = OptionalLong.empty();
        for (long s = current - 1; s <= current + 1; s++) {
            // Compare all three without stopping early, in constant time.
            boolean equal = MessageDigest.isEqual(code(base32Secret, s).getBytes(StandardCharsets.US_ASCII),
                    digits.getBytes(StandardCharsets.US_ASCII));
            if (equal && s > lastAcceptedStep && matched.isEmpty()) {
                matched = OptionalLong.of(s);
            }
        }
        return matched;
    }

    /** The otpauth:// URI authenticator apps import. */
    public static String otpauthUri(String issuer, String accountName, String base32Secret) {
        String label = enc(issuer) + ":" + enc(accountName);
        return "otpauth://totp/" + label + "?secret=" + base32Secret + "&issuer=" + enc(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String base32(byte[] data) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    static byte[] unbase32(String text) {
        String clean = text.replace(" ", "").replace("=", "").toUpperCase(Locale.ROOT);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < clean.length(); i++) {
            int v = ALPHABET.indexOf(clean.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("TOTP seed has a character outside base32 at position " + i);
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
