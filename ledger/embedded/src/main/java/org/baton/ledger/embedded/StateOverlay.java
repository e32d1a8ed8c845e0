package org.baton.ledger.embedded;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.TxId;
import org.baton.ledger.rules.Decision;
import org.baton.ledger.rules.LedgerState;
import org.baton.ledger.rules.StateWrite;

/**
 * The committed state plus the transactions accepted into the block being built, and those of the block before it
 * while that one is still being written (its parent overlay). Not thread-safe.
 */
final class StateOverlay implements LedgerState {

    private final ChainStore store;
    private final Map<GrantId, GrantRecord> committedGrants;
    /** The previous block's overlay until that block is durable (the store then answers for it), else null. */
    private StateOverlay parent;
    private final Map<GrantId, GrantRecord> grants = new HashMap<>();
    private final Map<ReceiptId, ReceiptRecord> receipts = new HashMap<>();
    private final Set<TxId> transactions = new HashSet<>();

    StateOverlay(ChainStore store) {
        this(store, new HashMap<>());
    }

    /**
     * @param committedGrants a cache of committed grant records that this overlay reads through and fills; the
     *     owner keeps it equal to the store (receipts look up the same few grants again and again)
     */
    StateOverlay(ChainStore store, Map<GrantId, GrantRecord> committedGrants) {
        this(store, committedGrants, null);
    }

    /**
     * @param parent the overlay of the previous block while it is not yet durable (read before the committed
     *     state, so that this block's rules see that block's effects), or null
     */
    StateOverlay(ChainStore store, Map<GrantId, GrantRecord> committedGrants, StateOverlay parent) {
        this.store = store;
        this.committedGrants = committedGrants;
        this.parent = parent;
    }

    /** Stops reading the parent overlay: its block is durable, so the store and the grant cache now hold it. */
    void detachParent() {
        parent = null;
    }

    /** The grant records this overlay wrote, for the owner's cache once they are committed. */
    Map<GrantId, GrantRecord> writtenGrants() {
        return grants;
    }

    void apply(Decision.Accepted accepted) {
        transactions.add(accepted.event().txId());
        if (accepted.write() instanceof StateWrite.Grant grant) {
            grants.put(grant.record().id(), grant.record());
        } else if (accepted.write() instanceof StateWrite.Receipt receipt) {
            receipts.put(receipt.record().id(), receipt.record());
        }
    }

    @Override
    public Optional<GrantRecord> grant(GrantId id) {
        GrantRecord pending = grants.get(id);
        if (pending != null) {
            return Optional.of(pending);
        }
        if (parent != null) {
            GrantRecord previous = parent.grants.get(id);
            if (previous != null) {
                return Optional.of(previous);
            }
        }
        GrantRecord cached = committedGrants.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<GrantRecord> stored = store.grant(id);
        stored.ifPresent(record -> committedGrants.put(id, record));
        return stored;
    }

    @Override
    public Optional<ReceiptRecord> receipt(ReceiptId id) {
        ReceiptRecord pending = receipts.get(id);
        if (pending == null && parent != null) {
            pending = parent.receipts.get(id);
        }
        return pending != null ? Optional.of(pending) : store.receipt(id);
    }

    @Override
    public boolean containsTransaction(TxId id) {
        return transactions.contains(id) || (parent != null && parent.transactions.contains(id))
                || store.containsTransaction(id);
    }
}
