package org.baton.node.portal.consent;

/** Thrown when a grant or revocation cannot be recorded (the ledger refused it or is unavailable). */
public final class ConsentRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConsentRejectedException(String grantId, String reason, Throwable cause) {
        super("consent " + grantId + " was not recorded: " + reason, cause);
    }
}
