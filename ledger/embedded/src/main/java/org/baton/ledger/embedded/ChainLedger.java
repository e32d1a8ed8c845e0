package org.baton.ledger.embedded;

import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.baton.ledger.Committed;
import org.baton.ledger.Ledger;
import org.baton.ledger.LedgerException;
import org.baton.ledger.LedgerReader;
import org.baton.ledger.LedgerRejectedException;
import org.baton.ledger.LedgerUnavailableException;
import org.baton.ledger.RefusalReason;
import org.baton.ledger.TxId;
import org.baton.ledger.tx.LedgerTransaction;
import org.baton.ledger.tx.SignedTransaction;
import org.baton.ledger.tx.TransactionCodec;
import org.baton.trust.Consortium;
import org.baton.trust.InstitutionId;
import org.baton.trust.Member;
import org.baton.trust.SigningKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The embedded ledger: authenticates transactions, hands them to the sequencer, and reads the store. */
final class ChainLedger implements EmbeddedLedger {

    private static final Logger LOG = LoggerFactory.getLogger(ChainLedger.class);

    private final ChainStore store;
    private final Consortium consortium;
    private final Sequencer sequencer;
    private final ChainReader reader;
    private final Clock clock;
    private boolean closed;

    private ChainLedger(ChainStore store, Consortium consortium, Sequencer sequencer, Clock clock) {
        this.store = store;
        this.consortium = consortium;
        this.sequencer = sequencer;
        this.reader = new ChainReader(store);
        this.clock = clock;
    }

    static ChainLedger open(EmbeddedLedgerConfig config, Consortium consortium, InstitutionId operator,
            SigningKey operatorKey, Clock clock) {
        Member member = consortium.member(operator).orElseThrow(() -> new IllegalArgumentException(
                "ledger operator " + operator + " is not a member of consortium " + consortium.name()));
        if (!Arrays.equals(member.signingKey().raw(), operatorKey.publicKey().raw())) {
            throw new IllegalArgumentException("ledger operator " + operator
                    + " signs with a key other than the one consortium " + consortium.name() + " lists for it");
        }
        ChainStore store = ChainStore.open(config.dataDirectory());
        try {
            checkHead(store);
            if (store.rebuildInterrupted()) {
                LOG.warn("a rebuild of the ledger state in {} was interrupted; rebuilding it from the chain",
                        config.dataDirectory());
                StateRebuilder.rebuild(store);
            }
            Sequencer sequencer = new Sequencer(store, config, operator, operatorKey, clock);
            ChainLedger ledger = new ChainLedger(store, consortium, sequencer, clock);
            LOG.info("embedded ledger opened in {} at block {}", config.dataDirectory(),
                    store.head().map(head -> Long.toString(head.number())).orElse("(empty chain)"));
            return ledger;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The head must name a stored block with that hash: a cheap guard against a store assembled by hand. */
    private static void checkHead(ChainStore store) {
        Optional<ChainHead> head = store.head();
        if (head.isEmpty()) {
            return;
        }
        byte[] block = store.block(head.get().number()).orElseThrow(() -> new LedgerStorageException(
                store.directory(), "the chain head names block " + head.get().number() + ", which is missing", null));
        if (!BlockCodec.hashOfStored(block).equals(head.get().hash())) {
            throw new LedgerStorageException(store.directory(), "block " + head.get().number()
                    + " does not hash to the chain head: run `baton ledger verify`", null);
        }
        if (store.block(head.get().number() + 1).isPresent()) {
            throw new LedgerStorageException(store.directory(), "a block follows the chain head "
                    + head.get().number() + ": run `baton ledger verify`", null);
        }
    }

    /**
     * Authenticates {@code signed} and queues it. The future fails with {@link LedgerRejectedException} or
     * {@link LedgerUnavailableException}.
     *
     * @param caller the institution the transport authenticated, which must be the signer; empty in-process
     */
    CompletableFuture<TxLocation> submitAsync(SignedTransaction signed, Optional<InstitutionId> caller) {
        byte[] bytes = signed.transaction();
        TxId txId = TransactionCodec.txId(bytes);
        LedgerTransaction tx;
        try {
            tx = TransactionCodec.decode(bytes);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(
                    new LedgerRejectedException(txId, RefusalReason.MALFORMED_TRANSACTION, e.getMessage()));
        }
        if (caller.isPresent() && !caller.get().equals(tx.submitter())) {
            return CompletableFuture.failedFuture(new LedgerRejectedException(txId, RefusalReason.SUBMITTER_NOT_CALLER,
                    "caller " + caller.get() + " submitted a transaction signed as " + tx.submitter()));
        }
        Optional<Member> member = consortium.member(tx.submitter());
        if (member.isEmpty()) {
            return CompletableFuture.failedFuture(new LedgerRejectedException(txId, RefusalReason.UNKNOWN_SUBMITTER,
                    "submitter " + tx.submitter() + " is not a member of consortium " + consortium.name()));
        }
        if (!member.get().signingKey().verify(TransactionCodec.signingPayload(bytes), signed.signature())) {
            return CompletableFuture.failedFuture(new LedgerRejectedException(txId, RefusalReason.BAD_SIGNATURE,
                    "the signature does not verify against the signing key of " + tx.submitter()));
        }
        return sequencer.submit(signed, tx, txId);
    }

    @Override
    public Committed submit(SignedTransaction transaction) {
        TxId txId = TransactionCodec.txId(transaction.transaction());
        return await(submitAsync(transaction, Optional.empty())).committed(txId);
    }

    static TxLocation await(CompletableFuture<TxLocation> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof LedgerException ledger) {
                throw ledger;
            }
            throw e;
        }
    }

    @Override
    public Ledger ledgerFor(InstitutionId institution, SigningKey key) {
        return new LocalLedger(this, institution, key, clock);
    }

    @Override
    public LedgerReader reader() {
        return reader;
    }

    ChainStore store() {
        return store;
    }

    /** A committed transaction exactly as it was signed, read from its block. */
    Optional<SignedTransaction> signedTransaction(TxId txId) {
        return store.transaction(txId).map(location -> {
            byte[] stored = store.block(location.block()).orElseThrow(() -> new LedgerStorageException(
                    store.directory(), "transaction " + txId + " is indexed in missing block " + location.block(), null));
            return BlockCodec.decode(stored).transactions().get(location.index());
        });
    }

    @Override
    public Optional<ChainHead> head() {
        return store.head();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        sequencer.close();
        store.close();
        LOG.info("embedded ledger closed");
    }
}
