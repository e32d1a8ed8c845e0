package org.baton.node.exchange;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.baton.ledger.GrantId;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.proto.v1.PackageContent;
import org.baton.proto.v1.PackageHeader;
import org.baton.proto.v1.SignedPackage;
import org.baton.proto.v1.StudentRecord;
import org.baton.trust.InstitutionId;

/**
 * Records another institution sent this node, kept apart from the node's own and marked with their source.
 *
 * @param packageId the package
 * @param source the institution that signed and sent it
 * @param grant the consent grant, under consent
 * @param basis the legal basis
 * @param receipt the sender's ledger receipt
 * @param hash SHA-256 of the signed content (what the receipt names)
 * @param receivedAt when this node stored it
 * @param record the records (personal data: never log); from {@link ReceivedRecords#currentForStudent}, only the
 *     part no later package from the same source replaced
 * @param signed the package exactly as received, for {@code baton verify}
 */
public record ReceivedPackage(
        PackageId packageId,
        InstitutionId source,
        Optional<GrantId> grant,
        LegalBasis basis,
        ReceiptId receipt,
        Sha256 hash,
        Instant receivedAt,
        StudentRecord record,
        SignedPackage signed) {

    /** {@code PackageContent.header}: field 1, length-delimited. */
    private static final int HEADER_TAG = PackageContent.HEADER_FIELD_NUMBER << 3
            | WireFormat.WIRETYPE_LENGTH_DELIMITED;

    public ReceivedPackage {
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(signed, "signed");
    }

    /**
     * The scopes the package's signed header names (what the source disclosed in it); empty when the header names
     * none it can read (an accepted package always names some: the verifier requires them).
     */
    public Set<Scope> scopes() {
        try {
            return ExchangeProtos.scopesFromProto(header().getScopesList(), "header.scopes");
        } catch (IOException | IllegalArgumentException e) {
            return Set.of();
        }
    }

    /** The signed header, read without parsing the records that follow it. */
    private PackageHeader header() throws IOException {
        CodedInputStream in = signed.getContent().newCodedInput();
        PackageHeader header = PackageHeader.getDefaultInstance();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == HEADER_TAG) {
                header = header.toBuilder().mergeFrom(in.readBytes()).build();
            } else if (!in.skipField(tag)) {
                break;
            }
        }
        return header;
    }

    @Override
    public String toString() {
        return "ReceivedPackage[id=" + packageId + ", source=" + source + ", basis=" + basis
                + grant.map(g -> ", grant=" + g).orElse("") + ", receipt=" + receipt + "]";
    }
}
