package org.baton.ledger.rules;

import java.util.Objects;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.ReceiptRecord;

/** The one record an accepted transaction writes (replacing any earlier version of it). */
public sealed interface StateWrite {

    /** Writes a grant record (created or revoked). */
    record Grant(GrantRecord record) implements StateWrite {
        public Grant {
            Objects.requireNonNull(record, "record");
        }
    }

    /** Writes a receipt record (recorded or acknowledged). */
    record Receipt(ReceiptRecord record) implements StateWrite {
        public Receipt {
            Objects.requireNonNull(record, "record");
        }
    }
}
