package org.baton.ledger.tx;

import java.util.Objects;
import java.util.Optional;
import org.baton.ledger.Acknowledgment;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantId;
import org.baton.ledger.Verdict;

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

    /**
     * Acknowledges a receipt. An acceptance may name the receipt the recipient expects — the package it verified,
     * from whom, under which grant or basis, covering which scopes — and is then taken only if the ledger's receipt
     * is exactly that one, so the recipient need not read the receipt first.
     */
    record AcknowledgeReceipt(Acknowledgment acknowledgment, Optional<ExchangeReceipt> expected) implements TxBody {
        public static final String TYPE = "ACKNOWLEDGE_RECEIPT";

        public AcknowledgeReceipt {
            Objects.requireNonNull(acknowledgment, "acknowledgment");
            Objects.requireNonNull(expected, "expected");
            expected.ifPresent(receipt -> {
                if (!receipt.id().equals(acknowledgment.receipt())) {
                    throw new IllegalArgumentException("acknowledgment of receipt " + acknowledgment.receipt()
                            + " expects receipt " + receipt.id());
                }
                if (acknowledgment.verdict() != Verdict.ACCEPTED) {
                    throw new IllegalArgumentException("acknowledgment of receipt " + acknowledgment.receipt()
                            + ": only an acceptance names the receipt it expects");
                }
            });
        }

        public AcknowledgeReceipt(Acknowledgment acknowledgment) {
            this(acknowledgment, Optional.empty());
        }

        @Override
        public String type() {
            return TYPE;
        }
    }
}
