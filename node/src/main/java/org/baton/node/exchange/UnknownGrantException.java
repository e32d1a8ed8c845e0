package org.baton.node.exchange;

import java.util.Objects;
import org.baton.ledger.GrantId;

/** The grant named by a request is not on the ledger (or, for an attester's revocation, not one it attests). */
public final class UnknownGrantException extends ExchangeException {

    private static final long serialVersionUID = 1L;

    private final GrantId grant;

    public UnknownGrantException(GrantId grant, String where) {
        super("grant " + Objects.requireNonNull(grant, "grant") + " is not " + Objects.requireNonNull(where, "where"),
                null);
        this.grant = grant;
    }

    public GrantId grant() {
        return grant;
    }
}
