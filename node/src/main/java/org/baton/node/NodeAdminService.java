package org.baton.node;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.baton.ledger.GrantId;
import org.baton.ledger.LedgerUnavailableException;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.ledger.Verdict;
import org.baton.node.exchange.BasisNotApplicableException;
import org.baton.node.exchange.CalGrantUploadReport;
import org.baton.node.exchange.ConsentRefusedException;
import org.baton.node.exchange.ExchangeId;
import org.baton.node.exchange.ExchangeModule;
import org.baton.node.exchange.ExchangeState;
import org.baton.node.exchange.ExchangeStatus;
import org.baton.node.exchange.ExchangeView;
import org.baton.node.exchange.Exchanges;
import org.baton.node.exchange.InvalidExchangeRequestException;
import org.baton.node.exchange.OpeningMissingException;
import org.baton.node.exchange.PackageId;
import org.baton.node.exchange.StudentNotHeldException;
import org.baton.node.exchange.UnknownGrantException;
import org.baton.node.portal.accounts.Accounts;
import org.baton.node.portal.accounts.Role;
import org.baton.node.student.Ssid;
import org.baton.node.student.StudentId;
import org.baton.node.quality.ReceivedQuality;
import org.baton.node.store.CheckpointException;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoreClosedException;
import org.baton.node.store.StoreException;
import org.baton.proto.v1.CreateCheckpointRequest;
import org.baton.proto.v1.ExchangeSummary;
import org.baton.proto.v1.GetGrantSourcesRequest;
import org.baton.proto.v1.GetGrantSourcesResponse;
import org.baton.proto.v1.GetReadinessRequest;
import org.baton.proto.v1.GetReadinessResponse;
import org.baton.proto.v1.ListExchangesRequest;
import org.baton.proto.v1.ListExchangesResponse;
import org.baton.proto.v1.PullRecordsRequest;
import org.baton.proto.v1.PullRecordsResponse;
import org.baton.proto.v1.UploadCalGrantGpasRequest;
import org.baton.proto.v1.UploadCalGrantGpasResponse;
import org.baton.proto.v1.CreateCheckpointResponse;
import org.baton.proto.v1.GetStatusRequest;
import org.baton.proto.v1.GetStatusResponse;
import org.baton.proto.v1.IssueAccountRequest;
import org.baton.proto.v1.IssueAccountResponse;
import org.baton.proto.v1.NodeAdminGrpc;
import org.baton.proto.v1.PeerRetry;
import org.baton.trust.InstitutionId;

/** The NodeAdmin service (admin.proto): thin, maps store failures to statuses in one place. */
final class NodeAdminService extends NodeAdminGrpc.NodeAdminImplBase {

    /** Whose "today" a readiness evaluation without a date uses. */
    private static final ZoneId CALIFORNIA = ZoneId.of("America/Los_Angeles");

    private final NodeTrust trust;
    private final RecordStore store;
    private final NodeEvents events;
    private final String version;
    private final Supplier<InetSocketAddress> peerAddress;
    private final Supplier<Instant> startedAt;
    private final Optional<ExchangeModule> exchange;
    private final Optional<Accounts> portalAccounts;
    private final Supplier<Optional<String>> portalUrl;
    private final StudentReadiness readiness;
    private final Optional<ReceivedQuality> receivedQuality;
    private final Clock clock;

    NodeAdminService(NodeTrust trust, RecordStore store, NodeEvents events, String version,
            Supplier<InetSocketAddress> peerAddress, Supplier<Instant> startedAt,
            Optional<ExchangeModule> exchange, Optional<Accounts> portalAccounts,
            Supplier<Optional<String>> portalUrl, StudentReadiness readiness, Optional<ReceivedQuality> receivedQuality,
            Clock clock) {
        this.readiness = readiness;
        this.receivedQuality = receivedQuality;
        this.clock = clock;
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
            exchange.ifPresent(module -> status.setExchange(exchangeStatus(module.exchanges().status())));
            receivedQuality.map(ReceivedQuality::counts).filter(counts -> status.hasExchange())
                    .ifPresent(counts -> status.getExchangeBuilder()
                            .setReceivedAwaitingCheck(counts.waiting())
                            .setReceivedOpenFindings(counts.open())
                            .setReceivedPackagesWithFindings(counts.packages()));
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

    @Override
    public void getReadiness(GetReadinessRequest request, StreamObserver<GetReadinessResponse> response) {
        Ssid ssid;
        try {
            ssid = Ssid.of(request.getSsid());
        } catch (IllegalArgumentException e) {
            // The message gives the length only, never the digits.
            response.onError(invalid("ssid: " + e.getMessage()));
            return;
        }
        LocalDate asOf;
        if (request.getAsOf().isEmpty()) {
            asOf = LocalDate.ofInstant(clock.instant(), CALIFORNIA);
        } else {
            try {
                asOf = LocalDate.parse(request.getAsOf());
            } catch (DateTimeParseException e) {
                response.onError(invalid("as_of '" + request.getAsOf() + "' is not a YYYY-MM-DD date"));
                return;
            }
        }
        try {
            Optional<GetReadinessResponse> evaluated = readiness.evaluate(ssid, asOf);
            if (evaluated.isEmpty()) {
                response.onError(Status.NOT_FOUND.withDescription("this node holds no record of the student, "
                        + "neither its own nor received").asRuntimeException());
                return;
            }
            response.onNext(evaluated.get());
            response.onCompleted();
        } catch (RuntimeException e) {
            response.onError(statusOf(e).asRuntimeException());
        }
    }

    @Override
    public void uploadCalGrantGpas(UploadCalGrantGpasRequest request,
            StreamObserver<UploadCalGrantGpasResponse> response) {
        if (request.getAcademicYear() < 2000 || request.getAcademicYear() > 2100) {
            response.onError(invalid("academic_year " + request.getAcademicYear() + " is outside 2000..2100"));
            return;
        }
        if (exchange.isEmpty()) {
            response.onError(noExchange());
            return;
        }
        try {
            CalGrantUploadReport report = exchange.get().exchanges().uploadCalGrantGpas(request.getAcademicYear());
            events.calGrantUploadQueued(report.academicYear(), report.queued().size(), report.alreadyUploaded(),
                    report.optedOut(), report.withoutGpa().size());
            response.onNext(UploadCalGrantGpasResponse.newBuilder()
                    .setAcademicYear(report.academicYear())
                    .addAllExchangeIds(report.queued().stream().map(ExchangeId::value).toList())
                    .setAlreadyUploaded(report.alreadyUploaded())
                    .setOptedOut(report.optedOut())
                    .setWithoutGpa(report.withoutGpa().size())
                    .build());
            response.onCompleted();
        } catch (RuntimeException e) {
            response.onError(statusOf(e).asRuntimeException());
        }
    }

    @Override
    public void pullRecords(PullRecordsRequest request, StreamObserver<PullRecordsResponse> response) {
        GrantId grant;
        InstitutionId source;
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        try {
            grant = GrantId.of(request.getGrantId());
        } catch (IllegalArgumentException | NullPointerException e) {
            response.onError(invalid("grant_id: " + e.getMessage()));
            return;
        }
        try {
            source = InstitutionId.of(request.getSourceInstitutionId());
        } catch (IllegalArgumentException | NullPointerException e) {
            response.onError(invalid("source_institution_id: " + e.getMessage()));
            return;
        }
        if (request.getScopesCount() == 0) {
            response.onError(invalid("scopes is empty: name at least one (e.g. TRANSCRIPT)"));
            return;
        }
        for (int i = 0; i < request.getScopesCount(); i++) {
            try {
                scopes.add(Scope.valueOf(request.getScopes(i)));
            } catch (IllegalArgumentException e) {
                response.onError(invalid("scopes[" + i + "] '" + request.getScopes(i) + "' is not a scope (one of "
                        + java.util.Arrays.toString(Scope.values()) + ")"));
                return;
            }
        }
        if (request.getWaitMillis() < 1 || request.getWaitMillis() > 60_000) {
            response.onError(invalid("wait_millis " + request.getWaitMillis() + " is outside 1..60000"));
            return;
        }
        if (exchange.isEmpty()) {
            response.onError(noExchange());
            return;
        }
        Exchanges exchanges = exchange.get().exchanges();
        try {
            ExchangeId id;
            try {
                id = exchanges.pull(grant, source, scopes);
            } catch (ConsentRefusedException e) {
                response.onNext(PullRecordsResponse.newBuilder().setState(ExchangeState.REFUSED.name())
                        .setSettled(true).setFailure(e.getMessage()).setRefusedBy(trust.self().id().value()).build());
                response.onCompleted();
                return;
            }
            ExchangeView view;
            boolean settled;
            try {
                view = exchanges.whenSettled(id).toCompletableFuture()
                        .get(request.getWaitMillis(), TimeUnit.MILLISECONDS);
                settled = true;
            } catch (TimeoutException e) {
                view = exchanges.exchange(id).orElseThrow();
                settled = false;
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException("exchange " + id + " failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                response.onError(Status.CANCELLED.withDescription("interrupted while waiting for exchange " + id)
                        .asRuntimeException());
                return;
            }
            PullRecordsResponse.Builder out = PullRecordsResponse.newBuilder()
                    .setExchangeId(id.value())
                    .setState(view.state().name())
                    .setSettled(settled)
                    .setFailure(view.failure().orElse(""))
                    .setPackageId(view.packageId().map(PackageId::value).orElse(""));
            if (view.state() == ExchangeState.REFUSED) {
                out.setRefusedBy(source.value());
            }
            response.onNext(out.build());
            response.onCompleted();
        } catch (InvalidExchangeRequestException e) {
            response.onError(invalid(e.getMessage()));
        } catch (RuntimeException e) {
            response.onError(statusOf(e).asRuntimeException());
        }
    }

    @Override
    public void getGrantSources(GetGrantSourcesRequest request, StreamObserver<GetGrantSourcesResponse> response) {
        GrantId grant;
        try {
            grant = GrantId.of(request.getGrantId());
        } catch (IllegalArgumentException | NullPointerException e) {
            response.onError(invalid("grant_id: " + e.getMessage()));
            return;
        }
        if (exchange.isEmpty()) {
            response.onError(noExchange());
            return;
        }
        try {
            response.onNext(GetGrantSourcesResponse.newBuilder()
                    .addAllSourceInstitutionIds(exchange.get().exchanges().sources(grant).stream()
                            .map(InstitutionId::value).toList())
                    .build());
            response.onCompleted();
        } catch (RuntimeException e) {
            response.onError(statusOf(e).asRuntimeException());
        }
    }

    @Override
    public void listExchanges(ListExchangesRequest request, StreamObserver<ListExchangesResponse> response) {
        if (request.getLimit() < 1 || request.getLimit() > 10_000) {
            response.onError(invalid("limit " + request.getLimit() + " is outside 1..10000"));
            return;
        }
        if (exchange.isEmpty()) {
            response.onError(noExchange());
            return;
        }
        try {
            ListExchangesResponse.Builder out = ListExchangesResponse.newBuilder();
            for (ExchangeView view : exchange.get().exchanges().recent(request.getLimit())) {
                out.addExchanges(ExchangeSummary.newBuilder()
                        .setExchangeId(view.id().value())
                        .setDirection(view.direction().name())
                        .setPeerInstitutionId(view.peer().value())
                        .setGrantId(view.grant().map(GrantId::value).orElse(""))
                        .setBasis(view.basis().name())
                        .setState(view.state().name())
                        .setPackageId(view.packageId().map(PackageId::value).orElse(""))
                        .setPackageHash(view.packageHash().map(Sha256::hex).orElse(""))
                        .setReceiptId(view.receipt().map(ReceiptId::value).orElse(""))
                        .setVerdict(view.verdict().map(Verdict::name).orElse(""))
                        .setFailure(view.failure().orElse("")));
            }
            response.onNext(out.build());
            response.onCompleted();
        } catch (RuntimeException e) {
            response.onError(statusOf(e).asRuntimeException());
        }
    }

    private static StatusRuntimeException invalid(String description) {
        return Status.INVALID_ARGUMENT.withDescription(description).asRuntimeException();
    }

    private static StatusRuntimeException noExchange() {
        return Status.FAILED_PRECONDITION.withDescription("this node runs no exchange; add a ledger section to its "
                + "config").asRuntimeException();
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
        if (e instanceof CheckpointException || e instanceof OpeningMissingException
                || e instanceof BasisNotApplicableException) {
            return Status.FAILED_PRECONDITION.withDescription(e.getMessage()).withCause(e);
        }
        if (e instanceof UnknownGrantException || e instanceof StudentNotHeldException) {
            return Status.NOT_FOUND.withDescription(e.getMessage()).withCause(e);
        }
        if (e instanceof LedgerUnavailableException || e instanceof StoreException) {
            return Status.UNAVAILABLE.withDescription(e.getMessage()).withCause(e);
        }
        return Status.INTERNAL.withDescription(e.getClass().getSimpleName() + ": " + e.getMessage()).withCause(e);
    }
}
