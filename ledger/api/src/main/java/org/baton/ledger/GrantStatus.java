package org.baton.ledger;

/** Where a grant stands at a given instant. */
public enum GrantStatus {
    /** Recorded, but its issued-at time is still ahead. */
    NOT_YET_VALID,
    /** In force: records may be disclosed under it. */
    ACTIVE,
    /** Its expires-at time has passed. */
    EXPIRED,
    /** Revoked by the grantor, through the attesting institution. */
    REVOKED
}
