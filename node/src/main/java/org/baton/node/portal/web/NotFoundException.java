package org.baton.node.portal.web;

/** Thrown when a page names something that does not exist; the portal answers 404. */
public final class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String what) {
        super(what + " not found");
    }
}
