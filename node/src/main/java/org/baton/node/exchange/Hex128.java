package org.baton.node.exchange;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/** The random 128-bit lowercase-hex ids of the exchange (exchange, package and request ids). */
final class Hex128 {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Hex128() {
    }

    static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static boolean isValid(String value) {
        // [0-9a-f]{32}, checked by hand: ids are validated several times per exchange, a regex match costs ~10x more.
        if (value == null || value.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = value.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
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
