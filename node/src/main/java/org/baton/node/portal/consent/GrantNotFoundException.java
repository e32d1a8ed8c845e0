package org.baton.node.portal.consent;

/** Thrown when a grant or disclosure id is not one of the student's. */
public final class GrantNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GrantNotFoundException(String id) {
        super("grant or disclosure " + id + " not found for this student");
    }
}
