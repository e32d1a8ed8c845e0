package org.baton.node.portal;

import org.baton.node.portal.accounts.AccountStore;
import org.baton.node.portal.session.SessionStore;

/** Backends for portal tests. */
public final class PortalBackendsForTests {

    private PortalBackendsForTests() {
    }

    public static PortalBackends backends(AccountStore accounts, SessionStore sessions) {
        return new PortalBackends(accounts, sessions);
    }
}
