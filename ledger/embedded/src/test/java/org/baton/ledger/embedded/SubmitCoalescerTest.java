package org.baton.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.baton.ledger.testing.LedgerFixtures.DISTRICT;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.baton.ledger.Committed;
import org.baton.ledger.GrantId;
import org.baton.ledger.LedgerRejectedException;
import org.baton.ledger.LedgerUnavailableException;
import org.baton.ledger.RefusalReason;
import org.baton.ledger.testing.LedgerFixtures;
import org.baton.ledger.tx.SignedTransaction;
import org.baton.ledger.tx.TxBody;
import org.baton.trust.SigningKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Gathering concurrent submits into batches, with a sender that the test answers by hand. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SubmitCoalescerTest {

    private static final SigningKey KEY = SigningKey.fromSeed(new byte[32]);
    private static final Clock CLOCK = Clock.fixed(LedgerFixtures.START, java.time.ZoneOffset.UTC);

    /** A batch handed to the sender, and the means to end its call. */
    private record Call(List<SubmitCoalescer.Pending> batch, CompletableFuture<Void> ended) {

        void commitAll() {
            for (int i = 0; i < batch.size(); i++) {
                SubmitCoalescer.Pending pending = batch.get(i);
                pending.done().complete(new Committed(pending.txId(), i + 1, Instant.EPOCH));
            }
            ended.complete(null);
        }
    }

    private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    private SubmitCoalescer coalescer;

    private SubmitCoalescer start(SubmitBatching batching) {
        coalescer = new SubmitCoalescer("test-submit", batching, (batch, deadline) -> {
            Call call = new Call(List.copyOf(batch), new CompletableFuture<>());
            calls.add(call);
            return call.ended();
        });
        return coalescer;
    }

    @AfterEach
    void stop() {
        if (coalescer != null) {
            coalescer.close();
        }
    }

    private static SignedTransaction transaction() {
        return LocalLedger.sign(DISTRICT, KEY, new TxBody.RevokeGrant(GrantId.random()), CLOCK);
    }

    private CompletableFuture<Committed> submit(SignedTransaction signed) {
        return coalescer.submit(signed, signed.transaction(), signed.txId(), "revokeGrant", Duration.ofSeconds(30));
    }

    private Call nextCall() throws InterruptedException {
        return calls.take();
    }

    @Nested
    class Gathering {

        @Test
        void sends_what_queued_while_a_call_was_in_flight_as_one_batch() throws Exception {
            start(new SubmitBatching(256, 1024 * 1024, Duration.ZERO, 1));
            SignedTransaction a = transaction();
            CompletableFuture<Committed> first = submit(a);
            Call call = nextCall();
            SignedTransaction b = transaction();
            SignedTransaction c = transaction();
            SignedTransaction d = transaction();
            CompletableFuture<Committed> fb = submit(b);
            CompletableFuture<Committed> fc = submit(c);
            CompletableFuture<Committed> fd = submit(d);

            call.commitAll();
            Call second = nextCall();

            assertThat(call.batch()).extracting(SubmitCoalescer.Pending::txId).containsExactly(a.txId());
            assertThat(second.batch()).extracting(SubmitCoalescer.Pending::txId)
                    .containsExactly(b.txId(), c.txId(), d.txId());
            second.commitAll();
            assertThat(first.join().txId()).isEqualTo(a.txId());
            assertThat(fb.join().txId()).isEqualTo(b.txId());
            assertThat(fc.join().txId()).isEqualTo(c.txId());
            assertThat(fd.join().txId()).isEqualTo(d.txId());
            assertThat(fd.join().sequence()).isEqualTo(3);
        }

        @Test
        void splits_at_the_transaction_limit() throws Exception {
            start(new SubmitBatching(2, 1024 * 1024, Duration.ZERO, 1));
            submit(transaction());
            Call call = nextCall();
            SignedTransaction b = transaction();
            SignedTransaction c = transaction();
            SignedTransaction d = transaction();
            submit(b);
            submit(c);
            submit(d);

            call.commitAll();
            Call second = nextCall();
            second.commitAll();
            Call third = nextCall();

            assertThat(second.batch()).extracting(SubmitCoalescer.Pending::txId).containsExactly(b.txId(), c.txId());
            assertThat(third.batch()).extracting(SubmitCoalescer.Pending::txId).containsExactly(d.txId());
        }

        @Test
        void splits_at_the_byte_limit() throws Exception {
            start(new SubmitBatching(256, 16 * 1024, Duration.ZERO, 1));
            submit(transaction());
            Call call = nextCall();
            int size = transaction().transaction().length + SignedTransaction.SIGNATURE_LENGTH + 16;
            int fit = 16 * 1024 / size;
            for (int i = 0; i < fit + 1; i++) {
                submit(transaction());
            }

            call.commitAll();
            Call second = nextCall();
            second.commitAll();
            Call third = nextCall();

            assertThat(second.batch()).hasSize(fit);
            assertThat(third.batch()).hasSize(1);
        }

        @Test
        void gives_each_caller_its_own_outcome() throws Exception {
            start(new SubmitBatching(256, 1024 * 1024, Duration.ZERO, 1));
            submit(transaction());
            Call call = nextCall();
            SignedTransaction good = transaction();
            SignedTransaction refused = transaction();
            CompletableFuture<Committed> goodDone = submit(good);
            CompletableFuture<Committed> refusedDone = submit(refused);
            call.commitAll();
            Call second = nextCall();

            second.batch().get(0).done().complete(new Committed(good.txId(), 7, Instant.EPOCH));
            second.batch().get(1).done().completeExceptionally(
                    new LedgerRejectedException(refused.txId(), RefusalReason.GRANT_NOT_FOUND, "grant x"));
            second.ended().complete(null);

            assertThat(goodDone.join().sequence()).isEqualTo(7);
            assertThatThrownBy(refusedDone::join)
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOf(LedgerRejectedException.class)
                    .hasMessage("ledger refused transaction " + refused.txId() + ": GRANT_NOT_FOUND (grant x)");
        }

        @Test
        void keeps_as_many_calls_in_flight_as_allowed() throws Exception {
            start(new SubmitBatching(1, 16 * 1024, Duration.ZERO, 2));
            SignedTransaction a = transaction();
            SignedTransaction b = transaction();
            CompletableFuture<Committed> first = submit(a);
            CompletableFuture<Committed> second = submit(b);

            Call one = nextCall();
            Call two = nextCall();

            assertThat(first).isNotDone();
            assertThat(second).isNotDone();
            assertThat(List.of(one.batch().get(0).txId(), two.batch().get(0).txId())).containsExactly(a.txId(), b.txId());
            one.commitAll();
            two.commitAll();
        }
    }

    @Nested
    class Closing {

        @Test
        void fails_what_is_still_queued_as_unavailable() throws Exception {
            start(new SubmitBatching(256, 1024 * 1024, Duration.ZERO, 1));
            submit(transaction());
            Call inFlight = nextCall();
            SignedTransaction queued = transaction();
            CompletableFuture<Committed> done = submit(queued);

            coalescer.close();

            assertThatThrownBy(done::join)
                    .cause()
                    .isInstanceOf(LedgerUnavailableException.class)
                    .hasMessage("ledger unavailable for revokeGrant of transaction " + queued.txId()
                            + " (outcome unknown): the ledger client is closed");
            inFlight.commitAll();
        }

        @Test
        void refuses_submits_after_close() {
            start(SubmitBatching.DEFAULT);
            coalescer.close();
            coalescer.close();
            SignedTransaction late = transaction();

            assertThatThrownBy(() -> submit(late).join())
                    .cause()
                    .isInstanceOf(LedgerUnavailableException.class)
                    .hasMessageEndingWith("the ledger client is closed");
        }
    }
}
