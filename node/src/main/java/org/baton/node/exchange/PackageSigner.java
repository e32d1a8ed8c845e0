package org.baton.node.exchange;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

/**
 * Assembles and signs packages as this institution (Ed25519 through BouncyCastle): one at a time, or several together
 * under one signature ({@link #signTogether}). Thread-safe.
 */
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

    /** A package's content, serialized as it will be signed, and its SHA-256. */
    record Unsigned(byte[] content, Sha256 hash) {
    }

    /** Signs {@code record} (already filtered to the header's scopes) under {@code header}. */
    SignedPackage sign(Header header, StudentRecord record) {
        return signWithHash(header, record.toByteArray()).pkg();
    }

    /** Signs a record already serialized (and filtered to the header's scopes) under {@code header}, alone. */
    Signed signWithHash(Header header, byte[] record) {
        return sign(content(header, record));
    }

    /**
     * The content of a package: the header and these record bytes as a {@code PackageContent}, the same bytes as
     * setting the parsed record would give.
     */
    Unsigned content(Header header, byte[] record) {
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
        return new Unsigned(content, Sha256.ofDigest(Sha256.newDigest().digest(content)));
    }

    /** Signs one package alone: the signature covers its content hash. */
    Signed sign(Unsigned unsigned) {
        byte[] payload = PackageVerifier.signingPayload(unsigned.hash());
        return new Signed(signed(unsigned, key.sign(payload)).build(), unsigned.hash());
    }

    /**
     * Signs packages together, in the order given: one signature over the root of their {@link BatchTree}, and each
     * package carries its path to that root. A single package is signed alone.
     */
    List<Signed> signTogether(List<Unsigned> batch) {
        if (batch.size() == 1) {
            return List.of(sign(batch.get(0)));
        }
        BatchTree.Tree tree = BatchTree.of(batch.stream().map(Unsigned::hash).toList());
        ByteString signature = ByteString.copyFrom(key.sign(PackageVerifier.batchSigningPayload(tree.root())));
        List<Signed> signed = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Unsigned unsigned = batch.get(i);
            signed.add(new Signed(signed(unsigned, signature).addAllBatchPath(tree.paths().get(i)).build(),
                    unsigned.hash()));
        }
        return signed;
    }

    private SignedPackage.Builder signed(Unsigned unsigned, byte[] signature) {
        return signed(unsigned, ByteString.copyFrom(signature));
    }

    private SignedPackage.Builder signed(Unsigned unsigned, ByteString signature) {
        return SignedPackage.newBuilder()
                // content is this signer's own array, never changed after: no copy needed.
                .setContent(UnsafeByteOperations.unsafeWrap(unsigned.content()))
                .setSignature(signature)
                .setSignerCertificate(certificate);
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
