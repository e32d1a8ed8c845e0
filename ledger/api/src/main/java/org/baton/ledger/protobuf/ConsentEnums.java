package org.baton.ledger.protobuf;

import java.util.Objects;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.Purpose;
import org.baton.ledger.Scope;

/**
 * Converts {@link Scope}, {@link Purpose} and {@link LegalBasis} to and from {@code baton.v1} (consent.proto).
 * A protobuf constant maps to the domain constant of the same name without its prefix ({@code SCOPE_},
 * {@code PURPOSE_}, {@code BASIS_}). {@code *_UNSPECIFIED} and unrecognized values are refused.
 */
public final class ConsentEnums {

    private ConsentEnums() {
    }

    public static org.baton.proto.v1.Scope toProto(Scope scope) {
        return org.baton.proto.v1.Scope.valueOf("SCOPE_" + Objects.requireNonNull(scope, "scope").name());
    }

    /** @throws IllegalArgumentException for {@code SCOPE_UNSPECIFIED} or an unrecognized value */
    public static Scope fromProto(org.baton.proto.v1.Scope scope) {
        Objects.requireNonNull(scope, "scope");
        return fromProtoName(Scope.class, scope.name(), "SCOPE_", "scope");
    }

    public static org.baton.proto.v1.Purpose toProto(Purpose purpose) {
        return org.baton.proto.v1.Purpose.valueOf("PURPOSE_" + Objects.requireNonNull(purpose, "purpose").name());
    }

    /** @throws IllegalArgumentException for {@code PURPOSE_UNSPECIFIED} or an unrecognized value */
    public static Purpose fromProto(org.baton.proto.v1.Purpose purpose) {
        Objects.requireNonNull(purpose, "purpose");
        return fromProtoName(Purpose.class, purpose.name(), "PURPOSE_", "purpose");
    }

    public static org.baton.proto.v1.LegalBasis toProto(LegalBasis basis) {
        return org.baton.proto.v1.LegalBasis.valueOf("BASIS_" + Objects.requireNonNull(basis, "basis").name());
    }

    /** @throws IllegalArgumentException for {@code LEGAL_BASIS_UNSPECIFIED} or an unrecognized value */
    public static LegalBasis fromProto(org.baton.proto.v1.LegalBasis basis) {
        Objects.requireNonNull(basis, "basis");
        return fromProtoName(LegalBasis.class, basis.name(), "BASIS_", "legal basis");
    }

    private static <E extends Enum<E>> E fromProtoName(Class<E> type, String protoName, String prefix, String what) {
        if (protoName.startsWith(prefix)) {
            String name = protoName.substring(prefix.length());
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(name)) {
                    return constant;
                }
            }
        }
        throw new IllegalArgumentException(what + " " + protoName + " has no meaning on the ledger");
    }
}
