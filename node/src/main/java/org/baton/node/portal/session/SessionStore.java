package org.baton.node.portal.session;

import java.util.List;
import java.util.Optional;
import org.baton.node.portal.accounts.AccountId;

/** Where sessions persist, so a node restart does not sign everyone out. Safe for concurrent use. */
public interface SessionStore {

    Optional<Session> find(String key);

    void put(Session session);

    void delete(String key);

    /** Every session of an account (sign out everywhere). */
    List<Session> listFor(AccountId account);

    /** Every session, for purging expired ones. */
    List<Session> list();

    /** A session store in memory, for tests and for a node run without a record store. */
    static SessionStore inMemory() {
        return new InMemorySessionStore();
    }
}
