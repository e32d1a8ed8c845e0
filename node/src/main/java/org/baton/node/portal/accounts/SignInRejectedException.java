package org.baton.node.portal.accounts;

/**
 * Thrown when a sign-in step fails. The message never says whether a username exists; the portal shows the
 * holder only the generic text for {@link #reason()}.
 */
public final class SignInRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the step failed. */
    public enum Reason {
        /** Wrong username, password or code (indistinguishable on purpose). */
        BAD_CREDENTIALS,
        /** Too many consecutive failures: the account is locked for a while. */
        LOCKED,
        /** Too many attempts from one address. */
        RATE_LIMITED
    }

    private final Reason reason;

    public SignInRejectedException(Reason reason) {
        super(switch (reason) {
            case BAD_CREDENTIALS -> "sign-in rejected: wrong username, password or code";
            case LOCKED -> "sign-in rejected: account locked after repeated failures";
            case RATE_LIMITED -> "sign-in rejected: too many attempts from this address";
        });
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
