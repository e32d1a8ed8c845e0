package org.baton.ledger.embedded;

import com.google.protobuf.ByteString;
import io.grpc.ConnectivityState;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.baton.ledger.Acknowledgment;
import org.baton.ledger.Committed;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.EventCheckpoint;
import org.baton.ledger.EventPage;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.LedgerEvent;
import org.baton.ledger.LedgerException;
import org.baton.ledger.LedgerReader;
import org.baton.ledger.LedgerUnavailableException;
import org.baton.ledger.LedgerWriter;
import org.baton.ledger.Page;
import org.baton.ledger.PageRequest;
import org.baton.ledger.PageToken;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.TimeRange;
import org.baton.ledger.TxId;
import org.baton.ledger.tx.LedgerTransaction;
import org.baton.ledger.tx.SignedTransaction;
import org.baton.ledger.tx.TransactionCodec;
import org.baton.ledger.tx.TxBody;
import org.baton.proto.v1.GetGrantRequest;
import org.baton.proto.v1.GetReceiptRequest;
import org.baton.proto.v1.GetReceiptsRequest;
import org.baton.proto.v1.GetReceiptsResponse;
import org.baton.proto.v1.GetTransactionRequest;
import org.baton.proto.v1.LedgerServiceGrpc;
import org.baton.proto.v1.ListEventsRequest;
import org.baton.proto.v1.ListEventsResponse;
import org.baton.proto.v1.ListGrantsByInstitutionRequest;
import org.baton.proto.v1.ListGrantsByInstitutionResponse;
import org.baton.proto.v1.ListReceiptsByGrantRequest;
import org.baton.proto.v1.ListReceiptsByInstitutionRequest;
import org.baton.proto.v1.ListReceiptsByInstitutionResponse;
import org.baton.proto.v1.SubmitTransactionRequest;
import org.baton.proto.v1.SubmitTransactionResponse;
import org.baton.proto.v1.SubmitTransactionsRequest;
import org.baton.proto.v1.SubmitTransactionsResponse;
import org.baton.proto.v1.TransactionResult;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.InstitutionId;
import org.baton.trust.Member;
import org.baton.trust.MutualTls;
import org.baton.trust.PeerEndpoint;
import org.baton.trust.SigningKey;

/** {@link RemoteLedger} over a grpc-java channel with mutual TLS. */
final class GrpcLedgerClient implements RemoteLedger, LedgerWriter, LedgerReader {

    /** How long a call waits for the channel to start reconnecting after an outage. */
    private static final Duration RECONNECT_WAIT = Duration.ofSeconds(1);
    /** GetReceipts calls out at once; reads arriving meanwhile wait for one to end and go in the next. */
    private static final int READS_IN_FLIGHT = 1;

    private final ManagedChannel channel;
    private final LedgerServiceGrpc.LedgerServiceBlockingStub stub;
    private final LedgerServiceGrpc.LedgerServiceStub asyncStub;
    private final InstitutionId institution;
    private final SigningKey key;
    private final Duration deadline;
    private final Optional<SubmitCoalescer> coalescer;
    /** Batches concurrent receipt reads (with submit batching on); dropped for a server without GetReceipts. */
    private final Optional<ReceiptReadCoalescer> reads;
    private volatile boolean batchedReads;
    private final Clock clock = Clock.systemUTC();
    private boolean closed;

    private GrpcLedgerClient(ManagedChannel channel, InstitutionId institution, SigningKey key, Duration deadline,
            SubmitBatching batching) {
        this.channel = channel;
        this.stub = LedgerServiceGrpc.newBlockingStub(channel);
        this.asyncStub = LedgerServiceGrpc.newStub(channel);
        this.institution = institution;
        this.key = key;
        this.deadline = deadline;
        this.coalescer = batching.disabled() ? Optional.empty()
                : Optional.of(new SubmitCoalescer("ledger-submit-" + institution, batching, this::sendBatch));
        this.reads = batching.disabled() ? Optional.empty()
                : Optional.of(new ReceiptReadCoalescer(LedgerGrpcService.MAX_BATCH_RECEIPTS, READS_IN_FLIGHT,
                        this::sendReads));
        this.batchedReads = reads.isPresent();
    }

    static GrpcLedgerClient connect(PeerEndpoint endpoint, Member operator, InstitutionCredentials own,
            Duration deadline, SubmitBatching batching) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress(endpoint.host(), endpoint.port(),
                        MutualTls.channelCredentials(own, operator))
                .build();
        return new GrpcLedgerClient(channel, own.institutionId(), own.signingKey(), deadline, batching);
    }

    private LedgerServiceGrpc.LedgerServiceBlockingStub stub() {
        reconnectPromptly();
        return stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * After an outage the channel waits out a reconnect backoff that grows to two minutes, failing calls at once
     * meanwhile; a call is the moment to try again, so that a ledger that is back is used at once. The reset takes
     * effect asynchronously: waiting (briefly) for the channel to leave the failure state lets this call ride on the
     * new connection attempt instead of failing with the old error.
     */
    private void reconnectPromptly() {
        if (channel.getState(false) != ConnectivityState.TRANSIENT_FAILURE) {
            return;
        }
        CountDownLatch left = new CountDownLatch(1);
        channel.notifyWhenStateChanged(ConnectivityState.TRANSIENT_FAILURE, left::countDown);
        channel.resetConnectBackoff();
        try {
            left.await(RECONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- writes ----

    @Override
    public Committed submit(SignedTransaction transaction) {
        Objects.requireNonNull(transaction, "transaction");
        return submit(transaction, "submit");
    }

    private Committed submit(SignedTransaction signed, String operation) {
        byte[] bytes = signed.transaction();
        TxId txId = TransactionCodec.txId(bytes);
        if (coalescer.isPresent()) {
            try {
                return coalescer.get().submit(signed, bytes, txId, operation, deadline).join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof LedgerException failure) {
                    throw failure;
                }
                throw new LedgerUnavailableException(operation, Optional.of(txId), e.getCause());
            }
        }
        SubmitTransactionResponse response;
        try {
            response = stub().submitTransaction(SubmitTransactionRequest.newBuilder()
                    .setTransaction(ByteString.copyFrom(bytes))
                    .setSignature(ByteString.copyFrom(signed.signature()))
                    .build());
        } catch (StatusRuntimeException e) {
            throw LedgerStatus.fromStatus(e, operation, Optional.of(txId));
        }
        return parse(operation, Optional.of(txId), () -> ProtoMapper.committed(response.getCommit(), "commit"));
    }

    /**
     * Sends a batch gathered by the coalescer in one SubmitTransactions call; completes each caller's future. The
     * transactions this client built itself are signed together, by one batch signature over their ids.
     */
    private CompletionStage<Void> sendBatch(List<SubmitCoalescer.Pending> batch, long deadlineNanos) {
        SubmitTransactionsRequest.Builder request = SubmitTransactionsRequest.newBuilder();
        List<byte[]> unsigned = new ArrayList<>(batch.size());
        for (SubmitCoalescer.Pending pending : batch) {
            SubmitTransactionRequest.Builder entry = SubmitTransactionRequest.newBuilder()
                    .setTransaction(ByteString.copyFrom(pending.transaction()));
            if (pending.signature() != null) {
                entry.setSignature(ByteString.copyFrom(pending.signature()));
            } else {
                unsigned.add(HexFormat.of().parseHex(pending.txId().value()));
            }
            request.addTransactions(entry);
        }
        if (!unsigned.isEmpty()) {
            request.setBatchSignature(ByteString.copyFrom(BatchEnvelope.sign(unsigned, key).signature()));
        }
        CompletableFuture<Void> ended = new CompletableFuture<>();
        reconnectPromptly();
        asyncStub.withDeadlineAfter(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS)
                .submitTransactions(request.build(), new StreamObserver<>() {
                    private SubmitTransactionsResponse answer;

                    @Override
                    public void onNext(SubmitTransactionsResponse response) {
                        answer = response;
                    }

                    @Override
                    public void onError(Throwable error) {
                        StatusRuntimeException status = error instanceof StatusRuntimeException e
                                ? e : Status.fromThrowable(error).asRuntimeException();
                        for (SubmitCoalescer.Pending pending : batch) {
                            pending.done().completeExceptionally(
                                    LedgerStatus.fromStatus(status, pending.operation(), Optional.of(pending.txId())));
                        }
                        ended.complete(null);
                    }

                    @Override
                    public void onCompleted() {
                        deliver(batch, answer);
                        ended.complete(null);
                    }
                });
        return ended;
    }

    /** Gives each caller of a batch its own transaction's outcome. */
    private static void deliver(List<SubmitCoalescer.Pending> batch, SubmitTransactionsResponse answer) {
        if (answer == null || answer.getResultsCount() != batch.size()) {
            IllegalStateException invalid = new IllegalStateException("the ledger server sent "
                    + (answer == null ? "no answer" : answer.getResultsCount() + " results") + " for "
                    + batch.size() + " transactions");
            batch.forEach(pending -> pending.fail(invalid));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            SubmitCoalescer.Pending pending = batch.get(i);
            TransactionResult result = answer.getResults(i);
            try {
                pending.done().complete(outcome(pending.txId(), result));
            } catch (LedgerException e) {
                pending.done().completeExceptionally(e);
            } catch (IllegalArgumentException e) {
                pending.fail(new IllegalStateException("the ledger server sent an invalid answer: " + e.getMessage(), e));
            }
        }
    }

    /**
     * The commit of one result of a batch.
     *
     * @throws LedgerException the refusal or unavailability it reports
     * @throws IllegalArgumentException if it is malformed or about another transaction
     */
    private static Committed outcome(TxId txId, TransactionResult result) {
        if (!result.getTxId().equals(txId.value())) {
            throw new IllegalArgumentException("a result names transaction " + result.getTxId() + " in place of " + txId);
        }
        return switch (result.getOutcomeCase()) {
            case COMMITTED -> {
                Committed committed = ProtoMapper.committed(result.getCommitted().getCommit(), "committed.commit");
                if (!committed.txId().equals(txId)) {
                    throw new IllegalArgumentException("the commit names transaction " + committed.txId());
                }
                yield committed;
            }
            case REFUSAL -> throw LedgerStatus.rejected(result.getRefusal());
            case UNAVAILABLE -> throw new LedgerUnavailableException("submit", Optional.of(txId),
                    new IllegalStateException(result.getUnavailable()));
            case OUTCOME_NOT_SET -> throw new IllegalArgumentException("the result of " + txId + " has no outcome");
        };
    }

    /**
     * Builds a transaction of {@code body}. Batched, it goes unsigned to the coalescer, which signs the whole batch
     * at once; otherwise it is signed on its own.
     */
    private Committed submit(TxBody body, String operation) {
        if (coalescer.isEmpty()) {
            return submit(LocalLedger.sign(institution, key, body, clock), operation);
        }
        byte[] bytes = TransactionCodec.encode(LedgerTransaction.create(institution, body, clock.instant()));
        TxId txId = TransactionCodec.txId(bytes);
        try {
            return coalescer.get().submitUnsigned(bytes, txId, operation, deadline).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof LedgerException failure) {
                throw failure;
            }
            throw new LedgerUnavailableException(operation, Optional.of(txId), e.getCause());
        }
    }

    @Override
    public Committed createGrant(ConsentGrant grant) {
        return submit(new TxBody.CreateGrant(Objects.requireNonNull(grant, "grant")), "createGrant");
    }

    @Override
    public Committed revokeGrant(GrantId grant) {
        return submit(new TxBody.RevokeGrant(Objects.requireNonNull(grant, "grant")), "revokeGrant");
    }

    @Override
    public Committed recordReceipt(ExchangeReceipt receipt) {
        return submit(new TxBody.RecordReceipt(Objects.requireNonNull(receipt, "receipt")), "recordReceipt");
    }

    /** Batched, the receipts join the coalescer's queue together and no thread waits for them. */
    @Override
    public List<CompletableFuture<Committed>> recordReceipts(List<ExchangeReceipt> receipts) {
        if (coalescer.isEmpty()) {
            return LedgerWriter.super.recordReceipts(receipts);
        }
        List<CompletableFuture<Committed>> outcomes = new ArrayList<>(receipts.size());
        for (ExchangeReceipt receipt : receipts) {
            outcomes.add(submitAsync(new TxBody.RecordReceipt(Objects.requireNonNull(receipt, "receipt")),
                    "recordReceipt"));
        }
        return outcomes;
    }

    /** Batched, the acceptance joins the coalescer's queue and no thread waits for it. */
    @Override
    public CompletableFuture<Committed> acceptAsync(ExchangeReceipt expected) {
        if (coalescer.isEmpty()) {
            return LedgerWriter.super.acceptAsync(expected);
        }
        return submitAsync(TxBody.AcknowledgeReceipt.accepting(Objects.requireNonNull(expected, "expected")),
                "accept");
    }

    /**
     * Queues a transaction of {@code body} with the coalescer (which signs its batch); the future fails with the
     * {@link LedgerException} the call would have thrown.
     */
    private CompletableFuture<Committed> submitAsync(TxBody body, String operation) {
        byte[] bytes = TransactionCodec.encode(LedgerTransaction.create(institution, body, clock.instant()));
        TxId txId = TransactionCodec.txId(bytes);
        CompletableFuture<Committed> outcome = new CompletableFuture<>();
        coalescer.orElseThrow().submitUnsigned(bytes, txId, operation, deadline).whenComplete((committed, error) -> {
            if (error == null) {
                outcome.complete(committed);
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            outcome.completeExceptionally(cause instanceof LedgerException ? cause
                    : new LedgerUnavailableException(operation, Optional.of(txId), cause));
        });
        return outcome;
    }

    @Override
    public Committed acknowledge(Acknowledgment acknowledgment) {
        return submit(new TxBody.AcknowledgeReceipt(Objects.requireNonNull(acknowledgment, "acknowledgment")),
                "acknowledge");
    }

    @Override
    public Committed accept(ExchangeReceipt expected) {
        return submit(TxBody.AcknowledgeReceipt.accepting(Objects.requireNonNull(expected, "expected")), "accept");
    }

    // ---- reads ----

    @Override
    public Optional<GrantRecord> grant(GrantId id) {
        Objects.requireNonNull(id, "id");
        return find("grant", () -> stub().getGrant(GetGrantRequest.newBuilder().setGrantId(id.value()).build()))
                .map(response -> parse("grant", Optional.empty(), () -> ProtoMapper.grantRecord(response.getGrant())));
    }

    /**
     * With batching on, concurrent reads share GetReceipts calls (see {@link ReceiptReadCoalescer}); a server that
     * does not serve GetReceipts (an older ledger) is read one receipt per call from then on.
     */
    @Override
    public Optional<ReceiptRecord> receipt(ReceiptId id) {
        Objects.requireNonNull(id, "id");
        if (batchedReads) {
            reconnectPromptly();
            try {
                return reads.orElseThrow().read(id).join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof LedgerException failure) {
                    throw failure;
                }
                if (!(e.getCause() instanceof BatchedReadsNotServed)) {
                    throw new LedgerUnavailableException("receipt", Optional.empty(), e.getCause());
                }
                batchedReads = false;
            }
        }
        return find("receipt", () -> stub().getReceipt(GetReceiptRequest.newBuilder().setReceiptId(id.value()).build()))
                .map(response -> parse("receipt", Optional.empty(),
                        () -> ProtoMapper.receiptRecord(response.getReceipt())));
    }

    /** Reads a batch gathered by the read coalescer in one GetReceipts call; completes each caller's future. */
    private CompletionStage<Void> sendReads(List<ReceiptReadCoalescer.Pending> batch) {
        GetReceiptsRequest.Builder request = GetReceiptsRequest.newBuilder();
        batch.forEach(pending -> request.addReceiptIds(pending.id().value()));
        CompletableFuture<Void> ended = new CompletableFuture<>();
        asyncStub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
                .getReceipts(request.build(), new StreamObserver<>() {
                    private GetReceiptsResponse answer;

                    @Override
                    public void onNext(GetReceiptsResponse response) {
                        answer = response;
                    }

                    @Override
                    public void onError(Throwable error) {
                        StatusRuntimeException status = error instanceof StatusRuntimeException e
                                ? e : Status.fromThrowable(error).asRuntimeException();
                        RuntimeException failure = status.getStatus().getCode() == Status.Code.UNIMPLEMENTED
                                ? new BatchedReadsNotServed()
                                : LedgerStatus.fromStatus(status, "receipt", Optional.empty());
                        batch.forEach(pending -> pending.done().completeExceptionally(failure));
                        ended.complete(null);
                    }

                    @Override
                    public void onCompleted() {
                        deliverReads(batch, answer);
                        ended.complete(null);
                    }
                });
        return ended;
    }

    /** Gives each reader of a batch its own receipt, or none if the ledger does not hold it. */
    private static void deliverReads(List<ReceiptReadCoalescer.Pending> batch, GetReceiptsResponse answer) {
        Map<ReceiptId, ReceiptRecord> found = new HashMap<>();
        try {
            if (answer == null) {
                throw new IllegalArgumentException("no answer to GetReceipts");
            }
            for (org.baton.proto.v1.ReceiptRecord record : answer.getReceiptsList()) {
                ReceiptRecord parsed = ProtoMapper.receiptRecord(record);
                found.put(parsed.id(), parsed);
            }
        } catch (IllegalArgumentException e) {
            LedgerUnavailableException invalid = new LedgerUnavailableException("receipt", Optional.empty(),
                    new IllegalStateException("the ledger server sent an invalid answer: " + e.getMessage(), e));
            batch.forEach(pending -> pending.done().completeExceptionally(invalid));
            return;
        }
        batch.forEach(pending -> pending.done().complete(Optional.ofNullable(found.get(pending.id()))));
    }

    /** A ledger server that does not serve GetReceipts (UNIMPLEMENTED). */
    private static final class BatchedReadsNotServed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BatchedReadsNotServed() {
            super("the ledger server does not serve GetReceipts", null, false, false);
        }
    }

    @Override
    public Optional<Committed> transaction(TxId id) {
        Objects.requireNonNull(id, "id");
        return find("transaction", () -> stub().getTransaction(GetTransactionRequest.newBuilder()
                .setTxId(id.value()).build()))
                .map(response -> parse("transaction", Optional.empty(),
                        () -> ProtoMapper.committed(response.getCommit(), "commit")));
    }

    @Override
    public List<ReceiptRecord> receiptsByGrant(GrantId grant) {
        Objects.requireNonNull(grant, "grant");
        var response = call("receiptsByGrant", () -> stub().listReceiptsByGrant(
                ListReceiptsByGrantRequest.newBuilder().setGrantId(grant.value()).build()));
        return parse("receiptsByGrant", Optional.empty(), () -> {
            List<ReceiptRecord> out = new ArrayList<>();
            response.getReceiptsList().forEach(record -> out.add(ProtoMapper.receiptRecord(record)));
            return List.copyOf(out);
        });
    }

    @Override
    public Page<GrantRecord> grantsByInstitution(InstitutionId party, TimeRange range, PageRequest page) {
        Objects.requireNonNull(party, "institution");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(page, "page");
        ListGrantsByInstitutionResponse response = call("grantsByInstitution", () -> stub().listGrantsByInstitution(
                ListGrantsByInstitutionRequest.newBuilder()
                        .setInstitutionId(party.value())
                        .setFrom(ProtoMapper.timestamp(range.from()))
                        .setUntil(ProtoMapper.timestamp(range.until()))
                        .setPageSize(page.size())
                        .setPageToken(page.after().map(PageToken::value).orElse(""))
                        .build()));
        return parse("grantsByInstitution", Optional.empty(), () -> {
            List<GrantRecord> items = new ArrayList<>();
            response.getGrantsList().forEach(record -> items.add(ProtoMapper.grantRecord(record)));
            return new Page<>(items, token(response.getNextPageToken()));
        });
    }

    @Override
    public Page<ReceiptRecord> receiptsByInstitution(InstitutionId party, TimeRange range, PageRequest page) {
        Objects.requireNonNull(party, "institution");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(page, "page");
        ListReceiptsByInstitutionResponse response = call("receiptsByInstitution",
                () -> stub().listReceiptsByInstitution(ListReceiptsByInstitutionRequest.newBuilder()
                        .setInstitutionId(party.value())
                        .setFrom(ProtoMapper.timestamp(range.from()))
                        .setUntil(ProtoMapper.timestamp(range.until()))
                        .setPageSize(page.size())
                        .setPageToken(page.after().map(PageToken::value).orElse(""))
                        .build()));
        return parse("receiptsByInstitution", Optional.empty(), () -> {
            List<ReceiptRecord> items = new ArrayList<>();
            response.getReceiptsList().forEach(record -> items.add(ProtoMapper.receiptRecord(record)));
            return new Page<>(items, token(response.getNextPageToken()));
        });
    }

    @Override
    public EventPage events(EventCheckpoint after, int max) {
        Objects.requireNonNull(after, "after");
        if (max < 1 || max > PageRequest.MAX_SIZE) {
            throw new IllegalArgumentException("max " + max + " is outside 1.." + PageRequest.MAX_SIZE);
        }
        ListEventsResponse response = call("events", () -> stub().listEvents(ListEventsRequest.newBuilder()
                .setAfterSequence(after.sequence()).setMaxEvents(max).build()));
        return parse("events", Optional.empty(), () -> {
            List<LedgerEvent> events = new ArrayList<>();
            response.getEventsList().forEach(event -> events.add(ProtoMapper.event(event)));
            return new EventPage(events, EventCheckpoint.after(response.getNextSequence()));
        });
    }

    private static Optional<PageToken> token(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(PageToken.of(value));
    }

    private static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (StatusRuntimeException e) {
            throw LedgerStatus.fromStatus(e, operation, Optional.empty());
        }
    }

    private static <T> Optional<T> find(String operation, Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw LedgerStatus.fromStatus(e, operation, Optional.empty());
        }
    }

    /** A server answer that does not parse is the server's fault: the ledger is not usable. */
    private static <T> T parse(String operation, Optional<TxId> txId, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new LedgerUnavailableException(operation, txId,
                    new IllegalStateException("the ledger server sent an invalid answer: " + e.getMessage(), e));
        }
    }

    // ---- facade ----

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
        return this;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        coalescer.ifPresent(SubmitCoalescer::close);
        reads.ifPresent(ReceiptReadCoalescer::close);
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
