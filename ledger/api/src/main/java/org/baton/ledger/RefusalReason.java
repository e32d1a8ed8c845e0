package org.baton.ledger;

/**
 * Why the ledger refused a transaction. Every backend refuses with these codes, so a caller handles a refusal
 * the same way whatever the backend.
 */
public enum RefusalReason {
    // --- The transaction itself ---
    /** Not a well-formed, canonical transaction of a known version. */
    MALFORMED_TRANSACTION(Category.INVALID),
    /** The signature does not verify against the submitter's key in the consortium file. */
    BAD_SIGNATURE(Category.UNAUTHORIZED),
    /** The submitter is not a member of the consortium. */
    UNKNOWN_SUBMITTER(Category.UNAUTHORIZED),
    /** The authenticated caller is not the institution that signed the transaction. */
    SUBMITTER_NOT_CALLER(Category.UNAUTHORIZED),
    /** A transaction with the same id is already on the ledger (a replay). */
    DUPLICATE_TRANSACTION(Category.CONFLICT),

    // --- Grants ---
    /** Only the grant's attesting institution writes the grant or its revocation. */
    NOT_ATTESTER(Category.UNAUTHORIZED),
    /** A grant with this id exists. */
    GRANT_ALREADY_EXISTS(Category.CONFLICT),
    /** The grant's issued-at time is later than the transaction time (beyond the allowed clock skew). */
    GRANT_ISSUED_IN_FUTURE(Category.PRECONDITION),
    /** The grant had already expired when it was submitted. */
    GRANT_ALREADY_EXPIRED(Category.PRECONDITION),
    /** No grant with this id is on the ledger. */
    GRANT_NOT_FOUND(Category.NOT_FOUND),
    /** The grant is revoked. */
    GRANT_REVOKED(Category.PRECONDITION),
    /** The grant's expires-at time has passed. */
    GRANT_EXPIRED(Category.PRECONDITION),
    /** The grant's issued-at time is still ahead. */
    GRANT_NOT_YET_VALID(Category.PRECONDITION),

    // --- Receipts ---
    /** A receipt with this id exists. */
    RECEIPT_ALREADY_EXISTS(Category.CONFLICT),
    /** Only the receipt's sender records it. */
    NOT_SENDER(Category.UNAUTHORIZED),
    /** The sender is not a source named by the grant. */
    SENDER_NOT_A_SOURCE(Category.UNAUTHORIZED),
    /** The receipt's recipient is not the grant's recipient. */
    RECIPIENT_NOT_GRANTED(Category.UNAUTHORIZED),
    /** The receipt covers a scope the grant does not. */
    SCOPE_NOT_GRANTED(Category.UNAUTHORIZED),
    /** The legal basis does not cover these parties or scopes. */
    BASIS_NOT_APPLICABLE(Category.UNAUTHORIZED),

    // --- Acknowledgments ---
    /** No receipt with this id is on the ledger. */
    RECEIPT_NOT_FOUND(Category.NOT_FOUND),
    /** Only the receipt's recipient acknowledges it. */
    NOT_RECIPIENT(Category.UNAUTHORIZED),
    /** The receipt is already acknowledged. */
    ALREADY_ACKNOWLEDGED(Category.CONFLICT),
    /** The receipt on the ledger does not describe the package the recipient accepts. */
    RECEIPT_MISMATCH(Category.PRECONDITION);

    /** Broad kinds of refusal, for mapping to transport status codes. */
    public enum Category {
        /** The transaction is malformed. */
        INVALID,
        /** The submitter may not do this. */
        UNAUTHORIZED,
        /** A thing the transaction refers to does not exist. */
        NOT_FOUND,
        /** The transaction repeats something already on the ledger. */
        CONFLICT,
        /** The ledger's state does not allow it now. */
        PRECONDITION
    }

    private final Category category;

    RefusalReason(Category category) {
        this.category = category;
    }

    public Category category() {
        return category;
    }
}
