package org.baton.node;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.baton.node.exchange.ExchangeState;
import org.baton.node.exchange.ExchangeStatus;
import org.baton.node.portal.accounts.Accounts;
import org.baton.node.portal.accounts.Role;
import org.baton.node.student.StudentId;
import org.baton.node.store.CheckpointException;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoreClosedException;
import org.baton.proto.v1.CreateCheckpointRequest;
import org.baton.proto.v1.CreateCheckpointResponse;
import org.baton.proto.v1.GetStatusRequest;
import org.baton.proto.v1.GetStatusResponse;
import org.baton.proto.v1.IssueAccountRequest;
import org.baton.proto.v1.IssueAccountResponse;
import org.baton.proto.v1.NodeAdminGrpc;
import org.baton.proto.v1.PeerRetry;

/** The NodeAdmin service (admin.proto): thin, maps store failures to statuses in one place. */
final class NodeAdminService extends NodeAdminGrpc.NodeAdminImplBase {

    private final NodeTrust trust;
    private final RecordStore store;
    private final NodeEvents events;
    private final String version;
    private final Supplier<InetSocketAddress> peerAddress;
    private final Supplier<Instant> startedAt;
    private final Optional<Supplier<ExchangeStatus>> exchange;
    private final Optional<Accounts> portalAccounts;
    private final Supplier<Optional<String>> portalUrl;

    NodeAdminService(NodeTrust trust, RecordStore store, NodeEvents events, String version,
            Supplier<InetSocketAddress> peerAddress, Supplier<Instant> startedAt,
            Optional<Supplier<ExchangeStatus>> exchange, Optional<Accounts> portalAccounts,
            Supplier<Optional<String>> portalUrl) {
        this.trust = trust;
        this.store = store;
        this.events = events;
        this.version = version;
        this.peerAddress = peerAddress;
        this.startedAt = startedAt;
        this.exchange = exchange;
        this.portalAccounts = portalAccounts;
        this.portalUrl = portalUrl;
    }

    @Override
    public void getStatus(GetStatusRequest request, StreamObserver<GetStatusResponse> response) {
        try {
            Instant started = startedAt.get();
            GetStatusResponse.Builder status = GetStatusResponse.newBuilder();
            exchange.ifPresent(supplier -> status.setExchange(exchangeStatus(supplier.get())));
            response.onNext(status
                    .setInstitutionId(trust.self().id().value())
                    .setDisplayName(trust.self().displayName())
                    .setPeerEndpoint(NodeEvents.format(peerAddress.get()))
                    .setStartedAt(Timestamp.newBuilder()
                            .setSeconds(started.getEpochSecond()).setNanos(started.getNano()))
                    .setStoreSchemaVersion(store.schemaVersion())
                    .setStudentCount(store.studentCount())
                    .setConsortiumMembers(trust.consortium().members().size())
                    .setVersion(version)
                    .setPortalUrl(portalUrl.get().orElse(""))
                    .build());
            response.onCompleted();
        } catch (RuntimeException e) {
            response.onError(statusOf(e).asRuntimeException());
        }
    }

    @Override
    public void createCheckpoint(CreateCheckpointRequest request, StreamObserver<CreateCheckpointResponse> response) {
        Path target;
        try {
            target = Path.of(request.getPath());
        } catch (InvalidPathException e) {
            response.onError(Status.INVALID_ARGUMENT
                    .withDescription("path '" + request.getPath() + "' is not a valid path: " + e.getReason())
                    .asRuntimeException());
            return;
        }
        if (request.getPath().isEmpty() || !target.isAbsolute()) {
            response.onError(Status.INVALID_ARGUMENT
                    .withDescription("path '" + request.getPath() + "' is not absolute").asRuntimeException());
            return;
        }
        if (Files.exists(target)) {
            response.onError(Status.ALREADY_EXISTS
                    .withDescription("path '" + target + "' already exists").asRuntimeException());
            return;
        }
        try {
            store.createCheckpoint(target);
            events.checkpointCreated(target);
            response.onNext(CreateCheckpointResponse.newBuilder().setPath(target.toString()).build());
            response.onCompleted();
        } catch (RuntimeException e) {
            response.onError(statusOf(e).asRuntimeException());
        }
    }

    @Override
    public void issueAccount(IssueAccountRequest request, StreamObserver<IssueAccountResponse> response) {
        if (portalAccounts.isEmpty()) {
            response.onError(Status.FAILED_PRECONDITION.withDescription("this node serves no portal; add a portal "
                    + "section to its config").asRuntimeException());
            return;
        }
        Role role = switch (request.getRole()) {
            case PORTAL_ROLE_STUDENT -> Role.STUDENT;
            case PORTAL_ROLE_GUARDIAN -> Role.GUARDIAN;
            case PORTAL_ROLE_COUNSELOR -> Role.COUNSELOR;
            case PORTAL_ROLE_REGISTRAR -> Role.REGISTRAR;
            case PORTAL_ROLE_ADMIN -> Role.ADMIN;
            case PORTAL_ROLE_AUDITOR -> Role.AUDITOR;
            case PORTAL_ROLE_UNSPECIFIED, UNRECOGNIZED -> null;
        };
        if (role == null) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("role is not set (one of student, guardian, "
                    + "counselor, registrar, admin, auditor)").asRuntimeException());
            return;
        }
        try {
            Set<StudentId> students = new LinkedHashSet<>();
            for (long value : request.getStudentIdsList()) {
                StudentId student;
                try {
                    student = new StudentId(value);
                } catch (IllegalArgumentException e) {
                    response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
                    return;
                }
                if (store.student(student).isEmpty()) {
                    response.onError(Status.NOT_FOUND.withDescription("student " + student + " is not in this node's "
                            + "store").asRuntimeException());
                    return;
                }
                students.add(student);
            }
            Accounts.IssuedAccount issued = portalAccounts.get().issue(role, request.getDisplayName(), students);
            response.onNext(IssueAccountResponse.newBuilder()
                    .setAccountId(issued.account().id().value())
                    .setActivationCode(issued.activationCode())
                    .build());
            response.onCompleted();
        } catch (RuntimeException e) {
            response.onError(statusOf(e).asRuntimeException());
        }
    }

    private static org.baton.proto.v1.ExchangeStatus exchangeStatus(ExchangeStatus status) {
        org.baton.proto.v1.ExchangeStatus.Builder out = org.baton.proto.v1.ExchangeStatus.newBuilder()
                .setQueuedReceipts(status.queuedReceipts())
                .setQueuedAcknowledgments(status.queuedAcknowledgments())
                .setQueuedNotifications(status.queuedNotifications())
                .setQueuedGrants(status.queuedGrants())
                .setLedgerReachable(status.ledgerReachable())
                .setLedgerError(status.ledgerError().orElse(""))
                .setCompleted(status.settled())
                .setFailed(status.failed());
        for (Map.Entry<ExchangeState, Long> entry : status.unfinishedByState().entrySet()) {
            out.putUnfinishedByState(entry.getKey().name(), entry.getValue());
        }
        for (ExchangeStatus.PeerRetry peer : status.peers()) {
            out.addPeers(PeerRetry.newBuilder()
                    .setInstitutionId(peer.peer().value())
                    .setConsecutiveFailures(peer.consecutiveFailures())
                    .setLastError(peer.lastError())
                    .setLastFailureAt(timestamp(peer.lastFailureAt()))
                    .setNextAttemptAt(timestamp(peer.nextAttemptAt())));
        }
        return out.build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static Status statusOf(RuntimeException e) {
        if (e instanceof StoreClosedException) {
            return Status.UNAVAILABLE.withDescription("the node is shutting down").withCause(e);
        }
        if (e instanceof IllegalArgumentException) {
            return Status.INVALID_ARGUMENT.withDescription(e.getMessage()).withCause(e);
        }
        if (e instanceof CheckpointException) {
            return Status.FAILED_PRECONDITION.withDescription(e.getMessage()).withCause(e);
        }
        return Status.INTERNAL.withDescription(e.getClass().getSimpleName() + ": " + e.getMessage()).withCause(e);
    }
}
