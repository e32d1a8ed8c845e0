package org.baton.ledger;

import java.util.Objects;
import java.util.Optional;

/**
 * A receipt as the ledger holds it: the receipt, when it was recorded, and the recipient's acknowledgment if
 * any.
 *
 * @param receipt the receipt as submitted
 * @param recorded the transaction that recorded it
 * @param acknowledged the recipient's acknowledgment, if any
 */
public record ReceiptRecord(ExchangeReceipt receipt, Committed recorded, Optional<Acknowledged> acknowledged) {

    public ReceiptRecord {
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(recorded, "recorded");
        Objects.requireNonNull(acknowledged, "acknowledged");
        acknowledged.ifPresent(ack -> {
            if (!ack.acknowledgment().receipt().equals(receipt.id())) {
                throw new IllegalArgumentException("acknowledgment of receipt " + ack.acknowledgment().receipt()
                        + " attached to receipt " + receipt.id());
            }
        });
    }

    public ReceiptId id() {
        return receipt.id();
    }

    /** This record with {@code acknowledgment} attached. */
    public ReceiptRecord acknowledgedBy(Acknowledged acknowledgment) {
        return new ReceiptRecord(receipt, recorded, Optional.of(acknowledgment));
    }
}
