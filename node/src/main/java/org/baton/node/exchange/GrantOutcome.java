package org.baton.node.exchange;

import java.util.Objects;
import org.baton.ledger.ConsentGrant;

/**
 * What recording a consent achieved.
 *
 * @param grant the grant as submitted (its id is the one the portal shows)
 * @param recorded true when the ledger committed it; false when the ledger could not be reached and the grant is
 *     queued: it is recorded (and its parties told) as soon as the ledger answers
 */
public record GrantOutcome(ConsentGrant grant, boolean recorded) {

    public GrantOutcome {
        Objects.requireNonNull(grant, "grant");
    }
}
