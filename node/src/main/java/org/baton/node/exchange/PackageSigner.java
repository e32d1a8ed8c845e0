package org.baton.node.exchange;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.baton.ledger.GrantId;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.proto.v1.PackageContent;
import org.baton.proto.v1.PackageHeader;
import org.baton.proto.v1.SignedPackage;
import org.baton.proto.v1.StudentRecord;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.InstitutionId;
import org.baton.trust.SigningKey;

/** Assembles and signs packages as this institution (Ed25519 through BouncyCastle). Thread-safe. */
final class PackageSigner {

    static final int FORMAT_VERSION = 1;

    private final InstitutionId self;
    private final SigningKey key;
    private final ByteString certificate;

    PackageSigner(InstitutionCredentials credentials) {
        this.self = credentials.institutionId();
        this.key = credentials.signingKey();
        try {
            this.certificate = ByteString.copyFrom(credentials.signingCertificate().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the signing certificate of " + self + " cannot be DER-encoded", e);
        }
    }

    /** What a package says about itself, before it is signed. */
    record Header(PackageId packageId, Optional<GrantId> grant, LegalBasis basis, InstitutionId recipient,
            Set<Scope> scopes, Instant createdAt, String requestId) {
        Header {
            Objects.requireNonNull(packageId, "packageId");
            Objects.requireNonNull(grant, "grant");
            Objects.requireNonNull(basis, "basis");
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(scopes, "scopes");
            Objects.requireNonNull(createdAt, "createdAt");
            Hex128.require(requestId, "request id");
        }
    }

    /** A signed package and the SHA-256 of its content (the hash its receipt names). */
    record Signed(SignedPackage pkg, Sha256 hash) {
    }

    /** Signs {@code record} (already filtered to the header's scopes) under {@code header}. */
    SignedPackage sign(Header header, StudentRecord record) {
        return signWithHash(header, record.toByteArray()).pkg();
    }

    /**
     * Signs a record already serialized (and filtered to the header's scopes) under {@code header}, and gives the
     * content's hash. The content is the header and these bytes as a {@code PackageContent}: the same bytes as
     * setting the parsed record would give.
     */
    Signed signWithHash(Header header, byte[] record) {
        PackageHeader.Builder proto = PackageHeader.newBuilder()
                .setFormatVersion(FORMAT_VERSION)
                .setPackageId(header.packageId().value())
                .setLegalBasis(ExchangeProtos.basisToProto(header.basis()))
                .setSender(self.value())
                .setRecipient(header.recipient().value())
                .addAllScopes(ExchangeProtos.scopesToProto(header.scopes()))
                .setCreatedAt(ExchangeProtos.timestamp(header.createdAt()))
                .setRequestId(header.requestId());
        header.grant().ifPresent(grant -> proto.setGrantId(grant.value()));
        byte[] content = content(proto.build(), record);
        byte[] payload = PackageVerifier.signingPayload(content);
        byte[] digest = Arrays.copyOfRange(payload, payload.length - 32, payload.length);
        SignedPackage pkg = SignedPackage.newBuilder()
                // content is this method's own array, never changed after: no copy needed.
                .setContent(UnsafeByteOperations.unsafeWrap(content))
                .setSignature(ByteString.copyFrom(key.sign(payload)))
                .setSignerCertificate(certificate)
                .build();
        return new Signed(pkg, Sha256.ofDigest(digest));
    }

    /** A {@code PackageContent}: the header (field 1), then the serialized record as its record (field 2). */
    private static byte[] content(PackageHeader header, byte[] record) {
        int headerSize = header.getSerializedSize();
        byte[] content = new byte[CodedOutputStream.computeTagSize(PackageContent.HEADER_FIELD_NUMBER)
                + CodedOutputStream.computeUInt32SizeNoTag(headerSize) + headerSize
                + CodedOutputStream.computeByteArraySize(PackageContent.RECORD_FIELD_NUMBER, record)];
        CodedOutputStream out = CodedOutputStream.newInstance(content);
        try {
            out.writeMessage(PackageContent.HEADER_FIELD_NUMBER, header);
            out.writeByteArray(PackageContent.RECORD_FIELD_NUMBER, record);
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new IllegalStateException("package content did not fill the " + content.length
                    + " bytes computed for it", e);
        }
        return content;
    }
}
