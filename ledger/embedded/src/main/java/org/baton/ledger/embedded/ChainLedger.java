package org.baton.ledger.embedded;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
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
    /** Fewer transactions than this per thread are verified on the calling thread: a hand-off costs more. */
    static final int MIN_VERIFY_CHUNK = 16;

    private final ChainStore store;
    private final Consortium consortium;
    private final Sequencer sequencer;
    private final ChainReader reader;
    private final Clock clock;
    private final Verifiers verifiers;
    /** Batches submitted so far (one per SubmitTransactions call), for the bench's receipts per call. */
    private final LongAdder batches = new LongAdder();
    private boolean closed;

    private ChainLedger(ChainStore store, Consortium consortium, Sequencer sequencer, Clock clock) {
        this.store = store;
        this.consortium = consortium;
        this.sequencer = sequencer;
        this.reader = new ChainReader(store);
        this.clock = clock;
        this.verifiers = new Verifiers(Runtime.getRuntime().availableProcessors());
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
     * @param txId the id of {@code signed} (computed once by the caller)
     * @param caller the institution the transport authenticated, which must be the signer; empty in-process
     */
    CompletableFuture<TxLocation> submitAsync(SignedTransaction signed, TxId txId, Optional<InstitutionId> caller) {
        Object checked = authenticate(signed, txId, caller);
        if (checked instanceof LedgerRejectedException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        return sequencer.submit(signed, (LedgerTransaction) checked, txId);
    }

    /**
     * A transaction of a batch as received: its canonical bytes (owned by the ledger from here on), its own
     * signature or null if the batch envelope signs it, and its id.
     */
    record Submission(byte[] transaction, byte[] signature, TxId txId) {
    }

    /**
     * Authenticates a batch of transactions, in parallel when it is large enough to be worth it, and queues those
     * that pass, in batch order, so that a later transaction of the batch may rely on an earlier one (a receipt
     * under a grant created just before it). Each transaction is judged on its own: one refusal does not affect
     * the others.
     *
     * @param transactions the transactions, in order
     * @param envelope the batch signature over the ids of the transactions without a signature of their own, in
     *     order; verified once per submitter key, and stored with the block
     * @return one future per transaction, in order; each fails with {@link LedgerRejectedException} or
     *     {@link LedgerUnavailableException}
     */
    List<CompletableFuture<TxLocation>> submitAllAsync(List<Submission> transactions, Optional<BatchEnvelope> envelope,
            Optional<InstitutionId> caller) {
        batches.increment();
        int size = transactions.size();
        List<CompletableFuture<TxLocation>> results = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            results.add(new CompletableFuture<>());
        }
        EnvelopeCheck check = new EnvelopeCheck(envelope.orElse(null));
        Object[] checked = new Object[size];
        int chunks = Math.min(verifiers.parallelism(), size / MIN_VERIFY_CHUNK);
        if (chunks <= 1) {
            authenticateRange(transactions, check, caller, checked, 0, size);
            enqueue(transactions, check.envelope, checked, results);
            return results;
        }
        // The calling thread takes the first chunk; the others run on the verifier threads. Nobody blocks waiting:
        // the last chunk to finish queues the whole batch.
        int per = (size + chunks - 1) / chunks;
        List<CompletableFuture<Void>> parts = new ArrayList<>(chunks);
        int from = per;
        try {
            for (; from < size; from += per) {
                int start = from;
                int end = Math.min(size, from + per);
                parts.add(CompletableFuture.runAsync(() -> authenticateRange(transactions, check, caller, checked,
                        start, end), verifiers.executor()));
            }
        } catch (RejectedExecutionException e) {
            // Closing: what could not be handed off is checked here; the sequencer then refuses the batch as closed.
            authenticateRange(transactions, check, caller, checked, from, size);
        }
        authenticateRange(transactions, check, caller, checked, 0, Math.min(size, per));
        CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                for (int i = 0; i < size; i++) {
                    results.get(i).completeExceptionally(new LedgerUnavailableException("submit",
                            Optional.of(transactions.get(i).txId()), cause));
                }
            } else {
                enqueue(transactions, check.envelope, checked, results);
            }
        });
        return results;
    }

    /** The outcome of verifying a batch envelope, once per signing key (normally just the caller's). */
    private static final class EnvelopeCheck {
        private final BatchEnvelope envelope;
        private final Map<InstitutionId, Boolean> verified = new ConcurrentHashMap<>(4);

        EnvelopeCheck(BatchEnvelope envelope) {
            this.envelope = envelope;
        }

        boolean verifies(Member signer) {
            return envelope != null
                    && verified.computeIfAbsent(signer.id(), id -> envelope.verifiedBy(signer.signingKey()));
        }
    }

    private void authenticateRange(List<Submission> transactions, EnvelopeCheck envelope,
            Optional<InstitutionId> caller, Object[] checked, int from, int to) {
        for (int i = from; i < to; i++) {
            Submission submission = transactions.get(i);
            checked[i] = authenticate(submission.transaction(), submission.signature(), envelope, submission.txId(),
                    caller);
        }
    }

    private void enqueue(List<Submission> transactions, BatchEnvelope envelope, Object[] checked,
            List<CompletableFuture<TxLocation>> results) {
        List<Sequencer.Pending> pending = new ArrayList<>(transactions.size());
        for (int i = 0; i < transactions.size(); i++) {
            if (checked[i] instanceof LedgerRejectedException refused) {
                results.get(i).completeExceptionally(refused);
            } else {
                Submission submission = transactions.get(i);
                pending.add(new Sequencer.Pending(submission.transaction(), submission.signature(),
                        submission.signature() == null ? envelope : null, (LedgerTransaction) checked[i],
                        submission.txId(), System.nanoTime(), results.get(i)));
            }
        }
        sequencer.submitAll(pending);
    }

    /**
     * Checks that a transaction is canonical, signed by a member, and (over the network) submitted by its signer:
     * the one signature verification a transaction costs.
     *
     * @return the parsed {@link LedgerTransaction}, or the {@link LedgerRejectedException} refusing it
     */
    private Object authenticate(SignedTransaction signed, TxId txId, Optional<InstitutionId> caller) {
        return authenticate(signed.transaction(), signed.signature(), null, txId, caller);
    }

    /**
     * Checks that a transaction is canonical, signed by a member (by its own signature, or by the batch envelope
     * when {@code signature} is null), and (over the network) submitted by its signer.
     *
     * @return the parsed {@link LedgerTransaction}, or the {@link LedgerRejectedException} refusing it
     */
    private Object authenticate(byte[] bytes, byte[] signature, EnvelopeCheck envelope, TxId txId,
            Optional<InstitutionId> caller) {
        LedgerTransaction tx;
        try {
            tx = TransactionCodec.decode(bytes);
        } catch (IllegalArgumentException e) {
            return new LedgerRejectedException(txId, RefusalReason.MALFORMED_TRANSACTION, e.getMessage());
        }
        if (caller.isPresent() && !caller.get().equals(tx.submitter())) {
            return new LedgerRejectedException(txId, RefusalReason.SUBMITTER_NOT_CALLER,
                    "caller " + caller.get() + " submitted a transaction signed as " + tx.submitter());
        }
        Optional<Member> member = consortium.member(tx.submitter());
        if (member.isEmpty()) {
            return new LedgerRejectedException(txId, RefusalReason.UNKNOWN_SUBMITTER,
                    "submitter " + tx.submitter() + " is not a member of consortium " + consortium.name());
        }
        if (signature == null) {
            if (envelope == null || !envelope.verifies(member.get())) {
                return new LedgerRejectedException(txId, RefusalReason.BAD_SIGNATURE,
                        "the batch signature does not verify against the signing key of " + tx.submitter());
            }
        } else if (!member.get().signingKey().verify(TransactionCodec.signingPayload(bytes), signature)) {
            return new LedgerRejectedException(txId, RefusalReason.BAD_SIGNATURE,
                    "the signature does not verify against the signing key of " + tx.submitter());
        }
        return tx;
    }

    @Override
    public Committed submit(SignedTransaction transaction) {
        TxId txId = transaction.txId();
        return await(submitAsync(transaction, txId, Optional.empty())).committed(txId);
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

    /** Batches submitted since the ledger opened. */
    long batchesSubmitted() {
        return batches.sum();
    }

    /** Where committed transactions spent their time inside the ledger since it opened. */
    Sequencer.PipelineTimes pipelineTimes() {
        return sequencer.times();
    }

    ChainStore store() {
        return store;
    }

    /** The bytes of a committed transaction exactly as they were signed, read from its block. */
    Optional<byte[]> transactionBytes(TxId txId) {
        return store.transaction(txId).map(location -> {
            byte[] stored = store.block(location.block()).orElseThrow(() -> new LedgerStorageException(
                    store.directory(), "transaction " + txId + " is indexed in missing block " + location.block(), null));
            return BlockCodec.decode(stored).transactions().get(location.index()).transaction();
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
        verifiers.close();
        sequencer.close();
        store.close();
        LOG.info("embedded ledger closed");
    }
}
