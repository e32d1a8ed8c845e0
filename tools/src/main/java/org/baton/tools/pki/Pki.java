package org.baton.tools.pki;

import java.util.function.Supplier;

/** Option checks shared by the pki commands. */
final class Pki {

    private Pki() {
    }

    static void requirePositive(int value, String option) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, got " + value);
        }
    }

    /** Runs {@code parser}; an IllegalArgumentException gets the option's name in front of its message. */
    static <T> T parse(String option, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }
}
