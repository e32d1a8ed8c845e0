package org.baton.node.readiness;

import java.math.BigDecimal;
import java.util.Optional;
import org.baton.proto.v1.GpaKind;

/**
 * A GPA an institution reported, beside Baton's.
 *
 * @param kind which GPA
 * @param institutionId who reported it
 * @param reported the reported value (three decimals)
 * @param asOf the date the institution computed it, as recorded
 * @param computed Baton's value of the same GPA; empty when Baton does not compute that kind
 * @param difference reported minus computed
 * @param disagrees whether they differ by more than the tolerance in the counseling rules
 * @param looksWeighted for a Cal Grant GPA: over 4.00 or matching a weighted GPA (CSAC needs the unweighted one)
 */
public record ReportedGpaCheck(GpaKind kind, String institutionId, BigDecimal reported, String asOf,
        Optional<BigDecimal> computed, Optional<BigDecimal> difference, boolean disagrees, boolean looksWeighted) {
}
