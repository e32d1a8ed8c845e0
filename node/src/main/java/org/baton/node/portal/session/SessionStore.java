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

    /** The record-store columns the store-backed implementation uses; declare them when opening the store. */
    List<org.baton.node.store.Column<?, ?>> STORE_COLUMNS = RecordStoreSessionStore.COLUMNS;

    /** Sessions in the node's record store (opened with {@link #STORE_COLUMNS}). */
    static SessionStore inRecordStore(org.baton.node.store.RecordStore store) {
        return new RecordStoreSessionStore(store);
    }

    /** A session store in memory, for tests and for a node run without a record store. */
    static SessionStore inMemory() {
        return new InMemorySessionStore();
    }
}
