package org.baton.node.store;

/** An operation was attempted on a store, transaction or scan that has already been closed. */
public final class StoreClosedException extends StoreException {

    private static final long serialVersionUID = 1L;

    public StoreClosedException(String message) {
        super(message);
    }
}
