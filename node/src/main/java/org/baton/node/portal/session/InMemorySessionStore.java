package org.baton.node.portal.session;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.baton.node.portal.accounts.AccountId;

/** Sessions in a concurrent map. */
final class InMemorySessionStore implements SessionStore {

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    @Override
    public Optional<Session> find(String key) {
        return Optional.ofNullable(sessions.get(Objects.requireNonNull(key, "key")));
    }

    @Override
    public void put(Session session) {
        sessions.put(session.key(), session);
    }

    @Override
    public void delete(String key) {
        sessions.remove(Objects.requireNonNull(key, "key"));
    }

    @Override
    public List<Session> listFor(AccountId account) {
        return sessions.values().stream().filter(s -> s.account().equals(account)).toList();
    }

    @Override
    public List<Session> list() {
        return List.copyOf(sessions.values());
    }
}
