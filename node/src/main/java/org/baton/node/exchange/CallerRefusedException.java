package org.baton.node.exchange;

import java.util.Objects;
import org.baton.trust.InstitutionId;

/**
 * The calling institution may not make this call: it is not the grant's attester (a notification), this node is
 * not a party of the grant, or it is not the signer of the package it delivers.
 */
public final class CallerRefusedException extends ExchangeException {

    private static final long serialVersionUID = 1L;

    private final InstitutionId caller;

    public CallerRefusedException(InstitutionId caller, String reason) {
        super("institution " + Objects.requireNonNull(caller, "caller") + " may not do this: "
                + Objects.requireNonNull(reason, "reason"), null);
        this.caller = caller;
    }

    public InstitutionId caller() {
        return caller;
    }
}
