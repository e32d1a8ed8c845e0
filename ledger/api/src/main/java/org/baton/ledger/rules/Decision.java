package org.baton.ledger.rules;

import java.util.Objects;
import org.baton.ledger.LedgerEvent;
import org.baton.ledger.LedgerRejectedException;
import org.baton.ledger.RefusalReason;
import org.baton.ledger.TxId;

/** The rules' verdict on one transaction. */
public sealed interface Decision {

    /**
     * The transaction is accepted: apply {@code write} and publish {@code event}.
     *
     * @param write the record to store
     * @param event the event to append to the stream
     */
    record Accepted(StateWrite write, LedgerEvent event) implements Decision {
        public Accepted {
            Objects.requireNonNull(write, "write");
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * The transaction is refused; nothing changes.
     *
     * @param reason the rule that refused it
     * @param detail what failed, naming ids only
     */
    record Refused(RefusalReason reason, String detail) implements Decision {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        /** The exception a backend throws to the submitter of {@code txId}. */
        public LedgerRejectedException toException(TxId txId) {
            return new LedgerRejectedException(txId, reason, detail);
        }
    }
}
