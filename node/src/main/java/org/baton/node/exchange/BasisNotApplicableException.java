package org.baton.node.exchange;

import java.util.Objects;
import org.baton.ledger.LegalBasis;

/** A disclosure without consent is not covered by the legal basis it names (parties, scopes or opt-out). */
public final class BasisNotApplicableException extends ExchangeException {

    private static final long serialVersionUID = 1L;

    private final LegalBasis basis;
    private final String reason;

    public BasisNotApplicableException(LegalBasis basis, String reason) {
        super("legal basis " + Objects.requireNonNull(basis, "basis") + " does not cover the disclosure: "
                + Objects.requireNonNull(reason, "reason"), null);
        this.basis = basis;
        this.reason = reason;
    }

    public LegalBasis basis() {
        return basis;
    }

    public String reason() {
        return reason;
    }
}
