package org.baton.ledger;

/** Base of the exceptions the ledger port throws. */
public abstract sealed class LedgerException extends RuntimeException
        permits LedgerRejectedException, LedgerUnavailableException {

    private static final long serialVersionUID = 1L;

    LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
