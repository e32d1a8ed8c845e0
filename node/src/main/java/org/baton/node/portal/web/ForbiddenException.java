package org.baton.node.portal.web;

/** Thrown when the access policy refuses a request; the portal answers 403 without saying more. */
public final class ForbiddenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ForbiddenException(String reason) {
        super("access refused: " + reason);
    }
}
