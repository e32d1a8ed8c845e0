package org.baton.node.exchange;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CompletionException;
import org.baton.ledger.LedgerRejectedException;
import org.baton.ledger.LedgerUnavailableException;
import org.baton.node.store.StoreException;
import org.baton.trust.InstitutionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mapping between the exchange's exceptions and gRPC status codes, both ways: the peer service turns an
 * exception into a status; the peer client turns a status back into {@link PeerUnavailableException} (retry) or
 * {@link PeerRefusedException} (final).
 */
final class ExchangeErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeErrors.class);

    private ExchangeErrors() {
    }

    /** What failed, inside the {@link CompletionException} a future's dependent stage wraps it in. */
    static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** The status a peer service answers with for {@code error}. */
    static StatusRuntimeException toStatus(Throwable error) {
        Throwable cause = unwrap(error);
        Status status;
        if (cause instanceof ConsentRefusedException || cause instanceof BasisNotApplicableException
                || cause instanceof CallerRefusedException) {
            status = Status.PERMISSION_DENIED;
        } else if (cause instanceof UnknownGrantException || cause instanceof StudentNotHeldException
                || cause instanceof UnknownPackageException || cause instanceof UnknownReportException) {
            status = Status.NOT_FOUND;
        } else if (cause instanceof IdentityMismatchException || cause instanceof OpeningMissingException) {
            status = Status.FAILED_PRECONDITION;
        } else if (cause instanceof InvalidExchangeRequestException || cause instanceof PackageVerificationException
                || cause instanceof IllegalArgumentException) {
            status = Status.INVALID_ARGUMENT;
        } else if (cause instanceof LedgerUnavailableException || cause instanceof PeerUnavailableException
                || cause instanceof StoreException) {
            status = Status.UNAVAILABLE;
        } else if (cause instanceof LedgerRejectedException rejected) {
            status = switch (rejected.reason().category()) {
                case UNAUTHORIZED -> Status.PERMISSION_DENIED;
                case NOT_FOUND -> Status.NOT_FOUND;
                case PRECONDITION -> Status.FAILED_PRECONDITION;
                case INVALID, CONFLICT -> Status.INTERNAL;
            };
        } else {
            LOG.error("exchange call failed unexpectedly", cause);
            return Status.INTERNAL.withDescription("the node failed: " + cause.getClass().getSimpleName())
                    .asRuntimeException();
        }
        return status.withDescription(cause.getMessage()).asRuntimeException();
    }

    /** The engine's exception for a failed call to {@code peer}. */
    static ExchangeException fromStatus(InstitutionId peer, StatusRuntimeException error) {
        Status status = error.getStatus();
        String detail = status.getDescription() == null ? status.getCode().name()
                : status.getCode() + ": " + status.getDescription();
        return switch (status.getCode()) {
            case PERMISSION_DENIED, UNAUTHENTICATED -> new PeerRefusedException(peer, PeerRefusedException.Kind.NOT_ALLOWED, detail);
            case NOT_FOUND -> new PeerRefusedException(peer, PeerRefusedException.Kind.NOT_FOUND, detail);
            case FAILED_PRECONDITION -> new PeerRefusedException(peer, PeerRefusedException.Kind.PRECONDITION, detail);
            case INVALID_ARGUMENT, ALREADY_EXISTS, OUT_OF_RANGE ->
                    new PeerRefusedException(peer, PeerRefusedException.Kind.INVALID, detail);
            case UNIMPLEMENTED, DATA_LOSS -> new PeerRefusedException(peer, PeerRefusedException.Kind.OTHER, detail);
            // UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, CANCELLED, UNKNOWN, INTERNAL: try again.
            default -> new PeerUnavailableException(peer, detail, error);
        };
    }
}
