package org.baton.ledger.embedded;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
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
 * Orders authenticated transactions into blocks on one thread and writes them on another, so that the rules for
 * the next block run while the previous one is being fsynced.
 *
 * <p>The sequencer thread takes what is waiting and applies the rules to each transaction in order, into the
 * <em>open</em> block. Its rules see the committed state, the open block's own accepted transactions, and those of
 * the block being written (kept in memory until that block is durable). The open block is cut and handed to the
 * writer thread as soon as the writer is free and nothing more is waiting (or the block is full, or its first
 * transaction has waited the block delay): under load a block gathers what arrives during one fsync, and when
 * the ledger is quiet a transaction does not wait for others. The writer appends each block in one fsynced write;
 * submitters learn the outcome, acceptance or refusal, only after that write returns, in block order.
 *
 * <p>If a block cannot be written the sequencer stops: the store is left at the last good block and every later
 * submission (including those of a block judged meanwhile) fails as unavailable until the ledger is reopened.
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

    /** A cut block on its way to the store, with the outcomes to report once it is durable. */
    private record CutBlock(Block block, byte[] stored, Sha256 hash, List<Decision.Accepted> accepted,
            List<Pending> acceptedPending, List<Pending> refused, List<LedgerRejectedException> refusals,
            long cutNanos) {
    }

    /**
     * Where committed transactions spent their time inside the ledger, summed since it opened (nanoseconds):
     * waiting for the sequencer after authentication, in the open block until it was cut, and from the cut until
     * their block was durable; and the time of the blocks' fsynced writes alone.
     *
     * @param transactions transactions committed
     * @param blocks blocks written
     * @param queuedNanos authenticated until the sequencer judged them
     * @param openNanos judged until their block was cut
     * @param writeNanos cut until durable
     * @param appendNanos the blocks' writes (one fsync each), summed per block
     */
    record PipelineTimes(long transactions, long blocks, long queuedNanos, long openNanos, long writeNanos,
            long appendNanos) {

        PipelineTimes minus(PipelineTimes earlier) {
            return new PipelineTimes(transactions - earlier.transactions, blocks - earlier.blocks,
                    queuedNanos - earlier.queuedNanos, openNanos - earlier.openNanos, writeNanos - earlier.writeNanos,
                    appendNanos - earlier.appendNanos);
        }
    }

    /** Writes a cut block and the state it changes in one durable write: {@link ChainStore#append}. */
    @FunctionalInterface
    interface BlockAppender {
        void append(Block block, byte[] stored, Sha256 hash, List<Decision.Accepted> accepted);
    }

    private final ChainStore store;
    private final BlockAppender appender;
    private final int maxBlockTransactions;
    private final long maxBlockDelayNanos;
    private final int maxPendingTransactions;
    private final InstitutionId operator;
    private final SigningKey operatorKey;
    private final Clock clock;
    /** Guards {@link #inbox}, {@link #writing}, {@link #closing} and the two threads' hand-offs. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled for the sequencer thread: transactions arrived, the writer became free, or closing. */
    private final Condition sequencerWake = lock.newCondition();
    /** Signalled for the writer thread: a block to write, or stop. */
    private final Condition writerWake = lock.newCondition();
    private final ArrayDeque<Pending> inbox = new ArrayDeque<>();
    private boolean sequencerWaiting;
    /** The block the writer is writing, or null when it is free. */
    private CutBlock writing;
    private boolean stopWriter;
    private volatile boolean closing;
    private volatile Throwable failure;
    private final Thread thread;
    private final Thread writer;
    /** The last block cut (durable or being written); only the sequencer thread touches it. */
    private ChainHead head;
    /** The block being judged; only the sequencer thread touches it. */
    private OpenBlock open;
    /** The overlay of the block being written, until it is durable; only the sequencer thread touches it. */
    private StateOverlay inFlight;
    /** Committed grant records recently read or written; only the sequencer thread touches it. */
    /** Sums for {@link #times()}: the writer adds, under {@link #lock}. */
    private long timedTransactions;
    private long timedBlocks;
    private long queuedNanos;
    private long openNanos;
    private long writeNanos;
    private long appendNanos;
    private final Map<GrantId, GrantRecord> grantCache = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<GrantId, GrantRecord> eldest) {
            return size() > GRANT_CACHE_SIZE;
        }
    };

    Sequencer(ChainStore store, EmbeddedLedgerConfig config, InstitutionId operator, SigningKey operatorKey,
            Clock clock) {
        this(store, store::append, config, operator, operatorKey, clock);
    }

    /** @param appender writes each block durably (the store's append, or a test's wrapper around it) */
    Sequencer(ChainStore store, BlockAppender appender, EmbeddedLedgerConfig config, InstitutionId operator,
            SigningKey operatorKey, Clock clock) {
        this.store = store;
        this.appender = appender;
        this.maxBlockTransactions = config.maxBlockTransactions();
        this.maxBlockDelayNanos = config.maxBlockDelay().toNanos();
        this.maxPendingTransactions = config.maxPendingTransactions();
        this.operator = operator;
        this.operatorKey = operatorKey;
        this.clock = clock;
        this.head = store.head().orElse(null);
        this.writer = new Thread(this::runWriter, "ledger-writer");
        this.writer.setDaemon(true);
        this.thread = new Thread(this::run, "ledger-sequencer");
        this.thread.setDaemon(true);
        this.writer.start();
        this.thread.start();
    }

    /** Queues an authenticated transaction; the future completes once its block is durable, or with a refusal. */
    CompletableFuture<TxLocation> submit(SignedTransaction signed, LedgerTransaction tx, TxId txId) {
        Pending pending = new Pending(signed.transaction(), signed.signature(), null, tx, txId, System.nanoTime(),
                new CompletableFuture<>());
        submitAll(List.of(pending));
        return pending.done();
    }

    /**
     * Queues authenticated transactions, in order (they are judged one after the other, in the same block if it
     * has room); each one's future completes as in {@link #submit}. Those that do not fit in the queue are refused
     * as unavailable; the others still go ahead.
     */
    void submitAll(List<Pending> batch) {
        List<Pending> turnedAway = null;
        Throwable cause = null;
        lock.lock();
        try {
            boolean added = false;
            for (Pending pending : batch) {
                Throwable refusal = closing ? new IllegalStateException("the ledger is closed")
                        : failure != null ? failure
                        : inbox.size() >= maxPendingTransactions ? new IllegalStateException("the ledger is overloaded: "
                                + inbox.size() + " transactions are waiting for a block")
                        : null;
                if (refusal == null) {
                    inbox.add(pending);
                    added = true;
                } else {
                    if (turnedAway == null) {
                        turnedAway = new ArrayList<>();
                        cause = refusal;
                    }
                    turnedAway.add(pending);
                }
            }
            if (added && sequencerWaiting) {
                sequencerWake.signal();
            }
        } finally {
            lock.unlock();
        }
        if (turnedAway != null) {
            for (Pending pending : turnedAway) {
                pending.done().completeExceptionally(unavailable(pending.txId(), cause));
            }
        }
    }

    /** The sequencer thread: judges what arrives into the open block and hands blocks to the writer. */
    private void run() {
        List<Pending> taken = new ArrayList<>(maxBlockTransactions);
        try {
            while (true) {
                boolean cut;
                lock.lock();
                try {
                    while (true) {
                        if (open != null && writing == null && (open.size() >= maxBlockTransactions || inbox.isEmpty()
                                || System.nanoTime() - open.firstEnqueuedNanos >= maxBlockDelayNanos)) {
                            cut = true;
                            break;
                        }
                        if (!inbox.isEmpty() && (open == null || open.size() < maxBlockTransactions)) {
                            int room = open == null ? maxBlockTransactions : maxBlockTransactions - open.size();
                            for (int i = 0; i < room && !inbox.isEmpty(); i++) {
                                taken.add(inbox.poll());
                            }
                            cut = false;
                            break;
                        }
                        if (closing && open == null && inbox.isEmpty()) {
                            while (writing != null) {
                                sequencerWaiting = true;
                                sequencerWake.await();
                                sequencerWaiting = false;
                            }
                            stopWriter = true;
                            writerWake.signal();
                            return;
                        }
                        sequencerWaiting = true;
                        try {
                            sequencerWake.await(50, TimeUnit.MILLISECONDS);
                        } finally {
                            sequencerWaiting = false;
                        }
                    }
                } finally {
                    lock.unlock();
                }
                try {
                    if (failure != null) {
                        failOpen(taken, failure);
                    } else if (cut) {
                        cut();
                    } else {
                        judge(taken);
                    }
                } catch (RuntimeException | Error e) {
                    failure = e;
                    LOG.error("the ledger stopped writing blocks after a failure; reopen it to resume", e);
                    failOpen(taken, e);
                } finally {
                    taken.clear();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lock.lock();
            try {
                stopWriter = true;
                writerWake.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Fails the open block and {@code taken} as unavailable. */
    private void failOpen(List<Pending> taken, Throwable cause) {
        if (open != null) {
            open.acceptedPending.forEach(p -> p.done().completeExceptionally(unavailable(p.txId(), cause)));
            open.refused.forEach(p -> p.done().completeExceptionally(unavailable(p.txId(), cause)));
            open = null;
        }
        taken.forEach(p -> p.done().completeExceptionally(unavailable(p.txId(), cause)));
    }

    /** Applies the rules to {@code taken}, in order, adding them to the open block (opened if need be). */
    private void judge(List<Pending> taken) {
        if (open == null) {
            long previousTime = head == null ? 0 : head.timeMillis();
            open = new OpenBlock(Instant.ofEpochMilli(Math.max(clock.millis(), previousTime)),
                    head == null ? 1 : head.lastSequence() + 1, head == null ? 0 : head.number() + 1,
                    new StateOverlay(store, grantCache, inFlight), taken.get(0).enqueuedNanos());
        }
        long now = System.nanoTime();
        for (Pending pending : taken) {
            open.judge(pending, now);
        }
    }

    /**
     * Cuts the open block: the writer is free, so the block before it is durable. An open block of refusals only
     * is answered at once (every block it may depend on is durable); otherwise the block is signed and handed to
     * the writer.
     */
    private void cut() {
        OpenBlock block = open;
        if (inFlight != null) {
            grantCache.putAll(inFlight.writtenGrants());
            inFlight = null;
        }
        block.state.detachParent();
        if (block.accepted.isEmpty()) {
            open = null;
            reportRefusals(block.refused, block.refusals);
            return;
        }
        Block cut = new Block(block.number, head == null ? Block.GENESIS_PARENT : head.hash(), block.time,
                block.firstSequence, operator, block.envelopes, block.included);
        byte[] unsigned = BlockCodec.unsignedBytes(cut);
        Sha256 hash = BlockCodec.hashOfUnsigned(unsigned);
        byte[] stored = BlockCodec.signedBytes(unsigned, operatorKey.sign(BlockCodec.signingPayload(hash)));
        long cutNanos = System.nanoTime();
        CutBlock handed = new CutBlock(cut, stored, hash, block.accepted, block.acceptedPending, block.refused,
                block.refusals, cutNanos);
        int count = block.size();
        lock.lock();
        try {
            queuedNanos += block.queued;
            openNanos += count * cutNanos - block.judgedSum;
            writing = handed;
            writerWake.signal();
        } finally {
            lock.unlock();
        }
        open = null;
        head = new ChainHead(block.number, hash, cut.lastSequence(), block.time.toEpochMilli());
        inFlight = block.state;
    }

    /** The writer thread: appends each handed block in one fsynced write, then answers its submitters. */
    private void runWriter() {
        while (true) {
            CutBlock next;
            lock.lock();
            try {
                while (writing == null && !stopWriter) {
                    writerWake.awaitUninterruptibly();
                }
                if (writing == null) {
                    return;
                }
                next = writing;
            } finally {
                lock.unlock();
            }
            Throwable failed = failure;
            long appendFrom = System.nanoTime();
            if (failed == null) {
                try {
                    appender.append(next.block(), next.stored(), next.hash(), next.accepted());
                } catch (RuntimeException | Error e) {
                    failure = e;
                    failed = e;
                    LOG.error("the ledger stopped writing blocks after a failure; reopen it to resume", e);
                }
            }
            long durable = System.nanoTime();
            lock.lock();
            try {
                writing = null;
                if (failed == null) {
                    int count = next.acceptedPending().size() + next.refused().size();
                    timedTransactions += count;
                    timedBlocks++;
                    writeNanos += count * (durable - next.cutNanos());
                    appendNanos += durable - appendFrom;
                }
                sequencerWake.signal();
            } finally {
                lock.unlock();
            }
            if (failed != null) {
                Throwable cause = failed;
                next.acceptedPending().forEach(p -> p.done().completeExceptionally(unavailable(p.txId(), cause)));
                next.refused().forEach(p -> p.done().completeExceptionally(unavailable(p.txId(), cause)));
                continue;
            }
            Block block = next.block();
            LOG.debug("block {} committed with {} transactions ({} refused)", block.number(),
                    next.accepted().size(), next.refused().size());
            long timeMillis = block.time().toEpochMilli();
            for (int i = 0; i < next.acceptedPending().size(); i++) {
                next.acceptedPending().get(i).done().complete(
                        new TxLocation(block.number(), i, block.firstSequence() + i, timeMillis));
            }
            // Refusals are reported after the write: they may depend on transactions of this block.
            reportRefusals(next.refused(), next.refusals());
        }
    }

    private static void reportRefusals(List<Pending> refused, List<LedgerRejectedException> refusals) {
        for (int i = 0; i < refused.size(); i++) {
            refused.get(i).done().completeExceptionally(refusals.get(i));
        }
    }

    /** The block being judged: its transactions so far and the state they leave. Sequencer thread only. */
    private final class OpenBlock {
        private final Instant time;
        private final long firstSequence;
        private final long number;
        private final StateOverlay state;
        private final long firstEnqueuedNanos;
        /** Nanoseconds its transactions waited for the sequencer, summed; and the sum of when they were judged. */
        private long queued;
        private long judgedSum;
        private final List<BlockTx> included = new ArrayList<>();
        private final List<BatchEnvelope> envelopes = new ArrayList<>();
        private final Map<BatchEnvelope, Integer> envelopeIndex = new IdentityHashMap<>();
        private final List<Decision.Accepted> accepted = new ArrayList<>();
        private final List<Pending> acceptedPending = new ArrayList<>();
        private final List<Pending> refused = new ArrayList<>();
        private final List<LedgerRejectedException> refusals = new ArrayList<>();

        OpenBlock(Instant time, long firstSequence, long number, StateOverlay state, long firstEnqueuedNanos) {
            this.time = time;
            this.firstSequence = firstSequence;
            this.number = number;
            this.state = state;
            this.firstEnqueuedNanos = firstEnqueuedNanos;
        }

        /** Transactions judged into this block, accepted or refused. */
        int size() {
            return acceptedPending.size() + refused.size();
        }

        void judge(Pending pending, long now) {
            queued += now - pending.enqueuedNanos();
            judgedSum += now;
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
    }

    /** Where transactions spent their time so far; see {@link PipelineTimes}. */
    PipelineTimes times() {
        lock.lock();
        try {
            return new PipelineTimes(timedTransactions, timedBlocks, queuedNanos, openNanos, writeNanos, appendNanos);
        } finally {
            lock.unlock();
        }
    }

    Optional<ChainHead> head() {
        return store.head();
    }

    private static LedgerUnavailableException unavailable(TxId txId, Throwable cause) {
        return new LedgerUnavailableException("submit", Optional.of(txId), cause);
    }

    /**
     * Stops accepting submissions, commits what is queued and the block being written, and stops both threads.
     * Idempotent.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            sequencerWake.signal();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Pending> left;
        lock.lock();
        try {
            left = new ArrayList<>(inbox);
            inbox.clear();
        } finally {
            lock.unlock();
        }
        left.forEach(p -> p.done().completeExceptionally(
                unavailable(p.txId(), new IllegalStateException("the ledger is closed"))));
    }
}
