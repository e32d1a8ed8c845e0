package org.baton.node.exchange;

/**
 * Base of the exceptions the exchange engine throws. Each names the step that failed and carries its ids; none
 * carries record contents. {@link ExchangeErrors} maps each to one gRPC status code.
 */
public abstract sealed class ExchangeException extends RuntimeException
        permits ConsentRefusedException, BasisNotApplicableException, UnknownGrantException,
        StudentNotHeldException, IdentityMismatchException, OpeningMissingException,
        InvalidExchangeRequestException, PackageVerificationException, PeerUnavailableException,
        PeerRefusedException, CallerRefusedException, UnknownPackageException, UnknownReportException {

    private static final long serialVersionUID = 1L;

    ExchangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
