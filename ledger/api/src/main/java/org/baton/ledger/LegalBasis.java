package org.baton.ledger;

/** The legal basis of a disclosure recorded in a receipt; mirrors {@code baton.v1.LegalBasis}. */
public enum LegalBasis {
    /** Consent of the parent or eligible student (34 CFR 99.30): the receipt names a grant. */
    CONSENT,
    /** To a school where the student seeks or intends to enroll (34 CFR 99.31(a)(2)); no grant. */
    SEEKS_ENROLLMENT,
    /**
     * The yearly Cal Grant GPA upload from a K-12 district to CSAC (34 CFR 99.31(a)(4), Ed Code 69432.9); no
     * grant, GPA scope only.
     */
    CAL_GRANT_GPA_UPLOAD
}
