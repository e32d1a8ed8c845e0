package org.baton.ledger.rules;

import java.util.Optional;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.TxId;

/** The state the rules read: a backend's committed state plus whatever it has accepted but not yet committed. */
public interface LedgerState {

    Optional<GrantRecord> grant(GrantId id);

    Optional<ReceiptRecord> receipt(ReceiptId id);

    /** True if a transaction with this id was accepted before. */
    boolean containsTransaction(TxId id);
}
