package org.baton.ledger;

/**
 * Why a recipient rejected a package. A code rather than free text, so that nothing about the student can
 * reach the ledger through an acknowledgment.
 */
public enum RejectionReason {
    /** The package signature did not verify against the sender's consortium key. */
    SIGNATURE_INVALID,
    /** The package content does not hash to the receipt's package hash. */
    PACKAGE_HASH_MISMATCH,
    /** The package could not be parsed or violates the package format. */
    MALFORMED_PACKAGE,
    /** The records do not match the student named by the grant. */
    STUDENT_NOT_MATCHED,
    /** The package holds records outside the receipt's scopes. */
    SCOPE_MISMATCH,
    /** The recipient did not request or expect this package. */
    NOT_EXPECTED,
    /** Any other reason, explained out of band. */
    OTHER
}
