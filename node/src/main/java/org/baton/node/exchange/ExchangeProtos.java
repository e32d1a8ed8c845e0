package org.baton.node.exchange;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.RejectionReason;
import org.baton.ledger.Scope;
import org.baton.ledger.Verdict;
import org.baton.ledger.protobuf.ConsentEnums;

/** Conversions between the exchange's protobuf messages and domain values, in one place. */
final class ExchangeProtos {

    // Scopes are converted for every package, receipt and outbox view: look them up instead of building names.
    private static final Map<Scope, org.baton.proto.v1.Scope> SCOPES_TO_PROTO = new EnumMap<>(Scope.class);
    private static final Map<org.baton.proto.v1.Scope, Scope> SCOPES_FROM_PROTO =
            new EnumMap<>(org.baton.proto.v1.Scope.class);

    static {
        for (Scope scope : Scope.values()) {
            org.baton.proto.v1.Scope proto = ConsentEnums.toProto(scope);
            SCOPES_TO_PROTO.put(scope, proto);
            SCOPES_FROM_PROTO.put(proto, scope);
        }
    }

    private ExchangeProtos() {
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    static List<org.baton.proto.v1.Scope> scopesToProto(Collection<Scope> scopes) {
        return scopes.stream().sorted().map(SCOPES_TO_PROTO::get).toList();
    }

    /**
     * Reads a scope list: at least one, each named once, none unspecified.
     *
     * @throws IllegalArgumentException naming {@code field}
     */
    static Set<Scope> scopesFromProto(List<org.baton.proto.v1.Scope> scopes, String field) {
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException(field + " names no scope");
        }
        EnumSet<Scope> out = EnumSet.noneOf(Scope.class);
        for (org.baton.proto.v1.Scope scope : scopes) {
            Scope domain = scope == org.baton.proto.v1.Scope.UNRECOGNIZED ? null : SCOPES_FROM_PROTO.get(scope);
            if (domain == null) {
                throw new IllegalArgumentException(field + ": scope " + scope + " has no meaning on the ledger");
            }
            if (!out.add(domain)) {
                throw new IllegalArgumentException(field + " names scope " + scope + " twice");
            }
        }
        return out;
    }

    static org.baton.proto.v1.LegalBasis basisToProto(LegalBasis basis) {
        return ConsentEnums.toProto(basis);
    }

    static LegalBasis basisFromProto(org.baton.proto.v1.LegalBasis basis) {
        return ConsentEnums.fromProto(basis);
    }

    static org.baton.proto.v1.RejectionReason rejectionToProto(RejectionReason reason) {
        return org.baton.proto.v1.RejectionReason.valueOf("REJECTION_" + reason.name());
    }

    static RejectionReason rejectionFromProto(org.baton.proto.v1.RejectionReason reason) {
        String name = reason.name();
        if (!name.startsWith("REJECTION_") || reason == org.baton.proto.v1.RejectionReason.REJECTION_REASON_UNSPECIFIED) {
            throw new IllegalArgumentException("rejection reason " + name + " is not named");
        }
        return RejectionReason.valueOf(name.substring("REJECTION_".length()));
    }

    static org.baton.proto.v1.Verdict verdictToProto(Verdict verdict) {
        return org.baton.proto.v1.Verdict.valueOf("VERDICT_" + verdict.name());
    }
}
