package org.baton.node.exchange;

/**
 * The step an exchange has reached in a node's outbox. A source goes {@link #REQUESTED} (push only) →
 * {@link #SIGNED} → {@link #RECEIPTED} → {@link #DELIVERED} → {@link #ACKNOWLEDGED}; a recipient goes
 * {@link #REQUESTED} (pull only) → {@link #RECEIVED} → {@link #ACKNOWLEDGED}. {@link #REFUSED} and
 * {@link #REJECTED} end an exchange that failed.
 */
public enum ExchangeState {
    /** Recorded in the outbox, nothing sent yet. */
    REQUESTED,
    /** The package is assembled, signed and kept; its receipt id is fixed but not yet on the ledger. */
    SIGNED,
    /** The receipt is on the ledger. */
    RECEIPTED,
    /** The package reached the recipient (push: it said so; pull: it was released in the answer). */
    DELIVERED,
    /** Recipient: the package is verified and stored; the acknowledgment is not yet on the ledger. */
    RECEIVED,
    /** The recipient's acknowledgment (accepting or rejecting) is on the ledger. Final. */
    ACKNOWLEDGED,
    /** The grant or legal basis did not allow the transfer, or the other side refused it for good. Final. */
    REFUSED,
    /** The recipient found the package bad and rejected it. Final once the rejection is on the ledger. */
    REJECTED;

    /** True for the states an exchange ends in. */
    public boolean isFinal() {
        return this == ACKNOWLEDGED || this == REFUSED || this == REJECTED;
    }
}
