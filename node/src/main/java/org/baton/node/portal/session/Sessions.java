package org.baton.node.portal.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.baton.node.portal.accounts.AccountId;

/**
 * Server-side sessions: opened with a fresh random token at each sign-in step (so a token planted before sign-in
 * is worthless afterwards), idle and absolute timeouts, sign-out and sign-out everywhere.
 */
public interface Sessions {

    /** Opens a session with a new token. */
    Opened open(AccountId account, Session.Stage stage);

    /** The live session a token names, refreshing its idle timer; empty when unknown or timed out. */
    Optional<Session> resolve(String token);

    /** Replaces a session by a new one, with a new token, at a new stage (the old token stops working). */
    Opened rotate(String oldToken, Session.Stage stage);

    /** Remembers a TOTP seed offered for enrollment. */
    Session offerTotp(String token, String secret);

    /** Ends one session. Ending an unknown session does nothing. */
    void close(String token);

    /** Ends every session of an account; returns how many. */
    int closeAll(AccountId account);

    /** Deletes timed-out sessions; returns how many. */
    int purgeExpired();

    /**
     * A new session and the token that names it. The token goes only into the session cookie.
     *
     * @param token   the secret the browser presents
     * @param session the stored session
     */
    record Opened(String token, Session session) {
        @Override
        public String toString() {
            return "Opened[" + session.account() + ", " + session.stage() + "]";
        }
    }

    /**
     * Session timeouts.
     *
     * @param idle       ends a session after this long without a request
     * @param absolute   ends a session this long after sign-in, however active
     * @param signInStep how long a half-finished sign-in (second factor, enrollment) may wait
     */
    record Timeouts(Duration idle, Duration absolute, Duration signInStep) {
        public Timeouts {
            for (Duration d : new Duration[] {idle, absolute, signInStep}) {
                if (d == null || d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("session timeouts must be positive, got " + d);
                }
            }
            if (idle.compareTo(absolute) > 0) {
                throw new IllegalArgumentException("idle timeout " + idle + " exceeds absolute timeout " + absolute);
            }
        }

        /** 30 minutes idle, 12 hours absolute, 10 minutes for a sign-in step. */
        public static Timeouts defaults() {
            return new Timeouts(Duration.ofMinutes(30), Duration.ofHours(12), Duration.ofMinutes(10));
        }
    }

    static Sessions create(SessionStore store, Timeouts timeouts, Clock clock, SecureRandom random) {
        return new SessionManager(store, timeouts, clock, random);
    }
}
