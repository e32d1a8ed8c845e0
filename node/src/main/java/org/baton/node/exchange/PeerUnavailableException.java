package org.baton.node.exchange;

import java.util.Objects;
import org.baton.trust.InstitutionId;

/**
 * A peer node could not be reached, did not answer in time, or could not answer now (it reported UNAVAILABLE,
 * e.g. because its ledger is down). The step is retried with backoff.
 */
public final class PeerUnavailableException extends ExchangeException {

    private static final long serialVersionUID = 1L;

    private final InstitutionId peer;

    public PeerUnavailableException(InstitutionId peer, String detail, Throwable cause) {
        super("peer " + Objects.requireNonNull(peer, "peer") + " is unavailable: "
                + Objects.requireNonNull(detail, "detail"), cause);
        this.peer = peer;
    }

    public InstitutionId peer() {
        return peer;
    }
}
