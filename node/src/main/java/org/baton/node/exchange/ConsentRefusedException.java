package org.baton.node.exchange;

import java.util.Objects;
import org.baton.ledger.GrantId;

/**
 * A consent grant does not allow the transfer: the caller is not its recipient, this node is not a source, it is
 * revoked, expired or not yet valid, or a scope asked for is not granted.
 */
public final class ConsentRefusedException extends ExchangeException {

    private static final long serialVersionUID = 1L;

    private final GrantId grant;
    private final String reason;

    /**
     * @param grant the grant
     * @param reason what the grant does not allow (ids only)
     */
    public ConsentRefusedException(GrantId grant, String reason) {
        super("grant " + Objects.requireNonNull(grant, "grant") + " does not allow the transfer: "
                + Objects.requireNonNull(reason, "reason"), null);
        this.grant = grant;
        this.reason = reason;
    }

    public GrantId grant() {
        return grant;
    }

    public String reason() {
        return reason;
    }
}
