package org.baton.node;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Supplier;
import org.baton.node.store.CheckpointException;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoreClosedException;
import org.baton.proto.v1.CreateCheckpointRequest;
import org.baton.proto.v1.CreateCheckpointResponse;
import org.baton.proto.v1.GetStatusRequest;
import org.baton.proto.v1.GetStatusResponse;
import org.baton.proto.v1.NodeAdminGrpc;

/** The NodeAdmin service (admin.proto): thin, maps store failures to statuses in one place. */
final class NodeAdminService extends NodeAdminGrpc.NodeAdminImplBase {

    private final NodeTrust trust;
    private final RecordStore store;
    private final NodeEvents events;
    private final String version;
    private final Supplier<InetSocketAddress> peerAddress;
    private final Supplier<Instant> startedAt;

    NodeAdminService(NodeTrust trust, RecordStore store, NodeEvents events, String version,
            Supplier<InetSocketAddress> peerAddress, Supplier<Instant> startedAt) {
        this.trust = trust;
        this.store = store;
        this.events = events;
        this.version = version;
        this.peerAddress = peerAddress;
        this.startedAt = startedAt;
    }

    @Override
    public void getStatus(GetStatusRequest request, StreamObserver<GetStatusResponse> response) {
        try {
            Instant started = startedAt.get();
            response.onNext(GetStatusResponse.newBuilder()
                    .setInstitutionId(trust.self().id().value())
                    .setDisplayName(trust.self().displayName())
                    .setPeerEndpoint(NodeEvents.format(peerAddress.get()))
                    .setStartedAt(Timestamp.newBuilder()
                            .setSeconds(started.getEpochSecond()).setNanos(started.getNano()))
                    .setStoreSchemaVersion(store.schemaVersion())
                    .setStudentCount(store.studentCount())
                    .setConsortiumMembers(trust.consortium().members().size())
                    .setVersion(version)
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

    private static Status statusOf(RuntimeException e) {
        if (e instanceof StoreClosedException) {
            return Status.UNAVAILABLE.withDescription("the node is shutting down").withCause(e);
        }
        if (e instanceof CheckpointException) {
            return Status.FAILED_PRECONDITION.withDescription(e.getMessage()).withCause(e);
        }
        return Status.INTERNAL.withDescription(e.getClass().getSimpleName() + ": " + e.getMessage()).withCause(e);
    }
}
