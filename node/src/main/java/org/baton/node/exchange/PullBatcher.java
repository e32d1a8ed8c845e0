package org.baton.node.exchange;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.baton.proto.v1.PeerExchangeGrpc;
import org.baton.proto.v1.PullError;
import org.baton.proto.v1.RequestRecordsBatchRequest;
import org.baton.proto.v1.RequestRecordsBatchResponse;
import org.baton.proto.v1.RequestRecordsRequest;
import org.baton.proto.v1.RequestRecordsResponse;
import org.baton.proto.v1.RequestRecordsResult;
import org.baton.trust.InstitutionId;

/**
 * Gathers the pulls that threads send to one source at the same time into {@code RequestRecordsBatch} calls, so a
 * recipient with many pulls waiting pays one call, and the source one durable write and one ledger submission, for
 * many. A pull goes at once when fewer than {@link #MAX_IN_FLIGHT} calls to its source await their answer; otherwise
 * it waits for one of them to end and goes with every pull that waited meanwhile, up to
 * {@link PeerExchangeService#MAX_BATCH_PULLS} a call. At low load each pull travels alone and waits for nothing.
 *
 * <p>Each caller gets its own pull's outcome: its package, or the status the source answered for it. A pull whose
 * answer did not fit in the batch's message ({@code RESOURCE_EXHAUSTED} in its result) is asked again alone, with the
 * same request id, so the source hands out the same package. A source that does not serve the batch call
 * ({@code UNIMPLEMENTED}) gets one {@code RequestRecords} call per pull from then on.
 */
final class PullBatcher {

    /** Batch calls to one source awaiting their answer at once. */
    static final int MAX_IN_FLIGHT = 1;

    private final Function<InstitutionId, PeerExchangeGrpc.PeerExchangeStub> stubs;
    private final Duration deadline;
    private final Map<InstitutionId, Lane> lanes = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong pulls = new AtomicLong();

    /**
     * @param stubs the asynchronous stub for a source, with no deadline set; may throw the engine's exceptions
     * @param deadline how long one call may take
     */
    PullBatcher(Function<InstitutionId, PeerExchangeGrpc.PeerExchangeStub> stubs, Duration deadline) {
        this.stubs = stubs;
        this.deadline = deadline;
    }

    /** One pull waiting for its answer. */
    private record Waiting(RequestRecordsRequest request, CompletableFuture<RequestRecordsResponse> answer) {
    }

    /** The pulls for one source: those not sent yet, and how many calls are out. */
    private static final class Lane {
        final ArrayDeque<Waiting> queued = new ArrayDeque<>();
        int inFlight;
        volatile boolean unbatched;
    }

    /**
     * Sends {@code request} to {@code source} and waits for its answer.
     *
     * @throws StatusRuntimeException with the status the source answered for this pull, or the call's failure
     */
    RequestRecordsResponse pull(InstitutionId source, RequestRecordsRequest request) {
        try {
            return pullAsync(source, request).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Status.CANCELLED.withDescription("interrupted while waiting for the source").asRuntimeException();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw Status.INTERNAL.withCause(e.getCause()).asRuntimeException();
        }
    }

    /**
     * Sends {@code request} to {@code source}; the future completes with its answer, on the thread that heard it.
     * It fails with a {@link StatusRuntimeException}: the status the source answered for this pull, the call's
     * failure, or {@code DEADLINE_EXCEEDED} when no answer came in twice the time a call may take (a pull may wait for
     * a call out before it goes in the next one); a pull still queued then is taken off the queue.
     */
    CompletableFuture<RequestRecordsResponse> pullAsync(InstitutionId source, RequestRecordsRequest request) {
        Lane lane = lanes.computeIfAbsent(source, id -> new Lane());
        Waiting waiting = new Waiting(request, new CompletableFuture<>());
        CompletableFuture<RequestRecordsResponse> answer = waiting.answer()
                .orTimeout(2 * deadline.toNanos() + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS)
                .exceptionallyCompose(error -> {
                    if (ExchangeErrors.unwrap(error) instanceof TimeoutException) {
                        synchronized (lane) {
                            lane.queued.remove(waiting);
                        }
                        return CompletableFuture.failedFuture(Status.DEADLINE_EXCEEDED
                                .withDescription("no answer from the source in time").asRuntimeException());
                    }
                    return CompletableFuture.failedFuture(ExchangeErrors.unwrap(error));
                });
        List<Waiting> batch = null;
        synchronized (lane) {
            lane.queued.add(waiting);
            if (lane.inFlight < MAX_IN_FLIGHT) {
                batch = take(lane);
            }
        }
        if (batch != null) {
            send(source, lane, batch);
        }
        return answer;
    }

    /** Batch calls sent so far, to every source. */
    long calls() {
        return calls.get();
    }

    /** Pulls sent in batch calls so far. */
    long pulls() {
        return pulls.get();
    }

    /** Pulls for {@code source} waiting to be sent. */
    int queued(InstitutionId source) {
        Lane lane = lanes.get(source);
        if (lane == null) {
            return 0;
        }
        synchronized (lane) {
            return lane.queued.size();
        }
    }

    /** Takes the next batch off the lane and counts it as out; the caller holds the lane's lock. */
    private static List<Waiting> take(Lane lane) {
        List<Waiting> batch = new ArrayList<>(Math.min(lane.queued.size(), PeerExchangeService.MAX_BATCH_PULLS));
        while (!lane.queued.isEmpty() && batch.size() < PeerExchangeService.MAX_BATCH_PULLS) {
            batch.add(lane.queued.poll());
        }
        lane.inFlight++;
        return batch;
    }

    private void send(InstitutionId source, Lane lane, List<Waiting> batch) {
        if (lane.unbatched) {
            batch.forEach(waiting -> alone(source, waiting));
            ended(source, lane);
            return;
        }
        PeerExchangeGrpc.PeerExchangeStub stub;
        try {
            stub = stubs.apply(source);
        } catch (RuntimeException e) {
            batch.forEach(waiting -> waiting.answer().completeExceptionally(e));
            ended(source, lane);
            return;
        }
        RequestRecordsBatchRequest.Builder request = RequestRecordsBatchRequest.newBuilder().setBatchSignatures(true);
        batch.forEach(waiting -> request.addRequests(waiting.request()));
        calls.incrementAndGet();
        pulls.addAndGet(batch.size());
        stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS).requestRecordsBatch(request.build(),
                new StreamObserver<>() {
                    private RequestRecordsBatchResponse response;

                    @Override
                    public void onNext(RequestRecordsBatchResponse value) {
                        response = value;
                    }

                    @Override
                    public void onError(Throwable error) {
                        Status status = Status.fromThrowable(error);
                        if (status.getCode() == Status.Code.UNIMPLEMENTED) {
                            lane.unbatched = true;
                            batch.forEach(waiting -> alone(source, waiting));
                        } else {
                            StatusRuntimeException failure = status.asRuntimeException();
                            batch.forEach(waiting -> waiting.answer().completeExceptionally(failure));
                        }
                        ended(source, lane);
                    }

                    @Override
                    public void onCompleted() {
                        answer(source, batch, response);
                        ended(source, lane);
                    }
                });
    }

    /** Hands each pull of a batch its result. */
    private void answer(InstitutionId source, List<Waiting> batch, RequestRecordsBatchResponse response) {
        if (response == null || response.getResultsCount() != batch.size()) {
            StatusRuntimeException malformed = Status.INTERNAL.withDescription("the source answered "
                    + (response == null ? "nothing" : response.getResultsCount() + " results") + " for "
                    + batch.size() + " pulls").asRuntimeException();
            batch.forEach(waiting -> waiting.answer().completeExceptionally(malformed));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Waiting waiting = batch.get(i);
            RequestRecordsResult result = response.getResults(i);
            switch (result.getOutcomeCase()) {
                case RECORDS -> waiting.answer().complete(result.getRecords());
                case ERROR -> {
                    PullError error = result.getError();
                    Status status = Status.fromCodeValue(error.getCode());
                    if (status.getCode() == Status.Code.RESOURCE_EXHAUSTED) {
                        alone(source, waiting);
                    } else {
                        waiting.answer().completeExceptionally((status.getCode() == Status.Code.OK
                                ? Status.INTERNAL.withDescription("the source answered a pull with code 0 as an error: "
                                        + error.getMessage())
                                : status.withDescription(error.getMessage())).asRuntimeException());
                    }
                }
                case OUTCOME_NOT_SET -> waiting.answer().completeExceptionally(Status.INTERNAL
                        .withDescription("the source answered a pull with no outcome").asRuntimeException());
            }
        }
    }

    /** Sends one pull in its own {@code RequestRecords} call. */
    private void alone(InstitutionId source, Waiting waiting) {
        PeerExchangeGrpc.PeerExchangeStub stub;
        try {
            stub = stubs.apply(source);
        } catch (RuntimeException e) {
            waiting.answer().completeExceptionally(e);
            return;
        }
        stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS).requestRecords(waiting.request(),
                new StreamObserver<>() {
                    @Override
                    public void onNext(RequestRecordsResponse value) {
                        waiting.answer().complete(value);
                    }

                    @Override
                    public void onError(Throwable error) {
                        waiting.answer().completeExceptionally(Status.fromThrowable(error).asRuntimeException());
                    }

                    @Override
                    public void onCompleted() {
                        if (!waiting.answer().isDone()) {
                            waiting.answer().completeExceptionally(Status.INTERNAL
                                    .withDescription("the source answered a pull with nothing").asRuntimeException());
                        }
                    }
                });
    }

    /** A call ended: send what queued meanwhile, if any. */
    private void ended(InstitutionId source, Lane lane) {
        List<Waiting> next = null;
        synchronized (lane) {
            lane.inFlight--;
            if (!lane.queued.isEmpty()) {
                next = take(lane);
            }
        }
        if (next != null) {
            send(source, lane, next);
        }
    }
}
