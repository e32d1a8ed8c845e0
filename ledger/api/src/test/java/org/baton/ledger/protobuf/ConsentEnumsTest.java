package org.baton.ledger.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.baton.ledger.LegalBasis;
import org.baton.ledger.Purpose;
import org.baton.ledger.Scope;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConsentEnumsTest {

    @Test
    void maps_every_domain_constant_both_ways() {
        for (Scope scope : Scope.values()) {
            assertThat(ConsentEnums.fromProto(ConsentEnums.toProto(scope))).isEqualTo(scope);
        }
        for (Purpose purpose : Purpose.values()) {
            assertThat(ConsentEnums.fromProto(ConsentEnums.toProto(purpose))).isEqualTo(purpose);
        }
        for (LegalBasis basis : LegalBasis.values()) {
            assertThat(ConsentEnums.fromProto(ConsentEnums.toProto(basis))).isEqualTo(basis);
        }
    }

    @Test
    void has_a_domain_constant_for_every_specified_proto_constant() {
        assertThat(Scope.values()).hasSize(org.baton.proto.v1.Scope.values().length - 2);
        assertThat(Purpose.values()).hasSize(org.baton.proto.v1.Purpose.values().length - 2);
        assertThat(LegalBasis.values()).hasSize(org.baton.proto.v1.LegalBasis.values().length - 2);
    }

    @Test
    void refuses_unspecified_values() {
        assertThatThrownBy(() -> ConsentEnums.fromProto(org.baton.proto.v1.Scope.SCOPE_UNSPECIFIED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scope SCOPE_UNSPECIFIED has no meaning on the ledger");
        assertThatThrownBy(() -> ConsentEnums.fromProto(org.baton.proto.v1.LegalBasis.UNRECOGNIZED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("legal basis UNRECOGNIZED has no meaning on the ledger");
    }
}
