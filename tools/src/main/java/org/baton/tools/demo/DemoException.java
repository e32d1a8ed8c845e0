package org.baton.tools.demo;

/** The demo could not set up or start its consortium; the message says what and where. */
public final class DemoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public DemoException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public DemoException(String message, Throwable cause) {
        super(message, cause);
    }
}
