package org.baton.node.exchange;

import java.util.List;
import java.util.Objects;
import org.baton.ledger.ConsentGrant;
import org.baton.trust.InstitutionId;

/**
 * A grant concerning one of this node's students, with where it stands.
 *
 * @param grant the grant
 * @param state where it stands now
 * @param attestedHere true if this node attests it (and so may revoke it)
 * @param attended for a grant from every institution attended that this node attests: the members its records named
 *     when the grant was made, who were told of it; empty otherwise
 */
public record GrantSummary(ConsentGrant grant, State state, boolean attestedHere, List<InstitutionId> attended) {

    /** A summary without a list of institutions attended. */
    public GrantSummary(ConsentGrant grant, State state, boolean attestedHere) {
        this(grant, state, attestedHere, List.of());
    }

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
        attended = List.copyOf(attended);
    }
}
