package org.baton.node.readiness;

/** A GPA against its minimum. */
public enum GpaStanding {
    /** At or above the minimum. */
    MEETS_MINIMUM,
    /** Below the minimum but at or above the review floor (CSU multi-factor admission review). */
    REVIEW,
    /** Below the minimum. */
    BELOW_MINIMUM,
    /** No grades in the window yet. */
    NO_GRADES
}
