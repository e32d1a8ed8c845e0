package org.baton.node.exchange;

import java.util.Objects;
import org.baton.ledger.ConsentGrant;

/**
 * A grant concerning one of this node's students, with where it stands.
 *
 * @param grant the grant
 * @param state where it stands now
 * @param attestedHere true if this node attests it (and so may revoke it)
 */
public record GrantSummary(ConsentGrant grant, State state, boolean attestedHere) {

    /** Where a grant stands. */
    public enum State {
        /** Not yet on the ledger (queued during an outage). */
        PENDING,
        /** The ledger refused it; it never took effect. */
        REFUSED,
        NOT_YET_VALID,
        ACTIVE,
        EXPIRED,
        REVOKED,
        /** On the ledger, but the ledger could not be read just now. */
        UNKNOWN
    }

    public GrantSummary {
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(state, "state");
    }
}
