package org.baton.node.portal.accounts;

/** Life cycle of an account. */
public enum AccountStatus {
    /** Issued by the institution; waits for its holder to activate it with the one-time code. */
    PENDING_ACTIVATION,
    /** Activated: the holder chose a username and password. */
    ACTIVE,
    /** Disabled by an administrator; cannot sign in. */
    DISABLED
}
