package org.baton.node.readiness.rules;

/** How a GPA is brought to two decimals. */
public enum Rounding {
    /** Cut after the second decimal ("do not round up or down"). */
    TRUNCATE,
    /** Round to the nearest hundredth, halves up. */
    HALF_UP
}
