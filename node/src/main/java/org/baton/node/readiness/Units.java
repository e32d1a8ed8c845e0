package org.baton.node.readiness;

import java.math.BigDecimal;

/** Formatting of the integer quantities the engine counts in. */
final class Units {

    private Units() {
    }

    /** Hundredths as a decimal with two places: 300 → "3.00". */
    static String format(int hundredths) {
        return BigDecimal.valueOf(hundredths, 2).toPlainString();
    }

    /** Hundredths as a BigDecimal with two places. */
    static BigDecimal decimal(long hundredths) {
        return BigDecimal.valueOf(hundredths, 2);
    }

    /** Semesters as years: 7 → "3.5", 8 → "4". */
    static String years(int semesters) {
        return semesters % 2 == 0 ? Integer.toString(semesters / 2) : (semesters / 2) + ".5";
    }
}
