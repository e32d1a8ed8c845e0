package org.baton.node.exchange;

import com.google.protobuf.InvalidProtocolBufferException;
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
            return ExchangeProtos.scopesFromProto(PackageContent.parseFrom(signed.getContent()).getHeader()
                    .getScopesList(), "header.scopes");
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            return Set.of();
        }
    }

    @Override
    public String toString() {
        return "ReceivedPackage[id=" + packageId + ", source=" + source + ", basis=" + basis
                + grant.map(g -> ", grant=" + g).orElse("") + ", receipt=" + receipt + "]";
    }
}
