package org.baton.ledger.embedded;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.baton.ledger.Committed;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.LedgerRejectedException;
import org.baton.ledger.LedgerUnavailableException;
import org.baton.ledger.Sha256;
import org.baton.ledger.TxId;
import org.baton.ledger.rules.Decision;
import org.baton.ledger.rules.LedgerRules;
import org.baton.ledger.tx.LedgerTransaction;
import org.baton.ledger.tx.SignedTransaction;
import org.baton.trust.InstitutionId;
import org.baton.trust.SigningKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders authenticated transactions into blocks on one thread: takes what is waiting (up to the block size,
 * waiting at most the block delay for more), applies the rules to each in order, and appends the accepted ones
 * as one signed block in one fsynced write. Submitters learn the outcome only after that write returns.
 *
 * <p>If a block cannot be written the sequencer stops: the store is left at the last good block and every
 * later submission fails as unavailable until the ledger is reopened.
 */
final class Sequencer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sequencer.class);
    private static final int GRANT_CACHE_SIZE = 10_000;

    /**
     * A transaction waiting for its block.
     *
     * @param transaction its canonical bytes
     * @param signature its own signature, or null if {@code envelope} signs it
     * @param envelope the batch envelope that signs it, or null if it has its own signature
     */
    record Pending(byte[] transaction, byte[] signature, BatchEnvelope envelope, LedgerTransaction tx, TxId txId,
            long enqueuedNanos, CompletableFuture<TxLocation> done) {
    }

    private final ChainStore store;
    private final int maxBlockTransactions;
    private final long maxBlockDelayNanos;
    private final InstitutionId operator;
    private final SigningKey operatorKey;
    private final Clock clock;
    private final BlockingQueue<Pending> queue;
    private final Thread thread;
    private volatile boolean closing;
    private volatile Throwable failure;
    private ChainHead head;
    /** Committed grant records recently read or written; only this thread touches it. */
    private final Map<GrantId, GrantRecord> grantCache = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<GrantId, GrantRecord> eldest) {
            return size() > GRANT_CACHE_SIZE;
        }
    };

    Sequencer(ChainStore store, EmbeddedLedgerConfig config, InstitutionId operator, SigningKey operatorKey,
            Clock clock) {
        this.store = store;
        this.maxBlockTransactions = config.maxBlockTransactions();
        this.maxBlockDelayNanos = config.maxBlockDelay().toNanos();
        this.operator = operator;
        this.operatorKey = operatorKey;
        this.clock = clock;
        this.queue = new LinkedBlockingQueue<>(config.maxPendingTransactions());
        this.head = store.head().orElse(null);
        this.thread = new Thread(this::run, "ledger-sequencer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues an authenticated transaction; the future completes once its block is durable, or with a refusal. */
    CompletableFuture<TxLocation> submit(SignedTransaction signed, LedgerTransaction tx, TxId txId) {
        Pending pending = new Pending(signed.transaction(), signed.signature(), null, tx, txId, System.nanoTime(),
                new CompletableFuture<>());
        enqueue(pending);
        return pending.done();
    }

    /**
     * Queues authenticated transactions, in order; each one's future completes as in {@link #submit}. Those that
     * do not fit in the queue are refused as unavailable; the others still go ahead.
     */
    void submitAll(List<Pending> batch) {
        batch.forEach(this::enqueue);
    }

    private void enqueue(Pending pending) {
        if (closing) {
            pending.done().completeExceptionally(
                    unavailable(pending.txId(), new IllegalStateException("the ledger is closed")));
        } else if (failure != null) {
            pending.done().completeExceptionally(unavailable(pending.txId(), failure));
        } else if (!queue.offer(pending)) {
            pending.done().completeExceptionally(unavailable(pending.txId(), new IllegalStateException(
                    "the ledger is overloaded: " + queue.size() + " transactions are waiting for a block")));
        } else if (closing && !thread.isAlive() && queue.remove(pending)) {
            pending.done().completeExceptionally(
                    unavailable(pending.txId(), new IllegalStateException("the ledger is closed")));
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBlockTransactions);
        while (true) {
            try {
                Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBlockTransactions - 1);
                long deadline = first.enqueuedNanos() + maxBlockDelayNanos;
                while (batch.size() < maxBlockTransactions) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        break;
                    }
                    Pending next = queue.poll(remaining, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    queue.drainTo(batch, maxBlockTransactions - batch.size());
                }
                if (failure != null) {
                    batch.forEach(p -> p.done().completeExceptionally(unavailable(p.txId(), failure)));
                } else {
                    cutBlock(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                failure = e;
                LOG.error("the ledger stopped writing blocks after a failure; reopen it to resume", e);
                batch.forEach(p -> p.done().completeExceptionally(unavailable(p.txId(), e)));
            } finally {
                batch.clear();
            }
        }
    }

    private void cutBlock(List<Pending> batch) {
        long previousTime = head == null ? 0 : head.timeMillis();
        Instant time = Instant.ofEpochMilli(Math.max(clock.millis(), previousTime));
        long firstSequence = head == null ? 1 : head.lastSequence() + 1;
        long number = head == null ? 0 : head.number() + 1;
        StateOverlay state = new StateOverlay(store, grantCache);
        List<BlockTx> included = new ArrayList<>(batch.size());
        List<BatchEnvelope> envelopes = new ArrayList<>();
        Map<BatchEnvelope, Integer> envelopeIndex = new IdentityHashMap<>();
        List<Decision.Accepted> accepted = new ArrayList<>(batch.size());
        List<Pending> acceptedPending = new ArrayList<>(batch.size());
        List<Pending> refused = new ArrayList<>();
        List<LedgerRejectedException> refusals = new ArrayList<>();
        for (Pending pending : batch) {
            Committed commit = new Committed(pending.txId(), firstSequence + accepted.size(), time);
            Decision decision = LedgerRules.decide(state, pending.tx(), commit);
            if (decision instanceof Decision.Accepted ok) {
                state.apply(ok);
                accepted.add(ok);
                if (pending.envelope() == null) {
                    included.add(new BlockTx(pending.transaction(), pending.signature(), -1));
                } else {
                    Integer index = envelopeIndex.get(pending.envelope());
                    if (index == null) {
                        index = envelopes.size();
                        envelopes.add(pending.envelope());
                        envelopeIndex.put(pending.envelope(), index);
                    }
                    included.add(BlockTx.inEnvelope(pending.transaction(), index));
                }
                acceptedPending.add(pending);
            } else {
                refused.add(pending);
                refusals.add(((Decision.Refused) decision).toException(pending.txId()));
            }
        }
        if (!accepted.isEmpty()) {
            Block block = new Block(number, head == null ? Block.GENESIS_PARENT : head.hash(), time, firstSequence,
                    operator, envelopes, included);
            byte[] unsigned = BlockCodec.unsignedBytes(block);
            Sha256 hash = BlockCodec.hashOfUnsigned(unsigned);
            byte[] stored = BlockCodec.signedBytes(unsigned, operatorKey.sign(BlockCodec.signingPayload(hash)));
            try {
                store.append(block, stored, hash, accepted);
            } catch (RuntimeException e) {
                grantCache.clear();
                throw e;
            }
            grantCache.putAll(state.writtenGrants());
            head = new ChainHead(number, hash, block.lastSequence(), time.toEpochMilli());
            LOG.debug("block {} committed with {} transactions ({} refused)", number, accepted.size(), refused.size());
            for (int i = 0; i < acceptedPending.size(); i++) {
                Pending pending = acceptedPending.get(i);
                pending.done().complete(new TxLocation(number, i, firstSequence + i, time.toEpochMilli()));
            }
        }
        // Refusals are reported after the write: they may depend on transactions of this block.
        for (int i = 0; i < refused.size(); i++) {
            refused.get(i).done().completeExceptionally(refusals.get(i));
        }
    }

    Optional<ChainHead> head() {
        return store.head();
    }

    private static LedgerUnavailableException unavailable(TxId txId, Throwable cause) {
        return new LedgerUnavailableException("submit", Optional.of(txId), cause);
    }

    /** Stops accepting submissions, commits what is queued, and stops the thread. Idempotent. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(unavailable(left.txId(), new IllegalStateException("the ledger is closed")));
        }
    }
}
