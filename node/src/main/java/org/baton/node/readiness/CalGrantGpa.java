package org.baton.node.readiness;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The Cal Grant GPA (CSAC) with its inputs.
 *
 * @param window the grade window used
 * @param value grade points over grades, rounded to the nearest hundredth
 * @param grades grades counted
 * @param gradePoints grade points
 * @param awardA the Cal Grant A minimum
 * @param awardB the Cal Grant B minimum
 * @param meetsA whether {@code value} reaches the Cal Grant A minimum
 * @param meetsB whether it reaches the Cal Grant B minimum
 * @param lines every grade counted
 */
public record CalGrantGpa(String window, Optional<BigDecimal> value, int grades, int gradePoints, BigDecimal awardA,
        BigDecimal awardB, boolean meetsA, boolean meetsB, List<GpaLine> lines) {

    public CalGrantGpa {
        lines = List.copyOf(lines);
    }
}
