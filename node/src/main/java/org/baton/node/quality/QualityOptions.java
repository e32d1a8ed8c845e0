package org.baton.node.quality;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How a node's data-quality rules are set.
 *
 * @param ssidCheckDigit whether SSIDs carry a Luhn check digit in their last place. CALPADS publishes no check digit
 *     for real SSIDs, so this is off unless the consortium says otherwise; Baton's synthetic SSIDs carry one.
 * @param gpaTolerance how far a stored cumulative GPA may differ from the one the grades give before it is a finding
 *     (the SIS may round or count a course differently)
 */
public record QualityOptions(boolean ssidCheckDigit, BigDecimal gpaTolerance) {

    /** The default tolerance for a stored cumulative GPA: 0.05. */
    public static final BigDecimal DEFAULT_GPA_TOLERANCE = new BigDecimal("0.05");

    public QualityOptions {
        Objects.requireNonNull(gpaTolerance, "gpaTolerance");
        if (gpaTolerance.signum() < 0 || gpaTolerance.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("the GPA tolerance must be between 0 and 1, not " + gpaTolerance);
        }
    }

    /** No check digit, the default tolerance. */
    public static QualityOptions defaults() {
        return new QualityOptions(false, DEFAULT_GPA_TOLERANCE);
    }

    public QualityOptions withSsidCheckDigit(boolean on) {
        return new QualityOptions(on, gpaTolerance);
    }
}
