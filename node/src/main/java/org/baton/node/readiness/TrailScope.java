package org.baton.node.readiness;

/** What part of the evaluation a trail entry explains. */
public enum TrailScope {
    /** Reading the records: exclusions, duplicates, a-g list look-ups, derived grade levels. */
    RECORDS,
    /** UC a-g. */
    UC,
    /** CSU a-g. */
    CSU,
    /** The UC GPA. */
    UC_GPA,
    /** The CSU GPA. */
    CSU_GPA,
    /** The Cal Grant GPA. */
    CAL_GRANT_GPA,
    /** Reported GPAs compared with Baton's. */
    REPORTED_GPA,
    /** Community-college transfer progress. */
    TRANSFER,
    /** Financial aid, applications and deadlines. */
    AID
}
