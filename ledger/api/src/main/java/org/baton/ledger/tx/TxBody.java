package org.baton.ledger.tx;

import java.util.Objects;
import java.util.Optional;
import org.baton.ledger.Acknowledgment;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantId;
import org.baton.ledger.Sha256;
import org.baton.ledger.Verdict;
import org.baton.ledger.json.CanonicalJson;
import org.baton.ledger.json.LedgerJson;

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
     * from whom, under which grant or basis, covering which scopes — by its digest ({@link #digest}), and is then
     * taken only if the ledger's receipt has that digest, so the recipient need not read the receipt first.
     */
    record AcknowledgeReceipt(Acknowledgment acknowledgment, Optional<Sha256> expectedReceipt) implements TxBody {
        public static final String TYPE = "ACKNOWLEDGE_RECEIPT";

        public AcknowledgeReceipt {
            Objects.requireNonNull(acknowledgment, "acknowledgment");
            Objects.requireNonNull(expectedReceipt, "expectedReceipt");
            if (expectedReceipt.isPresent() && acknowledgment.verdict() != Verdict.ACCEPTED) {
                throw new IllegalArgumentException("acknowledgment of receipt " + acknowledgment.receipt()
                        + ": only an acceptance names the receipt it expects");
            }
        }

        public AcknowledgeReceipt(Acknowledgment acknowledgment) {
            this(acknowledgment, Optional.empty());
        }

        /** The acceptance of {@code expected}, taken only if the ledger's receipt is exactly that one. */
        public static AcknowledgeReceipt accepting(ExchangeReceipt expected) {
            return new AcknowledgeReceipt(Acknowledgment.accepted(expected.id()), Optional.of(digest(expected)));
        }

        /** The digest of a receipt: SHA-256 over its canonical JSON ({@link LedgerJson#fields(ExchangeReceipt)}). */
        public static Sha256 digest(ExchangeReceipt receipt) {
            return Sha256.hash(CanonicalJson.write(LedgerJson.fields(receipt)));
        }

        @Override
        public String type() {
            return TYPE;
        }
    }
}
