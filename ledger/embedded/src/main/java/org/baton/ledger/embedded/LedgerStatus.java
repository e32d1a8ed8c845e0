package org.baton.ledger.embedded;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import java.util.Optional;
import org.baton.ledger.LedgerRejectedException;
import org.baton.ledger.LedgerUnavailableException;
import org.baton.ledger.RefusalReason;
import org.baton.ledger.TxId;
import org.baton.proto.v1.LedgerRefusal;

/**
 * The one mapping between the ledger port's exceptions and gRPC status codes, in both directions: the service
 * turns exceptions into statuses, {@link RemoteLedger} turns statuses back into the same exceptions.
 */
final class LedgerStatus {

    /** Trailer carrying the {@link LedgerRefusal} of a refused transaction. */
    static final Metadata.Key<LedgerRefusal> REFUSAL_KEY = ProtoUtils.keyForProto(LedgerRefusal.getDefaultInstance());

    private LedgerStatus() {
    }

    // ---- server side ----

    static StatusRuntimeException toStatus(Throwable error) {
        if (error instanceof LedgerRejectedException rejected) {
            Metadata trailers = new Metadata();
            trailers.put(REFUSAL_KEY, refusal(rejected));
            return codeFor(rejected.reason()).withDescription(rejected.getMessage()).asRuntimeException(trailers);
        }
        if (error instanceof LedgerUnavailableException || error instanceof LedgerStorageException) {
            return Status.UNAVAILABLE.withDescription(error.getMessage()).asRuntimeException();
        }
        if (error instanceof IllegalArgumentException) {
            return Status.INVALID_ARGUMENT.withDescription(error.getMessage()).asRuntimeException();
        }
        return Status.INTERNAL.withDescription("the ledger failed: " + error.getClass().getSimpleName())
                .asRuntimeException();
    }

    /** The wire form of a refusal. */
    static LedgerRefusal refusal(LedgerRejectedException rejected) {
        return LedgerRefusal.newBuilder()
                .setTxId(rejected.txId().value())
                .setReason(ProtoMapper.refusal(rejected.reason()))
                .setDetail(rejected.detail())
                .build();
    }

    /**
     * The exception for a refusal read from the wire.
     *
     * @throws IllegalArgumentException if the refusal is malformed
     */
    static LedgerRejectedException rejected(LedgerRefusal refusal) {
        return new LedgerRejectedException(TxId.of(refusal.getTxId()), ProtoMapper.refusal(refusal.getReason()),
                refusal.getDetail());
    }

    static Status codeFor(RefusalReason reason) {
        return switch (reason.category()) {
            case INVALID -> Status.INVALID_ARGUMENT;
            case UNAUTHORIZED -> Status.PERMISSION_DENIED;
            case NOT_FOUND -> Status.NOT_FOUND;
            case CONFLICT -> Status.ALREADY_EXISTS;
            case PRECONDITION -> Status.FAILED_PRECONDITION;
        };
    }

    // ---- client side ----

    /**
     * The port exception for a failed call.
     *
     * @param operation the port operation, e.g. {@code "recordReceipt"}
     * @param txId the transaction submitted, for writes
     */
    static RuntimeException fromStatus(StatusRuntimeException error, String operation, Optional<TxId> txId) {
        Metadata trailers = error.getTrailers();
        LedgerRefusal refusal = trailers == null ? null : trailers.get(REFUSAL_KEY);
        if (refusal != null) {
            try {
                return rejected(refusal);
            } catch (IllegalArgumentException e) {
                return new LedgerUnavailableException(operation, txId, e);
            }
        }
        if (error.getStatus().getCode() == Status.Code.INVALID_ARGUMENT && txId.isEmpty()) {
            return new IllegalArgumentException(operation + ": " + error.getStatus().getDescription(), error);
        }
        return new LedgerUnavailableException(operation, txId, error);
    }
}
