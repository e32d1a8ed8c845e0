package org.baton.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.baton.ledger.testing.LedgerFixtures.DISTRICT;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.LedgerRejectedException;
import org.baton.ledger.LedgerUnavailableException;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.ledger.rules.Decision;
import org.baton.ledger.testing.LedgerFixtures;
import org.baton.ledger.testing.MutableClock;
import org.baton.ledger.tx.LedgerTransaction;
import org.baton.ledger.tx.SignedTransaction;
import org.baton.ledger.tx.TransactionCodec;
import org.baton.ledger.tx.TxBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sequencer judges the next block while the previous one is being written: its rules see that block's
 * effects, and nobody hears an outcome before the blocks it depends on are durable. A writer that holds block 0
 * back makes the overlap certain.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SequencerTest {

    private final LedgerPki pki = LedgerPki.shared();
    private final MutableClock clock = new MutableClock(LedgerFixtures.START);
    private final CountDownLatch writingBlock0 = new CountDownLatch(1);
    private final CountDownLatch releaseBlock0 = new CountDownLatch(1);

    @TempDir
    Path dir;

    private ChainStore store;
    private Sequencer sequencer;
    private volatile boolean failBlock0;

    @BeforeEach
    void open() {
        store = ChainStore.open(dir);
        sequencer = new Sequencer(store, this::append, new EmbeddedLedgerConfig(dir, 100, Duration.ZERO, 1000),
                pki.operator().institutionId(), pki.operator().signingKey(), clock);
    }

    @AfterEach
    void close() {
        releaseBlock0.countDown();
        sequencer.close();
        store.close();
    }

    /** Holds block 0 until the test releases it, then writes it (or fails, if told to). */
    private void append(Block block, byte[] stored, Sha256 hash, List<Decision.Accepted> accepted) {
        if (block.number() == 0) {
            writingBlock0.countDown();
            try {
                releaseBlock0.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (failBlock0) {
                throw new LedgerStorageException(dir, "cannot write block 0: disk full", null);
            }
        }
        store.append(block, stored, hash, accepted);
    }

    private CompletableFuture<TxLocation> submit(TxBody body) {
        byte[] bytes = TransactionCodec.encode(LedgerTransaction.create(DISTRICT, body, clock.instant()));
        SignedTransaction signed = new SignedTransaction(bytes,
                pki.credentials(DISTRICT).signingKey().sign(TransactionCodec.signingPayload(bytes)));
        return sequencer.submit(signed, TransactionCodec.decode(bytes), TransactionCodec.txId(bytes));
    }

    private static Throwable causeOf(CompletableFuture<TxLocation> future) {
        return future.handle((location, error) -> error instanceof CompletionException ? error.getCause() : error)
                .join();
    }

    @Nested
    class While_the_previous_block_is_being_written {

        private ConsentGrant grant;
        private CompletableFuture<TxLocation> grantCommit;

        @BeforeEach
        void writeBlock0() throws InterruptedException {
            grant = LedgerFixtures.grant(clock.instant()).build();
            grantCommit = submit(new TxBody.CreateGrant(grant));
            assertThat(writingBlock0.await(30, TimeUnit.SECONDS)).isTrue();
        }

        @Test
        void accepts_a_receipt_under_a_grant_of_that_block_into_the_next_one() {
            CompletableFuture<TxLocation> receipt = submit(new TxBody.RecordReceipt(
                    LedgerFixtures.receiptUnder(grant, EnumSet.of(Scope.TRANSCRIPT), clock.instant())));

            assertThat(grantCommit).isNotDone();
            assertThat(receipt).isNotDone();
            releaseBlock0.countDown();

            assertThat(grantCommit.join().block()).isZero();
            TxLocation location = receipt.join();
            assertThat(location.block()).isEqualTo(1);
            assertThat(location.sequence()).isEqualTo(2);
            assertThat(store.head().orElseThrow().number()).isEqualTo(1);
            Sequencer.PipelineTimes times = sequencer.times();
            assertThat(times.transactions()).isEqualTo(2);
            assertThat(times.blocks()).isEqualTo(2);
            assertThat(times.writeNanos()).isGreaterThanOrEqualTo(times.appendNanos());
        }

        @Test
        void refuses_a_replay_of_that_blocks_transaction_only_once_the_block_is_durable() {
            byte[] bytes = TransactionCodec.encode(LedgerTransaction.create(DISTRICT,
                    new TxBody.RevokeGrant(grant.id()), clock.instant()));
            SignedTransaction revoke = new SignedTransaction(bytes,
                    pki.credentials(DISTRICT).signingKey().sign(TransactionCodec.signingPayload(bytes)));
            CompletableFuture<TxLocation> first = sequencer.submit(revoke, TransactionCodec.decode(bytes),
                    TransactionCodec.txId(bytes));
            CompletableFuture<TxLocation> replay = sequencer.submit(revoke, TransactionCodec.decode(bytes),
                    TransactionCodec.txId(bytes));

            assertThat(replay).isNotDone();
            releaseBlock0.countDown();

            assertThat(first.join().block()).isEqualTo(1);
            assertThat(causeOf(replay))
                    .isInstanceOf(LedgerRejectedException.class)
                    .hasMessageContaining("DUPLICATE_TRANSACTION");
        }

        @Test
        void fails_the_next_block_too_when_that_block_cannot_be_written() {
            failBlock0 = true;
            CompletableFuture<TxLocation> receipt = submit(new TxBody.RecordReceipt(
                    LedgerFixtures.receiptUnder(grant, EnumSet.of(Scope.TRANSCRIPT), clock.instant())));

            releaseBlock0.countDown();

            assertThat(causeOf(grantCommit))
                    .isInstanceOf(LedgerUnavailableException.class)
                    .hasRootCauseMessage("ledger store " + dir + ": cannot write block 0: disk full");
            assertThat(causeOf(receipt))
                    .isInstanceOf(LedgerUnavailableException.class)
                    .hasRootCauseMessage("ledger store " + dir + ": cannot write block 0: disk full");
            assertThat(store.head()).isEmpty();
            assertThatThrownBy(() -> submit(new TxBody.RevokeGrant(grant.id())).join())
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(LedgerUnavailableException.class)
                    .hasRootCauseMessage("ledger store " + dir + ": cannot write block 0: disk full");
        }
    }

    @Nested
    class Closing {

        @Test
        void commits_the_block_being_written_and_the_one_judged_behind_it() throws InterruptedException {
            ConsentGrant grant = LedgerFixtures.grant(clock.instant()).build();
            CompletableFuture<TxLocation> grantCommit = submit(new TxBody.CreateGrant(grant));
            assertThat(writingBlock0.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<TxLocation> receipt = submit(new TxBody.RecordReceipt(
                    LedgerFixtures.receiptUnder(grant, EnumSet.of(Scope.TRANSCRIPT), clock.instant())));

            Thread closer = new Thread(sequencer::close);
            closer.start();
            releaseBlock0.countDown();
            closer.join();

            assertThat(grantCommit.join().block()).isZero();
            assertThat(receipt.join().block()).isEqualTo(1);
            assertThat(store.head().orElseThrow().lastSequence()).isEqualTo(2);
        }
    }
}
