package org.baton.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.baton.ledger.LedgerUnavailableException;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Gathering concurrent receipt reads into batched calls, with a sender that the test answers by hand. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReceiptReadCoalescerTest {

    /** A batch handed to the sender, and the means to end its call. */
    private record Call(List<ReceiptReadCoalescer.Pending> batch, CompletableFuture<Void> ended) {

        List<ReceiptId> ids() {
            return batch.stream().map(ReceiptReadCoalescer.Pending::id).toList();
        }

        void noneFound() {
            batch.forEach(pending -> pending.done().complete(Optional.empty()));
            ended.complete(null);
        }
    }

    private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    private ReceiptReadCoalescer coalescer;

    private ReceiptReadCoalescer start(int maxBatch) {
        coalescer = new ReceiptReadCoalescer(maxBatch, 1, batch -> {
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

    @Nested
    class Batching {

        @Test
        void sends_a_lone_read_at_once_by_itself() {
            start(10);
            ReceiptId id = ReceiptId.random();
            CompletableFuture<Optional<ReceiptRecord>> read = coalescer.read(id);

            Call call = calls.poll();
            assertThat(call).isNotNull();
            assertThat(call.ids()).containsExactly(id);
            call.noneFound();
            assertThat(read.join()).isEmpty();
        }

        @Test
        void sends_the_reads_that_arrive_during_a_call_together_when_it_ends() {
            start(10);
            ReceiptId first = ReceiptId.random();
            coalescer.read(first);
            Call firstCall = calls.poll();
            ReceiptId second = ReceiptId.random();
            ReceiptId third = ReceiptId.random();
            CompletableFuture<Optional<ReceiptRecord>> secondRead = coalescer.read(second);
            CompletableFuture<Optional<ReceiptRecord>> thirdRead = coalescer.read(third);
            assertThat(calls).isEmpty();

            firstCall.noneFound();

            Call next = calls.poll();
            assertThat(next).isNotNull();
            assertThat(next.ids()).containsExactly(second, third);
            assertThat(secondRead).isNotDone();
            next.noneFound();
            assertThat(secondRead.join()).isEmpty();
            assertThat(thirdRead.join()).isEmpty();
        }

        @Test
        void splits_what_waited_into_batches_of_at_most_the_maximum() {
            start(2);
            coalescer.read(ReceiptId.random());
            Call running = calls.poll();
            ReceiptId a = ReceiptId.random();
            ReceiptId b = ReceiptId.random();
            ReceiptId c = ReceiptId.random();
            coalescer.read(a);
            coalescer.read(b);
            CompletableFuture<Optional<ReceiptRecord>> last = coalescer.read(c);

            running.noneFound();
            Call full = calls.poll();
            assertThat(full.ids()).containsExactly(a, b);
            full.noneFound();
            Call rest = calls.poll();
            assertThat(rest.ids()).containsExactly(c);
            rest.noneFound();
            assertThat(last.join()).isEmpty();
        }
    }

    @Nested
    class Failures {

        @Test
        void fails_every_read_of_a_batch_whose_sender_throws_and_goes_on_with_the_next() {
            coalescer = new ReceiptReadCoalescer(10, 1, batch -> {
                throw new IllegalStateException("channel shut down");
            });
            CompletableFuture<Optional<ReceiptRecord>> read = coalescer.read(ReceiptId.random());

            assertThatThrownBy(read::join)
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOf(LedgerUnavailableException.class)
                    .hasMessageContaining("receipt");
            CompletableFuture<Optional<ReceiptRecord>> again = coalescer.read(ReceiptId.random());
            assertThat(again).isCompletedExceptionally();
        }

        @Test
        void fails_the_waiting_reads_on_close_and_refuses_new_ones() {
            start(10);
            coalescer.read(ReceiptId.random());
            CompletableFuture<Optional<ReceiptRecord>> waiting = coalescer.read(ReceiptId.random());

            coalescer.close();
            coalescer.close();

            assertThatThrownBy(waiting::join)
                    .cause()
                    .isInstanceOf(LedgerUnavailableException.class)
                    .hasMessageContaining("the ledger client is closed");
            assertThatThrownBy(() -> coalescer.read(ReceiptId.random()).join())
                    .cause()
                    .isInstanceOf(LedgerUnavailableException.class)
                    .hasMessageContaining("the ledger client is closed");
        }

        @Test
        void refuses_a_batch_size_that_is_not_positive() {
            assertThatThrownBy(() -> new ReceiptReadCoalescer(0, 1, batch -> CompletableFuture.completedFuture(null)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a batch of 0 reads with 1 calls in flight: both must be positive");
        }
    }
}
