package org.baton.node.readiness;

import java.math.BigDecimal;
import org.baton.node.readiness.rules.Rounding;

/** Exact GPA arithmetic: integers in, two-decimal BigDecimal out. */
final class Gpas {

    private Gpas() {
    }

    /** numerator / denominator (both non-negative, denominator positive) at two decimals. */
    static BigDecimal divide(long numerator, long denominator, Rounding rounding) {
        long hundredths = switch (rounding) {
            case TRUNCATE -> numerator * 100 / denominator;
            case HALF_UP -> (numerator * 200 + denominator) / (2 * denominator);
        };
        return BigDecimal.valueOf(hundredths, 2);
    }
}
