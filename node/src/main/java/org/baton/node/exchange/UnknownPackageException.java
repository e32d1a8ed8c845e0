package org.baton.node.exchange;

import java.util.Objects;
import org.baton.ledger.ReceiptId;

/** This node sent no package under the receipt a request names. */
public final class UnknownPackageException extends ExchangeException {

    private static final long serialVersionUID = 1L;

    public UnknownPackageException(ReceiptId receipt) {
        super("no package was sent from here under receipt " + Objects.requireNonNull(receipt, "receipt").value(),
                null);
    }
}
