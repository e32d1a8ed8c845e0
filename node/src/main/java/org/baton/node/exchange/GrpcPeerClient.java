package org.baton.node.exchange;

import io.grpc.ConnectivityState;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.baton.ledger.GrantId;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.Scope;
import org.baton.proto.v1.DeliverRecordsRequest;
import org.baton.proto.v1.DeliverRecordsResponse;
import org.baton.proto.v1.NotifyGrantRequest;
import org.baton.proto.v1.NotifyGrantResponse;
import org.baton.proto.v1.PeerExchangeGrpc;
import org.baton.proto.v1.GetDiscrepancyAnswerRequest;
import org.baton.proto.v1.GetDiscrepancyAnswerResponse;
import org.baton.proto.v1.ReportDiscrepancyRequest;
import org.baton.proto.v1.RequestRecordsRequest;
import org.baton.proto.v1.SignedPackage;
import org.baton.trust.Consortium;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.InstitutionId;
import org.baton.trust.Member;
import org.baton.trust.MutualTls;

/**
 * {@link PeerClient} over grpc-java with mutual TLS: one channel per peer, opened on first use and kept (so a TLS
 * handshake is paid once per peer, not per call), each call under a deadline. The peer's endpoint and TLS
 * certificate come from the consortium file. Pulls to one source go together in batch calls ({@link PullBatcher}).
 */
final class GrpcPeerClient implements PeerClient {

    static final int MAX_MESSAGE_BYTES = ExchangeModule.MAX_MESSAGE_BYTES;

    private final InstitutionCredentials own;
    private final Consortium consortium;
    private final Duration deadline;
    private final Map<InstitutionId, ManagedChannel> channels = new ConcurrentHashMap<>();
    private final PullBatcher pulls;
    private volatile boolean closed;

    GrpcPeerClient(InstitutionCredentials own, Consortium consortium, Duration deadline) {
        this.own = own;
        this.consortium = consortium;
        this.deadline = deadline;
        this.pulls = new PullBatcher(peer -> PeerExchangeGrpc.newStub(channel(peer))
                .withMaxOutboundMessageSize(MAX_MESSAGE_BYTES), deadline);
    }

    private PeerExchangeGrpc.PeerExchangeBlockingStub stub(InstitutionId peer) {
        return PeerExchangeGrpc.newBlockingStub(channel(peer))
                .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
                .withMaxOutboundMessageSize(MAX_MESSAGE_BYTES);
    }

    private ManagedChannel channel(InstitutionId peer) {
        if (closed) {
            throw new PeerUnavailableException(peer, "this node is shutting down", null);
        }
        ManagedChannel channel = channels.computeIfAbsent(peer, id -> {
            Member member = consortium.member(id).orElseThrow(() -> new PeerRefusedException(id,
                    PeerRefusedException.Kind.OTHER, "not a member of the consortium file"));
            return Grpc.newChannelBuilderForAddress(member.endpoint().host(), member.endpoint().port(),
                            MutualTls.channelCredentials(own, member))
                    .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                    .build();
        });
        if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
            // The engine paces retries itself (Backoffs); do not let the channel's own reconnect backoff, which grows
            // to two minutes, keep a peer that is back unreachable.
            channel.resetConnectBackoff();
        }
        return channel;
    }

    @Override
    public boolean notifyGrant(InstitutionId party, GrantId grant, Opening opening, List<InstitutionId> sources) {
        NotifyGrantRequest request = NotifyGrantRequest.newBuilder()
                .setGrantId(grant.value())
                .setOpening(opening.toProto())
                .addAllSources(sources.stream().map(InstitutionId::value).toList())
                .build();
        NotifyGrantResponse response;
        try {
            response = Blocking.call(() -> stub(party).notifyGrant(request));
        } catch (StatusRuntimeException e) {
            throw ExchangeErrors.fromStatus(party, e);
        }
        return response.getStudentHeld();
    }

    @Override
    public Pulled requestRecords(InstitutionId source, ExchangeId requestId, GrantId grant, Set<Scope> scopes,
            Optional<Opening> opening) {
        try {
            return requestRecordsAsync(source, requestId, grant, scopes, opening).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public CompletableFuture<Pulled> requestRecordsAsync(InstitutionId source, ExchangeId requestId, GrantId grant,
            Set<Scope> scopes, Optional<Opening> opening) {
        RequestRecordsRequest.Builder request = RequestRecordsRequest.newBuilder()
                .setRequestId(requestId.value())
                .setGrantId(grant.value())
                .addAllScopes(ExchangeProtos.scopesToProto(scopes));
        opening.ifPresent(o -> request.setOpening(o.toProto()));
        return pulls.pullAsync(source, request.build()).handle((response, error) -> {
            Throwable cause = ExchangeErrors.unwrap(error);
            if (cause instanceof StatusRuntimeException status) {
                throw ExchangeErrors.fromStatus(source, status);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause != null) {
                throw new CompletionException(cause);
            }
            ReceiptId receipt;
            try {
                receipt = ReceiptId.of(response.getReceiptId());
            } catch (IllegalArgumentException e) {
                throw new PeerRefusedException(source, PeerRefusedException.Kind.OTHER,
                        "answered with a malformed receipt id: " + e.getMessage());
            }
            return new Pulled(response.getPackage(), receipt);
        });
    }

    @Override
    public boolean deliverRecords(InstitutionId recipient, SignedPackage pkg, ReceiptId receipt) {
        DeliverRecordsRequest request = DeliverRecordsRequest.newBuilder()
                .setPackage(pkg)
                .setReceiptId(receipt.value())
                .build();
        DeliverRecordsResponse response;
        try {
            response = Blocking.call(() -> stub(recipient).deliverRecords(request));
        } catch (StatusRuntimeException e) {
            throw ExchangeErrors.fromStatus(recipient, e);
        }
        return response.getDuplicate();
    }

    @Override
    public boolean reportDiscrepancy(InstitutionId source, String reportId, ReceiptId receipt, String text) {
        ReportDiscrepancyRequest request = ReportDiscrepancyRequest.newBuilder()
                .setReportId(reportId)
                .setReceiptId(receipt.value())
                .setText(text)
                .build();
        try {
            return Blocking.call(() -> stub(source).reportDiscrepancy(request)).getDuplicate();
        } catch (StatusRuntimeException e) {
            throw ExchangeErrors.fromStatus(source, e);
        }
    }

    @Override
    public DiscrepancyAnswer discrepancyAnswer(InstitutionId source, String reportId) {
        GetDiscrepancyAnswerResponse response;
        try {
            response = Blocking.call(() -> stub(source).getDiscrepancyAnswer(GetDiscrepancyAnswerRequest.newBuilder()
                    .setReportId(reportId).build()));
        } catch (StatusRuntimeException e) {
            throw ExchangeErrors.fromStatus(source, e);
        }
        return DiscrepancyAnswer.fromProto(source, response);
    }

    /** Gathers this node's pulls into batch calls. */
    PullBatcher pulls() {
        return pulls;
    }

    /** Shuts every channel down. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (ManagedChannel channel : channels.values()) {
            channel.shutdown();
        }
        for (ManagedChannel channel : channels.values()) {
            try {
                if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                    channel.shutdownNow();
                }
            } catch (InterruptedException e) {
                channel.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        channels.clear();
    }
}
