package org.baton.node.portal.web;

/** Thrown when a form or query is malformed; the portal answers 400 and names the field. */
public final class BadRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadRequestException(String field, String problem) {
        super("field '" + field + "' " + problem);
    }
}
