package org.baton.node.readiness.rules;

/** The deadlines the readiness engine tracks; each has exactly one entry in {@code deadlines.yaml}. */
public enum DeadlineKind {
    /** FAFSA / CADAA submission (also the Cal Grant GPA deadline). */
    FAFSA_CADAA,
    /** The high school's upload of seniors' Cal Grant GPAs to CSAC. */
    CAL_GRANT_GPA_UPLOAD,
    /** Notice to juniors of the right to opt out of the Cal Grant GPA upload. */
    CAL_GRANT_OPT_OUT_NOTICE,
    /** The UC application filing period. */
    UC_APPLICATION,
    /** Final transcripts of admitted UC students. */
    UC_FINAL_TRANSCRIPT,
    /** The UC Transfer Admission Guarantee filing period. */
    UC_TAG
}
