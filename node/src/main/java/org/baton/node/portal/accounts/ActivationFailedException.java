package org.baton.node.portal.accounts;

/** Thrown when an activation code is unknown or expired, or the chosen username is malformed. */
public final class ActivationFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why activation failed. */
    public enum Reason {
        UNKNOWN_OR_EXPIRED_CODE,
        BAD_USERNAME
    }

    private final Reason reason;

    public ActivationFailedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
