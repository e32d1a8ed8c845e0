package org.baton.node.readiness.rules;

/** How a repeated course's grades are used. */
public enum RepeatPolicy {
    /** Only a D or F may be repeated; the later grade of the same course replaces it. Repeats of passing grades are not used. */
    LATEST_REPLACES_DEFICIENT,
    /** Only the latest grade of a repeated course is used, whatever the earlier grade. */
    LATEST
}
