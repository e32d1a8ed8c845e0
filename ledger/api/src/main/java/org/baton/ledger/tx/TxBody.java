package org.baton.ledger.tx;

import java.util.Objects;
import org.baton.ledger.Acknowledgment;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantId;

/** What a transaction asks the ledger to do: one of four operations. */
public sealed interface TxBody {

    /** The name written in the transaction's {@code type} field. */
    String type();

    /** Records a new grant. */
    record CreateGrant(ConsentGrant grant) implements TxBody {
        public static final String TYPE = "CREATE_GRANT";

        public CreateGrant {
            Objects.requireNonNull(grant, "grant");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** Revokes a grant. */
    record RevokeGrant(GrantId grant) implements TxBody {
        public static final String TYPE = "REVOKE_GRANT";

        public RevokeGrant {
            Objects.requireNonNull(grant, "grant");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** Records a disclosure. */
    record RecordReceipt(ExchangeReceipt receipt) implements TxBody {
        public static final String TYPE = "RECORD_RECEIPT";

        public RecordReceipt {
            Objects.requireNonNull(receipt, "receipt");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** Acknowledges a receipt. */
    record AcknowledgeReceipt(Acknowledgment acknowledgment) implements TxBody {
        public static final String TYPE = "ACKNOWLEDGE_RECEIPT";

        public AcknowledgeReceipt {
            Objects.requireNonNull(acknowledgment, "acknowledgment");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }
}
