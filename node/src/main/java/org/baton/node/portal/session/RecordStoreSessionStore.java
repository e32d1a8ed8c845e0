package org.baton.node.portal.session;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.baton.node.portal.accounts.AccountId;
import org.baton.node.store.Column;
import org.baton.node.store.ColumnEntry;
import org.baton.node.store.RecordStore;
import org.baton.node.store.Serializers;
import org.baton.node.store.StoreTransaction;

/**
 * Sessions in the node's record store, encrypted at rest, keyed by the token's SHA-256, with an index by account
 * ({@code accountId/sessionKey}) for sign-out everywhere.
 */
final class RecordStoreSessionStore implements SessionStore {

    static final Column<String, byte[]> SESSIONS =
            Column.encrypted("portal_sessions", Serializers.utf8(), Serializers.bytes());
    static final Column<String, String> BY_ACCOUNT =
            Column.plain("portal_sessions_by_account", Serializers.utf8(), Serializers.utf8());
    static final List<Column<?, ?>> COLUMNS = List.of(SESSIONS, BY_ACCOUNT);

    private final RecordStore store;

    RecordStoreSessionStore(RecordStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Optional<Session> find(String key) {
        return store.get(SESSIONS, Objects.requireNonNull(key, "key")).map(SessionCodec::decode);
    }

    @Override
    public void put(Session session) {
        try (StoreTransaction tx = store.beginTransaction()) {
            tx.put(SESSIONS, session.key(), SessionCodec.encode(session));
            tx.put(BY_ACCOUNT, session.account().value() + "/" + session.key(), "");
            tx.commit();
        }
    }

    @Override
    public void delete(String key) {
        Optional<Session> existing = find(key);
        try (StoreTransaction tx = store.beginTransaction()) {
            tx.delete(SESSIONS, key);
            existing.ifPresent(s -> tx.delete(BY_ACCOUNT, s.account().value() + "/" + key));
            tx.commit();
        }
    }

    @Override
    public List<Session> listFor(AccountId account) {
        String prefix = account.value() + "/";
        try (Stream<ColumnEntry<String, String>> keys = store.scan(BY_ACCOUNT, prefix, account.value() + "0")) {
            return keys.map(e -> e.key().substring(prefix.length())).map(this::find).flatMap(Optional::stream)
                    .toList();
        }
    }

    @Override
    public List<Session> list() {
        try (Stream<ColumnEntry<String, byte[]>> all = store.scan(SESSIONS)) {
            return all.map(e -> SessionCodec.decode(e.value())).toList();
        }
    }
}
