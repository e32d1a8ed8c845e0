package org.baton.node.portal.consent;

/**
 * A consent from every school attended cannot be given: this node's records name more schools in the network than
 * one such consent reaches. The student chooses the schools by name instead.
 */
public final class TooManySchoolsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TooManySchoolsException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
