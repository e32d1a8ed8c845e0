package org.baton.node.readiness.rules;

/** A rule table could not be loaded: missing, unreadable, or with an invalid entry. */
public final class RuleBookLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;

    RuleBookLoadException(String file, String message, Throwable cause) {
        super("cannot load readiness rule table " + file + ": " + message, cause);
        this.file = file;
    }

    /** The rule file that failed ({@code uc.yaml} …). */
    public String file() {
        return file;
    }
}
