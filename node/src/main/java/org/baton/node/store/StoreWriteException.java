package org.baton.node.store;

/** Writing to the store failed; the transaction that was being written had no effect. */
public final class StoreWriteException extends StoreException {

    private static final long serialVersionUID = 1L;

    public StoreWriteException(String message) {
        super(message);
    }

    public StoreWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
