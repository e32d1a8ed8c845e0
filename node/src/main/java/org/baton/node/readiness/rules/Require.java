package org.baton.node.readiness.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/** Checks shared by the rule records' constructors; messages name the missing or bad key. */
final class Require {

    private Require() {
    }

    static String text(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + key + "' is required");
        }
        return value;
    }

    static <T> T present(T value, String key) {
        if (value == null) {
            throw new IllegalArgumentException("'" + key + "' is required");
        }
        return value;
    }

    static int atLeast(int value, int minimum, String key) {
        if (value < minimum) {
            throw new IllegalArgumentException("'" + key + "' must be at least " + minimum + ", was " + value);
        }
        return value;
    }

    static <T> List<T> list(List<T> value) {
        return value == null ? List.of() : List.copyOf(value);
    }

    static <K, V> Map<K, V> map(Map<K, V> value) {
        return value == null ? Map.of() : Map.copyOf(value);
    }

    /** A GPA figure: between 0 and 5, kept at two decimals. */
    static BigDecimal gpa(BigDecimal value, String key) {
        present(value, key);
        if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(5)) > 0) {
            throw new IllegalArgumentException("'" + key + "' must be a GPA between 0 and 5, was " + value);
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("'" + key + "' must have at most two decimals, was " + value);
        }
        return value.setScale(2, RoundingMode.UNNECESSARY);
    }
}
