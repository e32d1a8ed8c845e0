package org.baton.node.portal.accounts;

/** Thrown when an account would take a username another account already has. */
public final class UsernameTakenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UsernameTakenException(String username) {
        super("username '" + username + "' is already taken by another account");
    }
}
