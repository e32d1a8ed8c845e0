package org.baton.node.store;

/**
 * Base of every exception the record store throws. Messages name the step and the ids involved, never record
 * contents.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
