package org.baton.ledger;

import java.util.List;
import java.util.Optional;
import org.baton.trust.InstitutionId;

/**
 * Queries the ledger. Reads never submit a transaction. Every method throws
 * {@link LedgerUnavailableException} if the ledger cannot be reached.
 */
public interface LedgerReader {

    /** The grant with this id, if it is on the ledger. */
    Optional<GrantRecord> grant(GrantId id);

    /** The receipt with this id, if it is on the ledger. */
    Optional<ReceiptRecord> receipt(ReceiptId id);

    /** Where and when a transaction committed, if it did. */
    Optional<Committed> transaction(TxId id);

    /** Every receipt recorded under the grant, in commit order (empty if there are none or no such grant). */
    List<ReceiptRecord> receiptsByGrant(GrantId grant);

    /**
     * Grants the institution attests, receives, or is named a source of, recorded within {@code range}, in
     * commit order.
     */
    Page<GrantRecord> grantsByInstitution(InstitutionId institution, TimeRange range, PageRequest page);

    /** Receipts the institution sent or received, recorded within {@code range}, in commit order. */
    Page<ReceiptRecord> receiptsByInstitution(InstitutionId institution, TimeRange range, PageRequest page);

    /**
     * Up to {@code max} events after {@code after}, in sequence order. Returns at once, with no events if
     * nothing happened since.
     *
     * @param max 1 to {@link PageRequest#MAX_SIZE}
     */
    EventPage events(EventCheckpoint after, int max);
}
