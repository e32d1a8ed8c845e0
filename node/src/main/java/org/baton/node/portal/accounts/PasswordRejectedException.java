package org.baton.node.portal.accounts;

import java.util.Objects;

/** Thrown when a chosen password breaks the password rules; {@link #reason()} says which. */
public final class PasswordRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Which rule the password broke. */
    public enum Reason {
        TOO_SHORT("is shorter than 15 characters"),
        TOO_LONG("is longer than 128 characters"),
        COMMON("is a commonly used password"),
        CONTAINS_USERNAME("contains the username"),
        MISMATCH("does not match its confirmation");

        private final String text;

        Reason(String text) {
            this.text = text;
        }
    }

    private final Reason reason;

    public PasswordRejectedException(Reason reason) {
        super("the new password " + Objects.requireNonNull(reason, "reason").text);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
