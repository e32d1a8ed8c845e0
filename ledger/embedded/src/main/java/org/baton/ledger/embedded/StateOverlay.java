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

/** The committed state plus the transactions accepted into the block being built. Not thread-safe. */
final class StateOverlay implements LedgerState {

    private final ChainStore store;
    private final Map<GrantId, GrantRecord> grants = new HashMap<>();
    private final Map<ReceiptId, ReceiptRecord> receipts = new HashMap<>();
    private final Set<TxId> transactions = new HashSet<>();

    StateOverlay(ChainStore store) {
        this.store = store;
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
        return pending != null ? Optional.of(pending) : store.grant(id);
    }

    @Override
    public Optional<ReceiptRecord> receipt(ReceiptId id) {
        ReceiptRecord pending = receipts.get(id);
        return pending != null ? Optional.of(pending) : store.receipt(id);
    }

    @Override
    public boolean containsTransaction(TxId id) {
        return transactions.contains(id) || store.containsTransaction(id);
    }
}
