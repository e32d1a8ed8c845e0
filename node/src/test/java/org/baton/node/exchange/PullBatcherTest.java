package org.baton.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.baton.proto.v1.PeerExchangeGrpc;
import org.baton.proto.v1.PullError;
import org.baton.proto.v1.RequestRecordsBatchRequest;
import org.baton.proto.v1.RequestRecordsBatchResponse;
import org.baton.proto.v1.RequestRecordsRequest;
import org.baton.proto.v1.RequestRecordsResponse;
import org.baton.proto.v1.RequestRecordsResult;
import org.baton.trust.InstitutionId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How pulls to one source are gathered into batch calls and their answers handed back, against a scripted source
 * served in process. The source answers each pull with its request id as the receipt id, so a test sees which answer
 * reached which caller.
 */
class PullBatcherTest {

    private static final InstitutionId SOURCE = InstitutionId.of("19647330000000");

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private final List<String> alone = new CopyOnWriteArrayList<>();
    private Server server;
    private ManagedChannel channel;

    @AfterEach
    void stop() throws InterruptedException {
        callers.shutdownNow();
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** A source that answers batches with {@code answer} and single pulls by echoing them. */
    private PullBatcher batcherAgainst(Function<RequestRecordsBatchRequest, RequestRecordsBatchResponse> answer,
            boolean servesBatches) throws Exception {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).executor(Executors.newCachedThreadPool())
                .addService(new PeerExchangeGrpc.PeerExchangeImplBase() {
                    @Override
                    public void requestRecordsBatch(RequestRecordsBatchRequest request,
                            StreamObserver<RequestRecordsBatchResponse> response) {
                        if (!servesBatches) {
                            response.onError(Status.UNIMPLEMENTED.asRuntimeException());
                            return;
                        }
                        batchSizes.add(request.getRequestsCount());
                        RequestRecordsBatchResponse answered;
                        try {
                            answered = answer.apply(request);
                        } catch (StatusRuntimeException e) {
                            response.onError(e);
                            return;
                        }
                        response.onNext(answered);
                        response.onCompleted();
                    }

                    @Override
                    public void requestRecords(RequestRecordsRequest request,
                            StreamObserver<RequestRecordsResponse> response) {
                        alone.add(request.getRequestId());
                        response.onNext(echo(request));
                        response.onCompleted();
                    }
                }).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
        return new PullBatcher(source -> PeerExchangeGrpc.newStub(channel), Duration.ofSeconds(10));
    }

    private static RequestRecordsResponse echo(RequestRecordsRequest request) {
        return RequestRecordsResponse.newBuilder().setReceiptId(request.getRequestId()).build();
    }

    private static RequestRecordsBatchResponse echoAll(RequestRecordsBatchRequest request) {
        RequestRecordsBatchResponse.Builder response = RequestRecordsBatchResponse.newBuilder();
        request.getRequestsList().forEach(pull -> response.addResults(RequestRecordsResult.newBuilder()
                .setRecords(echo(pull))));
        return response.build();
    }

    /** The source holds a call until {@code release} (at most 10 s). */
    private static void awaitQuietly(CountDownLatch release) {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RequestRecordsRequest pull(String id) {
        return RequestRecordsRequest.newBuilder().setRequestId(id).build();
    }

    @Test
    void tells_the_source_it_verifies_batch_signatures() throws Exception {
        List<Boolean> flags = new CopyOnWriteArrayList<>();
        PullBatcher batcher = batcherAgainst(request -> {
            flags.add(request.getBatchSignatures());
            return echoAll(request);
        }, true);

        batcher.pull(SOURCE, pull("a"));

        assertThat(flags).containsExactly(true);
    }

    @Test
    void a_pull_alone_goes_at_once_in_a_batch_of_one() throws Exception {
        PullBatcher batcher = batcherAgainst(PullBatcherTest::echoAll, true);

        RequestRecordsResponse answer = batcher.pull(SOURCE, pull("a"));

        assertThat(answer.getReceiptId()).isEqualTo("a");
        assertThat(batchSizes).containsExactly(1);
        assertThat(batcher.calls()).isEqualTo(1);
    }

    @Test
    void pulls_sent_while_calls_are_out_go_together_in_the_next_call_and_each_gets_its_own_answer() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch out = new CountDownLatch(PullBatcher.MAX_IN_FLIGHT);
        PullBatcher batcher = batcherAgainst(request -> {
            if (request.getRequestsCount() == 1 && request.getRequests(0).getRequestId().startsWith("first")) {
                out.countDown();
                awaitQuietly(release);
            }
            return echoAll(request);
        }, true);
        List<Future<RequestRecordsResponse>> first = new ArrayList<>();
        for (int i = 0; i < PullBatcher.MAX_IN_FLIGHT; i++) {
            String id = "first-" + i;
            first.add(callers.submit(() -> batcher.pull(SOURCE, pull(id))));
        }
        assertThat(out.await(10, TimeUnit.SECONDS)).as("the first calls reached the source").isTrue();
        List<Future<RequestRecordsResponse>> waiting = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = "later-" + i;
            waiting.add(callers.submit(() -> batcher.pull(SOURCE, pull(id))));
        }
        Eventually.until("the later pulls are queued", () -> batcher.queued(SOURCE) == 10);
        assertThat(batcher.calls()).isEqualTo(PullBatcher.MAX_IN_FLIGHT);

        release.countDown();

        for (int i = 0; i < first.size(); i++) {
            assertThat(first.get(i).get(10, TimeUnit.SECONDS).getReceiptId()).isEqualTo("first-" + i);
        }
        for (int i = 0; i < waiting.size(); i++) {
            assertThat(waiting.get(i).get(10, TimeUnit.SECONDS).getReceiptId()).isEqualTo("later-" + i);
        }
        assertThat(batchSizes.subList(0, PullBatcher.MAX_IN_FLIGHT)).containsOnly(1);
        assertThat(batchSizes.subList(PullBatcher.MAX_IN_FLIGHT, batchSizes.size()))
                .as("the ten later pulls went together").containsExactly(10);
        assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(PullBatcher.MAX_IN_FLIGHT + 10);
        assertThat(batcher.pulls()).isEqualTo(PullBatcher.MAX_IN_FLIGHT + 10);
    }

    @Test
    void a_refused_pull_gets_the_status_the_source_answered_for_it_and_the_others_their_packages() throws Exception {
        PullBatcher batcher = batcherAgainst(request -> {
            RequestRecordsBatchResponse.Builder response = RequestRecordsBatchResponse.newBuilder();
            for (RequestRecordsRequest pull : request.getRequestsList()) {
                response.addResults(pull.getRequestId().equals("revoked")
                        ? RequestRecordsResult.newBuilder().setError(PullError.newBuilder()
                                .setCode(Status.Code.PERMISSION_DENIED.value()).setMessage("grant g: it is revoked"))
                                .build()
                        : RequestRecordsResult.newBuilder().setRecords(echo(pull)).build());
            }
            return response.build();
        }, true);

        assertThatThrownBy(() -> batcher.pull(SOURCE, pull("revoked")))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                    assertThat(e.getStatus().getDescription()).isEqualTo("grant g: it is revoked");
                });
        assertThat(batcher.pull(SOURCE, pull("fine")).getReceiptId()).isEqualTo("fine");
    }

    @Test
    void a_package_that_did_not_fit_in_the_batch_is_asked_for_alone_with_the_same_request_id() throws Exception {
        PullBatcher batcher = batcherAgainst(request -> RequestRecordsBatchResponse.newBuilder()
                .addResults(RequestRecordsResult.newBuilder().setError(PullError.newBuilder()
                        .setCode(Status.Code.RESOURCE_EXHAUSTED.value()).setMessage("the batch's answer is full")))
                .build(), true);

        RequestRecordsResponse answer = batcher.pull(SOURCE, pull("big"));

        assertThat(answer.getReceiptId()).isEqualTo("big");
        assertThat(alone).containsExactly("big");
    }

    @Test
    void a_source_without_the_batch_call_gets_one_call_per_pull_from_then_on() throws Exception {
        PullBatcher batcher = batcherAgainst(PullBatcherTest::echoAll, false);

        assertThat(batcher.pull(SOURCE, pull("one")).getReceiptId()).isEqualTo("one");
        assertThat(batcher.pull(SOURCE, pull("two")).getReceiptId()).isEqualTo("two");

        assertThat(alone).containsExactly("one", "two");
        assertThat(batcher.calls()).as("the batch call was tried once").isEqualTo(1);
    }

    @Test
    void an_asynchronous_pull_holds_no_thread_and_completes_with_its_own_answer() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        PullBatcher batcher = batcherAgainst(request -> {
            awaitQuietly(release);
            return echoAll(request);
        }, true);

        CompletableFuture<RequestRecordsResponse> answer = batcher.pullAsync(SOURCE, pull("a"));

        assertThat(answer).as("returned while the source holds the call").isNotDone();
        release.countDown();
        assertThat(answer.get(10, TimeUnit.SECONDS).getReceiptId()).isEqualTo("a");
    }

    @Test
    void an_asynchronous_pull_fails_with_the_status_the_source_answered_for_it() throws Exception {
        PullBatcher batcher = batcherAgainst(request -> RequestRecordsBatchResponse.newBuilder()
                .addResults(RequestRecordsResult.newBuilder().setError(PullError.newBuilder()
                        .setCode(Status.Code.NOT_FOUND.value()).setMessage("no such grant")))
                .build(), true);

        CompletableFuture<RequestRecordsResponse> answer = batcher.pullAsync(SOURCE, pull("a"));

        assertThat(answer).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getStatus().getDescription()).isEqualTo("no such grant");
                });
    }

    @Test
    void a_failed_call_fails_every_pull_it_carried_with_its_status() throws Exception {
        PullBatcher batcher = batcherAgainst(request -> {
            throw Status.UNAVAILABLE.withDescription("ledger unavailable").asRuntimeException();
        }, true);

        assertThatThrownBy(() -> batcher.pull(SOURCE, pull("a")))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    }

    @Test
    void an_answer_with_the_wrong_number_of_results_fails_its_pulls() throws Exception {
        PullBatcher batcher = batcherAgainst(request -> RequestRecordsBatchResponse.getDefaultInstance(), true);

        assertThatThrownBy(() -> batcher.pull(SOURCE, pull("a")))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
                    assertThat(e.getStatus().getDescription()).contains("0 results for 1 pulls");
                });
    }
}
