package org.baton.node.readiness;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.baton.proto.v1.HigherEdSystem;

/**
 * A UC or CSU first-year GPA with its inputs.
 *
 * @param system UC or CSU
 * @param window the grade window used
 * @param unweighted grade points over grades
 * @param cappedWeighted with honors points within the caps (the GPA eligibility uses)
 * @param fullyWeighted with every honors point earned
 * @param grades grades counted (a college course counts once for UC, twice for CSU)
 * @param gradePoints grade points without honors
 * @param honorsEarned honors points earned
 * @param honorsCounted honors points within the caps
 * @param minimum the minimum for the student's residency
 * @param standing the capped weighted GPA against the minimum
 * @param lines every grade counted
 */
public record AdmissionGpa(HigherEdSystem system, String window, Optional<BigDecimal> unweighted,
        Optional<BigDecimal> cappedWeighted, Optional<BigDecimal> fullyWeighted, int grades, int gradePoints,
        int honorsEarned, int honorsCounted, BigDecimal minimum, GpaStanding standing, List<GpaLine> lines) {

    public AdmissionGpa {
        lines = List.copyOf(lines);
    }
}
