package org.baton.node.portal;

import java.util.Objects;
import org.baton.node.portal.accounts.AccountStore;
import org.baton.node.portal.session.SessionStore;

/**
 * What the portal reads and writes, each behind the interface its owner provides.
 *
 * @param accounts portal accounts
 * @param sessions portal sessions
 */
public record PortalBackends(AccountStore accounts, SessionStore sessions) {

    public PortalBackends {
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(sessions, "sessions");
    }
}
