package org.baton.ledger;

/**
 * Who signed a consent: FERPA rights belong to the parent or guardian until the student turns 18 or attends a
 * postsecondary institution, then to the student. The attesting institution decides which applies when it
 * authenticates the grantor; the ledger records its attestation.
 */
public enum GrantorRole {
    /** An eligible student (18 or older, or attending a postsecondary institution). */
    STUDENT,
    /** A parent or guardian of a student who is not yet eligible. */
    GUARDIAN
}
