package org.baton.ledger.embedded;

import java.time.Clock;
import java.util.Optional;
import org.baton.ledger.Acknowledgment;
import org.baton.ledger.Committed;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantId;
import org.baton.ledger.Ledger;
import org.baton.ledger.LedgerReader;
import org.baton.ledger.LedgerWriter;
import org.baton.ledger.TxId;
import org.baton.ledger.tx.LedgerTransaction;
import org.baton.ledger.tx.SignedTransaction;
import org.baton.ledger.tx.TransactionCodec;
import org.baton.ledger.tx.TxBody;
import org.baton.trust.InstitutionId;
import org.baton.trust.SigningKey;

/** An institution's view of an embedded ledger in the same process. */
final class LocalLedger implements Ledger, LedgerWriter {

    private final ChainLedger ledger;
    private final InstitutionId institution;
    private final SigningKey key;
    private final Clock clock;

    LocalLedger(ChainLedger ledger, InstitutionId institution, SigningKey key, Clock clock) {
        this.ledger = ledger;
        this.institution = institution;
        this.key = key;
        this.clock = clock;
    }

    /** Builds and signs a transaction of {@code body} as {@code institution}. */
    static SignedTransaction sign(InstitutionId institution, SigningKey key, TxBody body, Clock clock) {
        byte[] bytes = TransactionCodec.encode(LedgerTransaction.create(institution, body, clock.instant()));
        return new SignedTransaction(bytes, key.sign(TransactionCodec.signingPayload(bytes)));
    }

    private Committed submit(TxBody body) {
        SignedTransaction signed = sign(institution, key, body, clock);
        TxId txId = signed.txId();
        return ChainLedger.await(ledger.submitAsync(signed, txId, Optional.empty())).committed(txId);
    }

    @Override
    public Committed createGrant(ConsentGrant grant) {
        return submit(new TxBody.CreateGrant(grant));
    }

    @Override
    public Committed revokeGrant(GrantId grant) {
        return submit(new TxBody.RevokeGrant(grant));
    }

    @Override
    public Committed recordReceipt(ExchangeReceipt receipt) {
        return submit(new TxBody.RecordReceipt(receipt));
    }

    @Override
    public Committed acknowledge(Acknowledgment acknowledgment) {
        return submit(new TxBody.AcknowledgeReceipt(acknowledgment));
    }

    @Override
    public Committed accept(ExchangeReceipt expected) {
        return submit(TxBody.AcknowledgeReceipt.accepting(expected));
    }

    @Override
    public InstitutionId institution() {
        return institution;
    }

    @Override
    public LedgerWriter writer() {
        return this;
    }

    @Override
    public LedgerReader reader() {
        return ledger.reader();
    }

    @Override
    public void close() {
        // The view holds nothing; the embedded ledger is closed by its owner.
    }
}
