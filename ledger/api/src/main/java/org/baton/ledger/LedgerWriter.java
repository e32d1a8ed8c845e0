package org.baton.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Submits transactions to the ledger, signed as one institution. Each call returns once the transaction is
 * durably committed, or throws.
 *
 * @see org.baton.ledger.rules.LedgerRules the rules every write is checked against
 */
public interface LedgerWriter {

    /**
     * Records a new grant. The caller must be the grant's attester.
     *
     * @throws LedgerRejectedException with {@link RefusalReason#NOT_ATTESTER}, {@link RefusalReason#GRANT_ALREADY_EXISTS},
     *     {@link RefusalReason#GRANT_ISSUED_IN_FUTURE} or {@link RefusalReason#GRANT_ALREADY_EXPIRED}
     * @throws LedgerUnavailableException if the ledger cannot be reached (outcome unknown)
     */
    Committed createGrant(ConsentGrant grant);

    /**
     * Revokes a grant. The caller must be the grant's attester.
     *
     * @throws LedgerRejectedException with {@link RefusalReason#GRANT_NOT_FOUND}, {@link RefusalReason#NOT_ATTESTER}
     *     or {@link RefusalReason#GRANT_REVOKED}
     * @throws LedgerUnavailableException if the ledger cannot be reached (outcome unknown)
     */
    Committed revokeGrant(GrantId grant);

    /**
     * Records a disclosure. The caller must be the receipt's sender; under consent, a source of an active grant
     * disclosing to the grant's recipient within its scopes; under another basis, one that basis covers.
     *
     * @throws LedgerRejectedException with one of the receipt refusals of {@link RefusalReason}
     * @throws LedgerUnavailableException if the ledger cannot be reached (outcome unknown)
     */
    Committed recordReceipt(ExchangeReceipt receipt);

    /**
     * Records several receipts, each as {@link #recordReceipt} would alone: one future per receipt, in order, each
     * completed with its commit or failed with the {@link LedgerRejectedException} or
     * {@link LedgerUnavailableException} that call would have thrown. A ledger that batches submissions sends them
     * together, so a sender with many receipts waits for one round trip, not one per receipt, and holds no thread
     * per receipt. This default records them one after another before it returns.
     */
    default List<CompletableFuture<Committed>> recordReceipts(List<ExchangeReceipt> receipts) {
        List<CompletableFuture<Committed>> outcomes = new ArrayList<>(receipts.size());
        for (ExchangeReceipt receipt : receipts) {
            try {
                outcomes.add(CompletableFuture.completedFuture(recordReceipt(receipt)));
            } catch (LedgerException e) {
                outcomes.add(CompletableFuture.failedFuture(e));
            }
        }
        return outcomes;
    }

    /**
     * Acknowledges a receipt. The caller must be the receipt's recipient; a receipt is acknowledged once.
     *
     * @throws LedgerRejectedException with {@link RefusalReason#RECEIPT_NOT_FOUND}, {@link RefusalReason#NOT_RECIPIENT}
     *     or {@link RefusalReason#ALREADY_ACKNOWLEDGED}
     * @throws LedgerUnavailableException if the ledger cannot be reached (outcome unknown)
     */
    Committed acknowledge(Acknowledgment acknowledgment);

    /**
     * Accepts the package a receipt describes, provided the receipt on the ledger is exactly {@code expected}: the
     * recipient names what it verified (the package's hash, its sender, grant or basis, scopes and sent-at time)
     * and needs no read of the receipt first. The transaction carries the receipt's digest
     * ({@link org.baton.ledger.tx.TxBody.AcknowledgeReceipt#digest}), not the receipt again. The caller must be the
     * receipt's recipient.
     *
     * @throws LedgerRejectedException with {@link RefusalReason#RECEIPT_NOT_FOUND}, {@link RefusalReason#NOT_RECIPIENT},
     *     {@link RefusalReason#ALREADY_ACKNOWLEDGED} or {@link RefusalReason#RECEIPT_MISMATCH} (the receipt on the
     *     ledger differs)
     * @throws LedgerUnavailableException if the ledger cannot be reached (outcome unknown)
     */
    Committed accept(ExchangeReceipt expected);

    /**
     * As {@link #accept}, without holding the caller's thread until the commit: the future completes with the commit,
     * or fails with the {@link LedgerRejectedException} or {@link LedgerUnavailableException} {@code accept} would
     * have thrown. A ledger that batches submissions sends it with others. This default accepts before it returns;
     * a ledger reached over the network should override it, so that no thread is held for the round trip.
     */
    default CompletableFuture<Committed> acceptAsync(ExchangeReceipt expected) {
        try {
            return CompletableFuture.completedFuture(accept(expected));
        } catch (LedgerException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
