package org.baton.node;

/**
 * A portal page asked a subsystem that is not part of this build (for example consent, which needs the exchange).
 * The page fails with this message rather than showing made-up data.
 */
public final class BackendNotInBuildException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BackendNotInBuildException(String what, String needs) {
        super(what + " is not available: it needs " + needs + ", which is not in this build");
    }
}
