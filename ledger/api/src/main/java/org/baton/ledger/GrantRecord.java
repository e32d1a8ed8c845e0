package org.baton.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A grant as the ledger holds it: the grant, when it was recorded, and its revocation if any.
 *
 * @param grant the grant as submitted
 * @param created the transaction that recorded it
 * @param revoked the transaction that revoked it, if any
 */
public record GrantRecord(ConsentGrant grant, Committed created, Optional<Committed> revoked) {

    public GrantRecord {
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(revoked, "revoked");
    }

    public GrantId id() {
        return grant.id();
    }

    /** The grant's status at {@code instant}: revocation wins, then the validity period. */
    public GrantStatus statusAt(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        if (revoked.isPresent()) {
            return GrantStatus.REVOKED;
        }
        if (instant.isBefore(grant.issuedAt())) {
            return GrantStatus.NOT_YET_VALID;
        }
        if (!instant.isBefore(grant.expiresAt())) {
            return GrantStatus.EXPIRED;
        }
        return GrantStatus.ACTIVE;
    }

    /** This record with the grant revoked by {@code revocation}. */
    public GrantRecord revokedBy(Committed revocation) {
        return new GrantRecord(grant, created, Optional.of(revocation));
    }
}
