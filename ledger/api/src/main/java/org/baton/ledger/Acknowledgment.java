package org.baton.ledger;

import java.util.Objects;
import java.util.Optional;

/**
 * The recipient's answer to a receipt: it accepted the package, or rejected it for a reason.
 *
 * @param receipt the receipt acknowledged
 * @param verdict accepted or rejected
 * @param reason why, present exactly when {@code verdict} is {@link Verdict#REJECTED}
 */
public record Acknowledgment(ReceiptId receipt, Verdict verdict, Optional<RejectionReason> reason) {

    public Acknowledgment {
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        if ((verdict == Verdict.REJECTED) != reason.isPresent()) {
            throw new IllegalArgumentException("acknowledgment of receipt " + receipt
                    + ": a reason is given exactly when the package is rejected");
        }
    }

    public static Acknowledgment accepted(ReceiptId receipt) {
        return new Acknowledgment(receipt, Verdict.ACCEPTED, Optional.empty());
    }

    public static Acknowledgment rejected(ReceiptId receipt, RejectionReason reason) {
        return new Acknowledgment(receipt, Verdict.REJECTED, Optional.of(reason));
    }
}
