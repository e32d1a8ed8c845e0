package org.baton.ledger.embedded;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.baton.ledger.EventCheckpoint;
import org.baton.ledger.EventPage;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.LedgerRejectedException;
import org.baton.ledger.LedgerUnavailableException;
import org.baton.ledger.Page;
import org.baton.ledger.PageRequest;
import org.baton.ledger.PageToken;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.RefusalReason;
import org.baton.ledger.Sha256;
import org.baton.ledger.TimeRange;
import org.baton.ledger.TxId;
import org.baton.ledger.tx.SignedTransaction;
import org.baton.ledger.tx.TransactionCodec;
import org.baton.proto.v1.GetGrantRequest;
import org.baton.proto.v1.GetGrantResponse;
import org.baton.proto.v1.GetReceiptRequest;
import org.baton.proto.v1.GetReceiptResponse;
import org.baton.proto.v1.GetReceiptsRequest;
import org.baton.proto.v1.GetReceiptsResponse;
import org.baton.proto.v1.GetTransactionRequest;
import org.baton.proto.v1.GetTransactionResponse;
import org.baton.proto.v1.LedgerServiceGrpc;
import org.baton.proto.v1.ListEventsRequest;
import org.baton.proto.v1.ListEventsResponse;
import org.baton.proto.v1.ListGrantsByInstitutionRequest;
import org.baton.proto.v1.ListGrantsByInstitutionResponse;
import org.baton.proto.v1.ListReceiptsByGrantRequest;
import org.baton.proto.v1.ListReceiptsByGrantResponse;
import org.baton.proto.v1.ListReceiptsByInstitutionRequest;
import org.baton.proto.v1.ListReceiptsByInstitutionResponse;
import org.baton.proto.v1.SubmitTransactionRequest;
import org.baton.proto.v1.SubmitTransactionResponse;
import org.baton.proto.v1.SubmitTransactionsRequest;
import org.baton.proto.v1.SubmitTransactionsResponse;
import org.baton.proto.v1.TransactionResult;
import org.baton.trust.InstitutionId;
import org.baton.trust.PeerIdentity;

/**
 * The ledger's gRPC service: converts a request, calls the ledger once, converts the answer. Must be served
 * behind the consortium's peer authenticator, which supplies the caller's identity.
 */
final class LedgerGrpcService extends LedgerServiceGrpc.LedgerServiceImplBase {

    /** The most transactions one SubmitTransactions call may carry. */
    static final int MAX_BATCH_TRANSACTIONS = 1000;
    /** Receipts one GetReceipts call may ask for. */
    static final int MAX_BATCH_RECEIPTS = 1000;
    /** The largest request the server reads, in bytes (gRPC's usual limit, made explicit). */
    static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;

    private final ChainLedger ledger;
    private final Executor responses;

    /**
     * @param responses where answers to submissions are sent from, so that the sequencer thread, which completes
     *     them, goes straight back to cutting blocks
     */
    LedgerGrpcService(ChainLedger ledger, Executor responses) {
        this.ledger = ledger;
        this.responses = responses;
    }

    @Override
    public void submitTransaction(SubmitTransactionRequest request,
            StreamObserver<SubmitTransactionResponse> response) {
        byte[] bytes = request.getTransaction().toByteArray();
        SignedTransaction signed;
        try {
            signed = new SignedTransaction(bytes, request.getSignature().toByteArray());
        } catch (IllegalArgumentException e) {
            response.onError(LedgerStatus.toStatus(e));
            return;
        }
        InstitutionId caller = PeerIdentity.current();
        TxId txId = TransactionCodec.txId(bytes);
        ledger.submitAsync(signed, txId, Optional.of(caller)).whenCompleteAsync((location, error) -> {
            if (error != null) {
                response.onError(LedgerStatus.toStatus(unwrap(error)));
            } else {
                response.onNext(committed(location, txId));
                response.onCompleted();
            }
        }, responses);
    }

    @Override
    public void submitTransactions(SubmitTransactionsRequest request,
            StreamObserver<SubmitTransactionsResponse> response) {
        int count = request.getTransactionsCount();
        if (count == 0) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("the batch holds no transaction")
                    .asRuntimeException());
            return;
        }
        if (count > MAX_BATCH_TRANSACTIONS) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("the batch holds " + count
                    + " transactions, over the limit of " + MAX_BATCH_TRANSACTIONS).asRuntimeException());
            return;
        }
        byte[] batchSignature = request.getBatchSignature().toByteArray();
        if (batchSignature.length != 0 && batchSignature.length != SignedTransaction.SIGNATURE_LENGTH) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("the batch signature has "
                    + batchSignature.length + " bytes, not " + SignedTransaction.SIGNATURE_LENGTH).asRuntimeException());
            return;
        }
        InstitutionId caller = PeerIdentity.current();
        TransactionResult[] results = new TransactionResult[count];
        TxId[] ids = new TxId[count];
        byte[][] bytesAt = new byte[count][];
        byte[][] digests = new byte[count][];
        List<byte[]> covered = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SubmitTransactionRequest entry = request.getTransactions(i);
            bytesAt[i] = entry.getTransaction().toByteArray();
            digests[i] = Sha256.digest(bytesAt[i]);
            ids[i] = TxId.of(Sha256.ofDigest(digests[i]));
            if (entry.getSignature().isEmpty()) {
                covered.add(digests[i]);
            }
        }
        if (batchSignature.length != 0 && covered.isEmpty()) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(
                    "the batch signature signs no transaction: every transaction has a signature of its own")
                    .asRuntimeException());
            return;
        }
        Optional<BatchEnvelope> envelope = batchSignature.length == 0 ? Optional.empty()
                : Optional.of(new BatchEnvelope(BatchEnvelope.join(covered), batchSignature));
        List<ChainLedger.Submission> accepted = new ArrayList<>(count);
        int[] acceptedAt = new int[count];
        Map<TxId, Integer> seen = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            SubmitTransactionRequest entry = request.getTransactions(i);
            TxId txId = ids[i];
            Integer first = seen.putIfAbsent(txId, i);
            if (first != null) {
                results[i] = refused(new LedgerRejectedException(txId, RefusalReason.DUPLICATE_TRANSACTION,
                        "transaction " + txId + " is also at index " + first + " of the batch"));
                continue;
            }
            Optional<String> problem = problem(bytesAt[i], entry.getSignature().size(), envelope.isPresent());
            if (problem.isPresent()) {
                results[i] = refused(new LedgerRejectedException(txId, RefusalReason.MALFORMED_TRANSACTION,
                        "at index " + i + " of the batch: " + problem.get()));
                continue;
            }
            acceptedAt[accepted.size()] = i;
            accepted.add(new ChainLedger.Submission(bytesAt[i],
                    entry.getSignature().isEmpty() ? null : entry.getSignature().toByteArray(), txId));
        }
        List<CompletableFuture<TxLocation>> outcomes = accepted.isEmpty()
                ? List.of() : ledger.submitAllAsync(accepted, envelope, Optional.of(caller));
        CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).whenCompleteAsync((ignored, failed) -> {
            for (int k = 0; k < outcomes.size(); k++) {
                int i = acceptedAt[k];
                CompletableFuture<TxLocation> outcome = outcomes.get(k);
                results[i] = outcome.isCompletedExceptionally()
                        ? failed(ids[i], outcome.handle((location, error) -> error).join())
                        : TransactionResult.newBuilder().setTxId(ids[i].value())
                                .setCommitted(committed(outcome.join(), ids[i])).build();
            }
            response.onNext(SubmitTransactionsResponse.newBuilder().addAllResults(Arrays.asList(results)).build());
            response.onCompleted();
        }, responses);
    }

    /** What is wrong with the form of a transaction of a batch, if anything. */
    private static Optional<String> problem(byte[] transaction, int signatureLength, boolean batchSigned) {
        if (transaction.length == 0 || transaction.length > TransactionCodec.MAX_BYTES) {
            return Optional.of("transaction has " + transaction.length + " bytes, outside 1.."
                    + TransactionCodec.MAX_BYTES);
        }
        if (signatureLength == 0 && !batchSigned) {
            return Optional.of("the transaction has no signature and the batch has no batch signature");
        }
        if (signatureLength != 0 && signatureLength != SignedTransaction.SIGNATURE_LENGTH) {
            return Optional.of("transaction signature has " + signatureLength + " bytes, not "
                    + SignedTransaction.SIGNATURE_LENGTH);
        }
        return Optional.empty();
    }

    private static SubmitTransactionResponse committed(TxLocation location, TxId txId) {
        return SubmitTransactionResponse.newBuilder()
                .setCommit(ProtoMapper.commit(location.committed(txId)))
                .setBlockNumber(location.block())
                .build();
    }

    private static TransactionResult refused(LedgerRejectedException refusal) {
        return TransactionResult.newBuilder()
                .setTxId(refusal.txId().value())
                .setRefusal(LedgerStatus.refusal(refusal))
                .build();
    }

    private static TransactionResult failed(TxId txId, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof LedgerRejectedException refusal) {
            return refused(refusal);
        }
        String detail = cause instanceof LedgerUnavailableException || cause instanceof LedgerStorageException
                ? cause.getMessage() : "the ledger failed: " + cause.getClass().getSimpleName();
        return TransactionResult.newBuilder().setTxId(txId.value()).setUnavailable(detail).build();
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    @Override
    public void getGrant(GetGrantRequest request, StreamObserver<GetGrantResponse> response) {
        answer(response, () -> ledger.reader().grant(GrantId.of(request.getGrantId()))
                .map(record -> GetGrantResponse.newBuilder().setGrant(ProtoMapper.grantRecord(record)).build()),
                "grant " + request.getGrantId() + " is not on the ledger");
    }

    @Override
    public void getReceipt(GetReceiptRequest request, StreamObserver<GetReceiptResponse> response) {
        answer(response, () -> ledger.reader().receipt(ReceiptId.of(request.getReceiptId()))
                .map(record -> GetReceiptResponse.newBuilder().setReceipt(ProtoMapper.receiptRecord(record)).build()),
                "receipt " + request.getReceiptId() + " is not on the ledger");
    }

    @Override
    public void getReceipts(GetReceiptsRequest request, StreamObserver<GetReceiptsResponse> response) {
        GetReceiptsResponse answer;
        try {
            int count = request.getReceiptIdsCount();
            if (count < 1 || count > MAX_BATCH_RECEIPTS) {
                throw new IllegalArgumentException("GetReceipts asks for " + count + " receipts, not 1.."
                        + MAX_BATCH_RECEIPTS);
            }
            Set<ReceiptId> ids = new LinkedHashSet<>();
            for (int i = 0; i < count; i++) {
                ids.add(ReceiptId.of(request.getReceiptIds(i)));
            }
            GetReceiptsResponse.Builder out = GetReceiptsResponse.newBuilder();
            for (ReceiptId id : ids) {
                ledger.reader().receipt(id).ifPresent(record -> out.addReceipts(ProtoMapper.receiptRecord(record)));
            }
            answer = out.build();
        } catch (RuntimeException e) {
            response.onError(LedgerStatus.toStatus(e));
            return;
        }
        response.onNext(answer);
        response.onCompleted();
    }

    @Override
    public void getTransaction(GetTransactionRequest request, StreamObserver<GetTransactionResponse> response) {
        answer(response, () -> {
            TxId txId = TxId.of(request.getTxId());
            return ((ChainReader) ledger.reader()).location(txId).map(location -> GetTransactionResponse.newBuilder()
                    .setCommit(ProtoMapper.commit(location.committed(txId)))
                    .setBlockNumber(location.block())
                    .build());
        }, "transaction " + request.getTxId() + " is not on the ledger");
    }

    @Override
    public void listReceiptsByGrant(ListReceiptsByGrantRequest request,
            StreamObserver<ListReceiptsByGrantResponse> response) {
        answer(response, () -> {
            ListReceiptsByGrantResponse.Builder out = ListReceiptsByGrantResponse.newBuilder();
            ledger.reader().receiptsByGrant(GrantId.of(request.getGrantId()))
                    .forEach(record -> out.addReceipts(ProtoMapper.receiptRecord(record)));
            return Optional.of(out.build());
        }, "");
    }

    @Override
    public void listGrantsByInstitution(ListGrantsByInstitutionRequest request,
            StreamObserver<ListGrantsByInstitutionResponse> response) {
        answer(response, () -> {
            Page<GrantRecord> page = ledger.reader().grantsByInstitution(InstitutionId.of(request.getInstitutionId()),
                    range(request.getFrom(), request.getUntil(), request.hasFrom(), request.hasUntil()),
                    pageRequest(request.getPageSize(), request.getPageToken()));
            ListGrantsByInstitutionResponse.Builder out = ListGrantsByInstitutionResponse.newBuilder();
            page.items().forEach(record -> out.addGrants(ProtoMapper.grantRecord(record)));
            page.next().ifPresent(token -> out.setNextPageToken(token.value()));
            return Optional.of(out.build());
        }, "");
    }

    @Override
    public void listReceiptsByInstitution(ListReceiptsByInstitutionRequest request,
            StreamObserver<ListReceiptsByInstitutionResponse> response) {
        answer(response, () -> {
            Page<ReceiptRecord> page = ledger.reader().receiptsByInstitution(
                    InstitutionId.of(request.getInstitutionId()),
                    range(request.getFrom(), request.getUntil(), request.hasFrom(), request.hasUntil()),
                    pageRequest(request.getPageSize(), request.getPageToken()));
            ListReceiptsByInstitutionResponse.Builder out = ListReceiptsByInstitutionResponse.newBuilder();
            page.items().forEach(record -> out.addReceipts(ProtoMapper.receiptRecord(record)));
            page.next().ifPresent(token -> out.setNextPageToken(token.value()));
            return Optional.of(out.build());
        }, "");
    }

    @Override
    public void listEvents(ListEventsRequest request, StreamObserver<ListEventsResponse> response) {
        answer(response, () -> {
            EventPage page = ledger.reader().events(EventCheckpoint.after(request.getAfterSequence()),
                    request.getMaxEvents());
            ListEventsResponse.Builder out = ListEventsResponse.newBuilder().setNextSequence(page.next().sequence());
            page.events().forEach(event -> out.addEvents(ProtoMapper.event(event)));
            return Optional.of(out.build());
        }, "");
    }

    private static TimeRange range(com.google.protobuf.Timestamp from, com.google.protobuf.Timestamp until,
            boolean hasFrom, boolean hasUntil) {
        TimeRange all = TimeRange.all();
        Instant start = hasFrom ? ProtoMapper.instant(from, "from") : all.from();
        Instant end = hasUntil ? ProtoMapper.instant(until, "until") : all.until();
        return TimeRange.between(start, end);
    }

    private static PageRequest pageRequest(int size, String token) {
        return token.isEmpty() ? PageRequest.first(size) : PageRequest.after(PageToken.of(token), size);
    }

    /** Runs a read; an empty answer is NOT_FOUND with {@code notFound} as its description. */
    private static <T> void answer(StreamObserver<T> response, ReadCall<T> call, String notFound) {
        Optional<T> result;
        try {
            result = call.run();
        } catch (RuntimeException e) {
            response.onError(LedgerStatus.toStatus(e));
            return;
        }
        if (result.isEmpty()) {
            response.onError(Status.NOT_FOUND.withDescription(notFound).asRuntimeException());
        } else {
            response.onNext(result.get());
            response.onCompleted();
        }
    }

    @FunctionalInterface
    private interface ReadCall<T> {
        Optional<T> run();
    }
}
