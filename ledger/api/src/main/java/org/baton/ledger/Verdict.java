package org.baton.ledger;

/** The recipient's verdict on a received package. */
public enum Verdict {
    /** The package verified and was stored. */
    ACCEPTED,
    /** The package was refused; the acknowledgment names a {@link RejectionReason}. */
    REJECTED
}
