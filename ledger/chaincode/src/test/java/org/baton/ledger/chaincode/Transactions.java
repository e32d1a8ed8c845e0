package org.baton.ledger.chaincode;

import java.util.Optional;
import org.baton.ledger.Acknowledgment;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantId;
import org.baton.ledger.TxId;
import org.baton.ledger.testing.LedgerFixtures;
import org.baton.ledger.tx.LedgerTransaction;
import org.baton.ledger.tx.TransactionCodec;
import org.baton.ledger.tx.TxBody;
import org.baton.trust.InstitutionId;

/** The canonical bytes of transactions, as a submitter signs them. */
final class Transactions {

    private Transactions() {
    }

    static byte[] of(InstitutionId submitter, TxBody body) {
        return TransactionCodec.encode(LedgerTransaction.create(submitter, body, LedgerFixtures.START));
    }

    static byte[] createGrant(ConsentGrant grant) {
        return createGrant(grant.attester(), grant);
    }

    static byte[] createGrant(InstitutionId submitter, ConsentGrant grant) {
        return of(submitter, new TxBody.CreateGrant(grant));
    }

    static byte[] revokeGrant(InstitutionId submitter, GrantId grant) {
        return of(submitter, new TxBody.RevokeGrant(grant));
    }

    static byte[] recordReceipt(ExchangeReceipt receipt) {
        return recordReceipt(receipt.sender(), receipt);
    }

    static byte[] recordReceipt(InstitutionId submitter, ExchangeReceipt receipt) {
        return of(submitter, new TxBody.RecordReceipt(receipt));
    }

    static byte[] acknowledge(InstitutionId submitter, Acknowledgment acknowledgment) {
        return of(submitter, new TxBody.AcknowledgeReceipt(acknowledgment, Optional.empty()));
    }

    static byte[] accept(InstitutionId submitter, ExchangeReceipt expected) {
        return of(submitter, TxBody.AcknowledgeReceipt.accepting(expected));
    }

    static TxId id(byte[] transaction) {
        return TransactionCodec.txId(transaction);
    }
}
