package org.baton.ledger;

import java.util.Objects;

/**
 * An acknowledgment as the ledger holds it.
 *
 * @param acknowledgment the recipient's verdict
 * @param committed the transaction that recorded it
 */
public record Acknowledged(Acknowledgment acknowledgment, Committed committed) {

    public Acknowledged {
        Objects.requireNonNull(acknowledgment, "acknowledgment");
        Objects.requireNonNull(committed, "committed");
    }
}
