package org.baton.ledger;

import java.util.Objects;

/** The ledger refused a transaction under its rules; retrying the same transaction will not succeed. */
public final class LedgerRejectedException extends LedgerException {

    private static final long serialVersionUID = 1L;

    private final TxId txId;
    private final RefusalReason reason;
    private final String detail;

    /**
     * @param txId the refused transaction
     * @param reason the rule that refused it
     * @param detail what exactly failed, naming ids (never record contents)
     */
    public LedgerRejectedException(TxId txId, RefusalReason reason, String detail) {
        super("ledger refused transaction " + Objects.requireNonNull(txId, "txId") + ": "
                + Objects.requireNonNull(reason, "reason") + " (" + Objects.requireNonNull(detail, "detail") + ")",
                null);
        this.txId = txId;
        this.reason = reason;
        this.detail = detail;
    }

    public TxId txId() {
        return txId;
    }

    public RefusalReason reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }
}
