package org.baton.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.proto.v1.PackageContent;
import org.baton.proto.v1.PackageHeader;
import org.baton.proto.v1.SignedPackage;
import org.baton.proto.v1.StudentRecord;
import org.baton.trust.InstitutionId;
import org.junit.jupiter.api.Test;

/** Reading a received package's scopes from its signed header, without parsing the records after it. */
class ReceivedPackageTest {

    private static ReceivedPackage received(ByteString content) {
        return new ReceivedPackage(PackageId.random(), InstitutionId.of("19647330000000"), Optional.empty(),
                LegalBasis.CONSENT, ReceiptId.random(), Sha256.hash(content.toByteArray()), Instant.EPOCH,
                StudentRecord.getDefaultInstance(), SignedPackage.newBuilder().setContent(content).build());
    }

    private static PackageHeader header(Scope... scopes) {
        return PackageHeader.newBuilder().setFormatVersion(1)
                .addAllScopes(ExchangeProtos.scopesToProto(EnumSet.of(scopes[0], scopes))).build();
    }

    @Test
    void reads_the_scopes_the_signed_header_names() {
        PackageContent content = PackageContent.newBuilder().setHeader(header(Scope.TRANSCRIPT, Scope.AG_STATUS))
                .setRecord(Students.record(1, "19647330000000", 40)).build();

        assertThat(received(content.toByteString()).scopes()).containsExactlyInAnyOrder(Scope.TRANSCRIPT,
                Scope.AG_STATUS);
    }

    @Test
    void reads_a_header_that_comes_after_the_records_as_protobuf_allows() {
        ByteString recordFirst = PackageContent.newBuilder().setRecord(Students.record(1, "19647330000000", 3))
                .build().toByteString()
                .concat(PackageContent.newBuilder().setHeader(header(Scope.GPA)).build().toByteString());

        assertThat(received(recordFirst).scopes()).containsExactly(Scope.GPA);
    }

    @Test
    void names_no_scope_when_the_content_does_not_parse() {
        assertThat(received(ByteString.copyFrom(new byte[] {0x0a, 0x7f, 0x01})).scopes()).isEmpty();
        assertThat(received(ByteString.EMPTY).scopes()).isEmpty();
    }
}
