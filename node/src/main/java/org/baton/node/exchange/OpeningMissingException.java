package org.baton.node.exchange;

import java.util.Objects;
import org.baton.ledger.GrantId;

/** This node knows no opening of the grant's subject commitment, so it cannot tell which student it names. */
public final class OpeningMissingException extends ExchangeException {

    private static final long serialVersionUID = 1L;

    private final GrantId grant;

    public OpeningMissingException(GrantId grant) {
        super("no opening of the subject commitment of grant " + Objects.requireNonNull(grant, "grant")
                + " is known here (the attester's notification has not arrived and the request carried none)", null);
        this.grant = grant;
    }

    public GrantId grant() {
        return grant;
    }
}
