package org.baton.node.readiness.caseload;

/** Why a student is flagged. */
public enum FlagKind {
    /** An a-g area has fewer semesters (completed and in progress) than expected by the end of the current grade. */
    AREA_OFF_TRACK,
    /** An a-g area has a D/F that nothing clears. */
    AREA_DEFICIENT,
    /** UC: fewer than 11 a-g courses will be complete before the senior year. */
    COURSES_BEFORE_SENIOR_YEAR,
    /** The UC or CSU GPA is below the minimum for the student's residency. */
    GPA_BELOW_MINIMUM,
    /** The Cal Grant GPA is below the Cal Grant B minimum. */
    CAL_GRANT_GPA_BELOW,
    /** A senior (or college student) without a submitted FAFSA/CADAA or opt-out form. */
    FAFSA_NOT_SUBMITTED,
    /** A senior's Cal Grant GPA is not uploaded to CSAC. */
    CAL_GRANT_GPA_NOT_UPLOADED,
    /** An uploaded Cal Grant GPA looks weighted or differs from Baton's. */
    CAL_GRANT_GPA_WRONG,
    /** A reported GPA differs from Baton's. */
    REPORTED_GPA_DIFFERS,
    /** A deadline of the student's is within the counseling rules' "near" days. */
    DEADLINE_NEAR,
    /** A community-college student's transferable GPA is below the ADT or UC transfer minimum. */
    TRANSFER_GPA_BELOW
}
