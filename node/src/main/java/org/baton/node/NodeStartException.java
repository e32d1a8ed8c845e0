package org.baton.node;

import java.util.Objects;
import org.baton.trust.InstitutionId;

/**
 * A node could not start: its key material, consortium file or store is unusable, or a port cannot be bound.
 * The message says what to fix.
 */
public final class NodeStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final InstitutionId institution;

    public NodeStartException(InstitutionId institution, String reason) {
        super(message(institution, reason));
        this.institution = institution;
    }

    public NodeStartException(InstitutionId institution, String reason, Throwable cause) {
        super(message(institution, reason), cause);
        this.institution = institution;
    }

    /** The institution whose node could not start. */
    public InstitutionId institution() {
        return institution;
    }

    private static String message(InstitutionId institution, String reason) {
        Objects.requireNonNull(institution, "institution");
        return "node " + institution + " cannot start: " + reason;
    }
}
