package org.baton.node.exchange;

import java.util.Objects;
import org.baton.trust.InstitutionId;

/**
 * A peer node refused a call for good (it will refuse a retry too): the grant does not allow it, the student
 * does not match, the request or package is invalid. The exchange ends.
 */
public final class PeerRefusedException extends ExchangeException {

    private static final long serialVersionUID = 1L;

    /** How a peer refused, from its gRPC status. */
    public enum Kind {
        /** PERMISSION_DENIED: consent or basis does not allow it, or the caller is not entitled. */
        NOT_ALLOWED,
        /** NOT_FOUND: no such grant, or no such student at the peer. */
        NOT_FOUND,
        /** FAILED_PRECONDITION: the student did not match, or no opening was known. */
        PRECONDITION,
        /** INVALID_ARGUMENT: the request or package was malformed or failed verification. */
        INVALID,
        /** Any other code: a fault at the peer that a retry would not fix. */
        OTHER
    }

    private final InstitutionId peer;
    private final Kind kind;
    private final String detail;

    public PeerRefusedException(InstitutionId peer, Kind kind, String detail) {
        super("peer " + Objects.requireNonNull(peer, "peer") + " refused (" + Objects.requireNonNull(kind, "kind")
                + "): " + Objects.requireNonNull(detail, "detail"), null);
        this.peer = peer;
        this.kind = kind;
        this.detail = detail;
    }

    public InstitutionId peer() {
        return peer;
    }

    public Kind kind() {
        return kind;
    }

    /** The peer's own description of the refusal. */
    public String detail() {
        return detail;
    }
}
