package org.baton.node.portal.session;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.baton.node.portal.accounts.AccountId;

/**
 * A server-side session as stored. The browser holds a random token; the store holds only its SHA-256
 * ({@link #key()}), so a copy of the store does not hand out live sessions.
 *
 * @param key          lower-case hex SHA-256 of the session token
 * @param account      whose session it is
 * @param stage        how far sign-in has got
 * @param createdAt    when the session was opened (the absolute timeout counts from here)
 * @param lastSeenAt   last request (the idle timeout counts from here)
 * @param pendingTotp  a TOTP seed offered for enrollment and not yet confirmed
 */
public record Session(String key, AccountId account, Stage stage, Instant createdAt, Instant lastSeenAt,
                      Optional<String> pendingTotp) {

    /** How far sign-in has got. */
    public enum Stage {
        /** Password accepted; a TOTP code is due. */
        SECOND_FACTOR,
        /** Password accepted; a staff account must enroll a second factor first. */
        ENROLL_SECOND_FACTOR,
        /** Signed in. */
        ACTIVE
    }

    public Session {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        Objects.requireNonNull(pendingTotp, "pendingTotp");
    }

    Session seen(Instant now) {
        return new Session(key, account, stage, createdAt, now, pendingTotp);
    }

    Session withPendingTotp(String secret) {
        return new Session(key, account, stage, createdAt, lastSeenAt, Optional.of(secret));
    }
}
