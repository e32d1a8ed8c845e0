package org.baton.tools.portal;

/** A call to a node's admin service failed; the message says which call, which node and why. */
public final class AdminCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AdminCallException(String call, String admin, String reason, Throwable cause) {
        super(call + " on node admin " + admin + " failed: " + reason, cause);
    }
}
