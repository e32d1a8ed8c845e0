package org.baton.ledger;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/** Shared validation and generation for the hex ids of this package. */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String random128() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String require128(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!isLowerHex(value, 32)) {
            throw new IllegalArgumentException(what + " '" + abbreviate(value) + "' is not 32 lowercase hex digits");
        }
        return value;
    }

    static String require256(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!isLowerHex(value, 64)) {
            throw new IllegalArgumentException(what + " '" + abbreviate(value) + "' is not 64 lowercase hex digits");
        }
        return value;
    }

    /** True if {@code value} is exactly {@code length} lowercase hex digits (a loop: ids are checked very often). */
    private static boolean isLowerHex(String value, int length) {
        if (value.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
