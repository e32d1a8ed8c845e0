package org.baton.node.exchange;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/** The random 128-bit lowercase-hex ids of the exchange (exchange, package and request ids). */
final class Hex128 {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");

    private Hex128() {
    }

    static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    static String require(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!isValid(value)) {
            throw new IllegalArgumentException(what + " '" + (value.length() <= 40 ? value : value.substring(0, 37) + "...")
                    + "' is not 32 lowercase hex digits");
        }
        return value;
    }
}
