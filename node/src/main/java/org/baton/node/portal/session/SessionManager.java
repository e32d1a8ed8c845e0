package org.baton.node.portal.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.baton.node.portal.accounts.AccountId;

/** Sessions over a store; tokens are 256 random bits, stored as their SHA-256. */
final class SessionManager implements Sessions {

    /** Touch the stored session at most this often, so reading a page is not always a write. */
    private static final Duration TOUCH_EVERY = Duration.ofSeconds(30);

    private final SessionStore store;
    private final Timeouts timeouts;
    private final Clock clock;
    private final SecureRandom random;

    SessionManager(SessionStore store, Timeouts timeouts, Clock clock, SecureRandom random) {
        this.store = Objects.requireNonNull(store, "store");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public Opened open(AccountId account, Session.Stage stage) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Session session = new Session(key(token), account, stage, now, now, Optional.empty());
        store.put(session);
        return new Opened(token, session);
    }

    @Override
    public Optional<Session> resolve(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        String key = key(token);
        Optional<Session> found = store.find(key);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Session session = found.get();
        Instant now = clock.instant();
        if (expired(session, now)) {
            store.delete(key);
            return Optional.empty();
        }
        if (Duration.between(session.lastSeenAt(), now).compareTo(TOUCH_EVERY) >= 0) {
            session = session.seen(now);
            store.put(session);
        }
        return Optional.of(session);
    }

    @Override
    public Opened rotate(String oldToken, Session.Stage stage) {
        Session old = resolve(oldToken).orElseThrow(() -> new IllegalStateException(
                "cannot rotate a session that is unknown or timed out"));
        store.delete(old.key());
        return open(old.account(), stage);
    }

    @Override
    public Session offerTotp(String token, String secret) {
        Session session = resolve(token).orElseThrow(() -> new IllegalStateException(
                "cannot offer a second factor to a session that is unknown or timed out"));
        Session updated = session.withPendingTotp(secret);
        store.put(updated);
        return updated;
    }

    @Override
    public void close(String token) {
        if (token != null && !token.isEmpty() && token.length() <= 100) {
            store.delete(key(token));
        }
    }

    @Override
    public int closeAll(AccountId account) {
        int n = 0;
        for (Session s : store.listFor(account)) {
            store.delete(s.key());
            n++;
        }
        return n;
    }

    @Override
    public int purgeExpired() {
        Instant now = clock.instant();
        int n = 0;
        for (Session s : store.list()) {
            if (expired(s, now)) {
                store.delete(s.key());
                n++;
            }
        }
        return n;
    }

    private boolean expired(Session s, Instant now) {
        if (s.stage() != Session.Stage.ACTIVE) {
            return !now.isBefore(s.createdAt().plus(timeouts.signInStep()));
        }
        return !now.isBefore(s.lastSeenAt().plus(timeouts.idle()))
                || !now.isBefore(s.createdAt().plus(timeouts.absolute()));
    }

    static String key(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }
}
