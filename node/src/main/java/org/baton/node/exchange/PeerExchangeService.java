package org.baton.node.exchange;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.baton.ledger.GrantId;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.Scope;
import org.baton.proto.v1.DeliverRecordsRequest;
import org.baton.proto.v1.DeliverRecordsResponse;
import org.baton.proto.v1.GetDiscrepancyAnswerRequest;
import org.baton.proto.v1.GetDiscrepancyAnswerResponse;
import org.baton.proto.v1.NotifyGrantRequest;
import org.baton.proto.v1.NotifyGrantResponse;
import org.baton.proto.v1.PeerExchangeGrpc;
import org.baton.proto.v1.PullError;
import org.baton.proto.v1.ReportDiscrepancyRequest;
import org.baton.proto.v1.ReportDiscrepancyResponse;
import org.baton.proto.v1.RequestRecordsBatchRequest;
import org.baton.proto.v1.RequestRecordsBatchResponse;
import org.baton.proto.v1.RequestRecordsRequest;
import org.baton.proto.v1.RequestRecordsResponse;
import org.baton.proto.v1.RequestRecordsResult;
import org.baton.trust.InstitutionId;
import org.baton.trust.PeerIdentity;

/**
 * The {@code PeerExchange} gRPC service: reads the caller from mutual TLS, converts the request, calls the
 * {@link PeerHandler} once, converts the answer; errors go through {@link ExchangeErrors}. Must be served behind
 * the consortium's peer authenticator.
 */
final class PeerExchangeService extends PeerExchangeGrpc.PeerExchangeImplBase {

    /** The most sources a notification may name (institutions a student attended). */
    static final int MAX_SOURCES = 64;

    /** The most pulls one {@code RequestRecordsBatch} call may carry. */
    static final int MAX_BATCH_PULLS = 64;

    /** The most a batch's answer carries, well under the message limit the caller accepts. */
    static final int BATCH_ANSWER_BYTES = ExchangeModule.MAX_MESSAGE_BYTES - (1 << 20);

    private final PeerHandler handler;

    PeerExchangeService(PeerHandler handler) {
        this.handler = handler;
    }

    @Override
    public void notifyGrant(NotifyGrantRequest request, StreamObserver<NotifyGrantResponse> response) {
        answer(response, () -> {
            InstitutionId caller = PeerIdentity.current();
            GrantId grant = grantId(request.getGrantId(), "grant_id");
            if (!request.hasOpening()) {
                throw new InvalidExchangeRequestException("opening is missing");
            }
            if (request.getSourcesCount() > MAX_SOURCES) {
                throw new InvalidExchangeRequestException("sources: " + request.getSourcesCount()
                        + " institutions, over the limit of " + MAX_SOURCES);
            }
            List<InstitutionId> sources = new ArrayList<>(request.getSourcesCount());
            for (int i = 0; i < request.getSourcesCount(); i++) {
                try {
                    sources.add(InstitutionId.of(request.getSources(i)));
                } catch (IllegalArgumentException e) {
                    throw new InvalidExchangeRequestException("sources[" + i + "]: " + e.getMessage());
                }
            }
            boolean held = handler.notifyGrant(caller, grant, Opening.fromProto(request.getOpening(), "opening"),
                    sources);
            return NotifyGrantResponse.newBuilder().setStudentHeld(held).build();
        });
    }

    @Override
    public void requestRecords(RequestRecordsRequest request, StreamObserver<RequestRecordsResponse> response) {
        answer(response, () -> {
            InstitutionId caller = PeerIdentity.current();
            PeerHandler.Pull pull = pull(request);
            PeerClient.Pulled pulled = handler.requestRecords(caller, pull.requestId(), pull.grant(), pull.scopes(),
                    pull.opening());
            return records(pulled);
        });
    }

    @Override
    public void requestRecordsBatch(RequestRecordsBatchRequest request,
            StreamObserver<RequestRecordsBatchResponse> response) {
        answer(response, () -> {
            InstitutionId caller = PeerIdentity.current();
            int count = request.getRequestsCount();
            if (count == 0 || count > MAX_BATCH_PULLS) {
                throw new InvalidExchangeRequestException("requests: " + count + " pulls, not 1.." + MAX_BATCH_PULLS);
            }
            RequestRecordsResult[] results = new RequestRecordsResult[count];
            List<Integer> valid = new ArrayList<>(count);
            List<PeerHandler.Pull> pulls = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                try {
                    pulls.add(pull(request.getRequests(i)));
                    valid.add(i);
                } catch (InvalidExchangeRequestException e) {
                    results[i] = error(new InvalidExchangeRequestException("requests[" + i + "]: " + e.getMessage()));
                }
            }
            List<PeerHandler.Served> served = pulls.isEmpty()
                    ? List.of()
                    : handler.requestRecordsBatch(caller, pulls, request.getBatchSignatures());
            for (int at = 0; at < valid.size(); at++) {
                PeerHandler.Served outcome = served.get(at);
                results[valid.get(at)] = outcome.pulled().isPresent()
                        ? RequestRecordsResult.newBuilder().setRecords(records(outcome.pulled().get())).build()
                        : error(outcome.error().orElseThrow());
            }
            // Packages that would take the answer over the message limit are handed out by a call of their own: the
            // caller asks again with the same request id and gets the same package.
            long size = 0;
            for (int i = 0; i < count; i++) {
                size += results[i].getSerializedSize() + 8;
                if (size > BATCH_ANSWER_BYTES && results[i].hasRecords()) {
                    results[i] = RequestRecordsResult.newBuilder().setError(PullError.newBuilder()
                            .setCode(Status.Code.RESOURCE_EXHAUSTED.value())
                            .setMessage("the batch's answer is full: ask for this package alone")).build();
                }
            }
            return RequestRecordsBatchResponse.newBuilder().addAllResults(Arrays.asList(results)).build();
        });
    }

    /** A pull request checked field by field. */
    private static PeerHandler.Pull pull(RequestRecordsRequest request) {
        if (!Hex128.isValid(request.getRequestId())) {
            throw new InvalidExchangeRequestException("request_id is not 32 lowercase hex digits");
        }
        GrantId grant = grantId(request.getGrantId(), "grant_id");
        Set<Scope> scopes;
        try {
            scopes = ExchangeProtos.scopesFromProto(request.getScopesList(), "scopes");
        } catch (IllegalArgumentException e) {
            throw new InvalidExchangeRequestException(e.getMessage());
        }
        Optional<Opening> opening = request.hasOpening()
                ? Optional.of(Opening.fromProto(request.getOpening(), "opening"))
                : Optional.empty();
        return new PeerHandler.Pull(request.getRequestId(), grant, scopes, opening);
    }

    private static RequestRecordsResponse records(PeerClient.Pulled pulled) {
        return RequestRecordsResponse.newBuilder()
                .setPackage(pulled.pkg())
                .setReceiptId(pulled.receipt().value())
                .build();
    }

    /** A pull's error as the status its own call would have ended with. */
    private static RequestRecordsResult error(RuntimeException e) {
        Status status = ExchangeErrors.toStatus(e).getStatus();
        return RequestRecordsResult.newBuilder().setError(PullError.newBuilder()
                .setCode(status.getCode().value())
                .setMessage(status.getDescription() == null ? "" : status.getDescription()))
                .build();
    }

    @Override
    public void deliverRecords(DeliverRecordsRequest request, StreamObserver<DeliverRecordsResponse> response) {
        answer(response, () -> {
            InstitutionId caller = PeerIdentity.current();
            ReceiptId receipt;
            try {
                receipt = ReceiptId.of(request.getReceiptId());
            } catch (IllegalArgumentException e) {
                throw new InvalidExchangeRequestException("receipt_id: " + e.getMessage());
            }
            if (!request.hasPackage()) {
                throw new InvalidExchangeRequestException("package is missing");
            }
            boolean duplicate = handler.deliverRecords(caller, request.getPackage(), receipt);
            return DeliverRecordsResponse.newBuilder().setDuplicate(duplicate).build();
        });
    }

    @Override
    public void reportDiscrepancy(ReportDiscrepancyRequest request,
            StreamObserver<ReportDiscrepancyResponse> response) {
        answer(response, () -> {
            InstitutionId caller = PeerIdentity.current();
            if (!Hex128.isValid(request.getReportId())) {
                throw new InvalidExchangeRequestException("report_id is not 32 lowercase hex digits");
            }
            ReceiptId receipt;
            try {
                receipt = ReceiptId.of(request.getReceiptId());
            } catch (IllegalArgumentException e) {
                throw new InvalidExchangeRequestException("receipt_id: " + e.getMessage());
            }
            if (request.getText().isBlank()) {
                throw new InvalidExchangeRequestException("text is empty");
            }
            if (request.getText().length() > DiscrepancyReports.MAX_TEXT) {
                throw new InvalidExchangeRequestException("text is longer than " + DiscrepancyReports.MAX_TEXT
                        + " characters");
            }
            boolean duplicate = handler.reportDiscrepancy(caller, request.getReportId(), receipt, request.getText());
            return ReportDiscrepancyResponse.newBuilder().setDuplicate(duplicate).build();
        });
    }

    @Override
    public void getDiscrepancyAnswer(GetDiscrepancyAnswerRequest request,
            StreamObserver<GetDiscrepancyAnswerResponse> response) {
        answer(response, () -> {
            InstitutionId caller = PeerIdentity.current();
            if (!Hex128.isValid(request.getReportId())) {
                throw new InvalidExchangeRequestException("report_id is not 32 lowercase hex digits");
            }
            return handler.discrepancyAnswer(caller, request.getReportId()).toProto();
        });
    }

    private static GrantId grantId(String value, String field) {
        try {
            return GrantId.of(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidExchangeRequestException(field + ": " + e.getMessage());
        }
    }

    private static <T> void answer(StreamObserver<T> response, Supplier<T> call) {
        T value;
        try {
            value = call.get();
        } catch (RuntimeException e) {
            response.onError(ExchangeErrors.toStatus(e));
            return;
        }
        response.onNext(value);
        response.onCompleted();
    }
}
