package org.baton.node.exchange;

import com.google.protobuf.ByteString;
import java.util.List;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantorRole;
import org.baton.ledger.Sha256;
import org.baton.ledger.Sources;
import org.baton.ledger.SubjectCommitment;
import org.baton.ledger.protobuf.ConsentEnums;
import org.baton.trust.InstitutionId;

/** A consent grant in its protobuf form ({@code baton.v1.ConsentGrant}), as the attester keeps it in its store. */
final class LedgerProtos {

    private LedgerProtos() {
    }

    static org.baton.proto.v1.ConsentGrant grantToProto(ConsentGrant grant) {
        return org.baton.proto.v1.ConsentGrant.newBuilder()
                .setGrantId(grant.id().value())
                .setSubjectCommitment(ByteString.copyFrom(grant.subject().digest().bytes()))
                .setGrantor(grant.grantor() == GrantorRole.STUDENT
                        ? org.baton.proto.v1.GrantorRole.GRANTOR_STUDENT
                        : org.baton.proto.v1.GrantorRole.GRANTOR_GUARDIAN)
                .setAttester(grant.attester().value())
                .setRecipient(grant.recipient().value())
                .setEveryInstitutionAttended(grant.sources().everyAttended())
                .addAllSources(grant.sources().named().stream().map(InstitutionId::value).toList())
                .addAllScopes(ExchangeProtos.scopesToProto(grant.scopes()))
                .setPurpose(ConsentEnums.toProto(grant.purpose()))
                .setIssuedAt(ExchangeProtos.timestamp(grant.issuedAt()))
                .setExpiresAt(ExchangeProtos.timestamp(grant.expiresAt()))
                .setConsentDocumentHash(ByteString.copyFrom(grant.consentDocumentHash().bytes()))
                .build();
    }

    static ConsentGrant grantFromProto(org.baton.proto.v1.ConsentGrant proto) {
        List<InstitutionId> sources = proto.getSourcesList().stream().map(InstitutionId::of).toList();
        return new ConsentGrant(
                GrantId.of(proto.getGrantId()),
                new SubjectCommitment(Sha256.ofDigest(proto.getSubjectCommitment().toByteArray())),
                proto.getGrantor() == org.baton.proto.v1.GrantorRole.GRANTOR_STUDENT
                        ? GrantorRole.STUDENT
                        : GrantorRole.GUARDIAN,
                InstitutionId.of(proto.getAttester()),
                InstitutionId.of(proto.getRecipient()),
                proto.getEveryInstitutionAttended() ? Sources.everyInstitutionAttended() : Sources.named(sources),
                ExchangeProtos.scopesFromProto(proto.getScopesList(), "grant.scopes"),
                ConsentEnums.fromProto(proto.getPurpose()),
                ExchangeProtos.instant(proto.getIssuedAt()),
                ExchangeProtos.instant(proto.getExpiresAt()),
                Sha256.ofDigest(proto.getConsentDocumentHash().toByteArray()));
    }
}
