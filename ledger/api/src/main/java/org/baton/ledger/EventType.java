package org.baton.ledger;

/** What a {@link LedgerEvent} reports: one per accepted transaction. */
public enum EventType {
    GRANT_CREATED,
    GRANT_REVOKED,
    RECEIPT_RECORDED,
    RECEIPT_ACKNOWLEDGED
}
