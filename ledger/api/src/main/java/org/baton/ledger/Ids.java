package org.baton.ledger;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/** Shared validation and generation for the hex ids of this package. */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern HEX_128 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern HEX_256 = Pattern.compile("[0-9a-f]{64}");

    private Ids() {
    }

    static String random128() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String require128(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!HEX_128.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + abbreviate(value) + "' is not 32 lowercase hex digits");
        }
        return value;
    }

    static String require256(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!HEX_256.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + abbreviate(value) + "' is not 64 lowercase hex digits");
        }
        return value;
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
