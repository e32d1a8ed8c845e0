package org.baton.node.exchange;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.baton.ledger.GrantId;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.RejectionReason;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.proto.v1.PackageContent;
import org.baton.proto.v1.PackageHeader;
import org.baton.proto.v1.SignedPackage;
import org.baton.trust.Consortium;
import org.baton.trust.Fingerprint;
import org.baton.trust.InstitutionId;
import org.baton.trust.Member;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Checks a signed package, online (a node receiving one) or offline ({@code baton verify}):
 *
 * <p>The signature is Ed25519 over {@link #signingPayload(byte[])}: a context string and the SHA-256 of the
 * content, which is also the hash a ledger receipt names. The context keeps a package signature from ever passing
 * for a ledger transaction signature by the same key, or the other way round. A package signed in a batch carries
 * its path in the batch's {@link BatchTree}, and the signature is over the root under a context of its own
 * ({@link #batchSigningPayload}).
 *
 * <ol>
 *   <li>the signer certificate is issued by the consortium CA, its CN names a consortium member, and it is the
 *       signing certificate the consortium file lists for that member;
 *   <li>the Ed25519 signature over the content (or over the root its batch path leads to) verifies with that
 *       member's signing key;
 *   <li>the content parses; the header is well formed (format version 1, ids, a named legal basis with a grant
 *       exactly under consent, at least one scope, a member as recipient) and names the signer as sender;
 *   <li>the certificate was valid when the package says it was signed;
 *   <li>the records hold nothing the header's scopes do not disclose;
 *   <li>optionally, the package is addressed to a given institution.
 * </ol>
 *
 * The hash a ledger receipt must name is {@link VerifiedPackage#hash()}; checking the receipt is the caller's
 * step. A signer certificate is parsed and its chain checked (an ECDSA verification) once per certificate and
 * remembered; its validity at the package's signing time is checked for every package.
 * Thread-safe.
 */
public final class PackageVerifier {

    private static final byte[] SIGNING_CONTEXT = "baton.package.v1\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BATCH_SIGNING_CONTEXT =
            "baton.package-batch.v1\n".getBytes(StandardCharsets.US_ASCII);
    /** How many verified batch signatures are remembered before the memory starts over. */
    private static final int VERIFIED_BATCHES = 1024;

    private final Consortium consortium;
    private final X509Certificate ca;
    private final Map<Fingerprint, Member> checkedCertificates = new ConcurrentHashMap<>();
    private final Map<ByteString, SignerCertificate> checkedEncodings = new ConcurrentHashMap<>();
    private final Map<BatchSignature, Boolean> verifiedBatches = new ConcurrentHashMap<>();

    private PackageVerifier(Consortium consortium, X509Certificate ca) {
        this.consortium = consortium;
        this.ca = ca;
    }

    /**
     * A verifier trusting {@code caCertificate} and the members of {@code consortium} (a consortium file loaded,
     * and so verified, against that CA).
     */
    public static PackageVerifier create(Consortium consortium, X509Certificate caCertificate) {
        Objects.requireNonNull(consortium, "consortium");
        Objects.requireNonNull(caCertificate, "caCertificate");
        return new PackageVerifier(consortium, caCertificate);
    }

    /**
     * What the signature of a package signed alone covers: {@code "baton.package.v1\n"} followed by the SHA-256 of
     * its content.
     */
    public static byte[] signingPayload(byte[] content) {
        Objects.requireNonNull(content, "content");
        return payload(SIGNING_CONTEXT, Sha256.newDigest().digest(content));
    }

    static byte[] signingPayload(Sha256 contentHash) {
        return payload(SIGNING_CONTEXT, contentHash.bytes());
    }

    /**
     * What the signature of packages signed together covers: {@code "baton.package-batch.v1\n"} followed by the root
     * of their {@link BatchTree}.
     */
    static byte[] batchSigningPayload(byte[] root) {
        return payload(BATCH_SIGNING_CONTEXT, root);
    }

    private static byte[] payload(byte[] context, byte[] digest) {
        byte[] payload = Arrays.copyOf(context, context.length + digest.length);
        System.arraycopy(digest, 0, payload, context.length, digest.length);
        return payload;
    }

    /**
     * Reads a package saved to a file (one serialized {@code SignedPackage}).
     *
     * @throws IOException if the file cannot be read
     * @throws PackageVerificationException if it is not a serialized package
     */
    public static SignedPackage read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] bytes = Files.readAllBytes(file);
        try {
            SignedPackage signed = SignedPackage.parseFrom(bytes);
            if (signed.getContent().isEmpty()) {
                throw new PackageVerificationException(Optional.empty(), RejectionReason.MALFORMED_PACKAGE,
                        file + " holds no package content");
            }
            return signed;
        } catch (InvalidProtocolBufferException e) {
            throw new PackageVerificationException(Optional.empty(), RejectionReason.MALFORMED_PACKAGE,
                    file + " is not a serialized SignedPackage: " + e.getMessage());
        }
    }

    /**
     * Verifies a package addressed to anyone.
     *
     * @throws PackageVerificationException naming the check that failed and the rejection code
     */
    public VerifiedPackage verify(SignedPackage signed) {
        Objects.requireNonNull(signed, "signed");
        return check(signed, Optional.empty());
    }

    /**
     * Verifies a package and that it is addressed to {@code recipient}.
     *
     * @throws PackageVerificationException naming the check that failed; {@link RejectionReason#NOT_EXPECTED}
     *     when it is addressed to another institution
     */
    public VerifiedPackage verifyAddressedTo(SignedPackage signed, InstitutionId recipient) {
        Objects.requireNonNull(signed, "signed");
        Objects.requireNonNull(recipient, "recipient");
        return check(signed, Optional.of(recipient));
    }

    private VerifiedPackage check(SignedPackage signed, Optional<InstitutionId> expectedRecipient) {
        SignerCertificate checked = signerCertificate(signed.getSignerCertificate());
        X509Certificate certificate = checked.certificate();
        Member signer = checked.member();
        ByteString content = signed.getContent();
        MessageDigest sha256 = Sha256.newDigest();
        sha256.update(content.asReadOnlyByteBuffer());
        byte[] digest = sha256.digest();
        if (signed.getBatchPathCount() == 0) {
            if (!signer.signingKey().verify(payload(SIGNING_CONTEXT, digest), signed.getSignature().toByteArray())) {
                throw reject(Optional.empty(), RejectionReason.SIGNATURE_INVALID,
                        "the signature does not verify with the signing key of " + signer.id());
            }
        } else {
            checkBatchSignature(signed, checked, digest);
        }
        PackageContent parsed;
        try {
            parsed = PackageContent.parseFrom(content);
        } catch (InvalidProtocolBufferException e) {
            throw reject(Optional.empty(), RejectionReason.MALFORMED_PACKAGE,
                    "the signed content is not a PackageContent: " + e.getMessage());
        }
        PackageHeader header = parsed.getHeader();
        Optional<PackageId> packageId = Hex128.isValid(header.getPackageId())
                ? Optional.of(PackageId.of(header.getPackageId()))
                : Optional.empty();
        if (packageId.isEmpty()) {
            throw reject(packageId, RejectionReason.MALFORMED_PACKAGE, "header.package_id is not 32 lowercase hex digits");
        }
        if (header.getFormatVersion() != PackageSigner.FORMAT_VERSION) {
            throw reject(packageId, RejectionReason.MALFORMED_PACKAGE, "header.format_version "
                    + header.getFormatVersion() + " is not " + PackageSigner.FORMAT_VERSION);
        }
        if (!header.getSender().equals(signer.id().value())) {
            throw reject(packageId, RejectionReason.SIGNATURE_INVALID, "header.sender '" + header.getSender()
                    + "' is not the signer " + signer.id());
        }
        InstitutionId recipient = institution(packageId, header.getRecipient(), "header.recipient");
        if (consortium.member(recipient).isEmpty()) {
            throw reject(packageId, RejectionReason.NOT_EXPECTED, "header.recipient " + recipient
                    + " is not a consortium member");
        }
        if (expectedRecipient.isPresent() && !expectedRecipient.get().equals(recipient)) {
            throw reject(packageId, RejectionReason.NOT_EXPECTED, "the package is addressed to " + recipient
                    + ", not to " + expectedRecipient.get());
        }
        LegalBasis basis;
        try {
            basis = ExchangeProtos.basisFromProto(header.getLegalBasis());
        } catch (IllegalArgumentException e) {
            throw reject(packageId, RejectionReason.MALFORMED_PACKAGE, "header.legal_basis: " + e.getMessage());
        }
        Optional<GrantId> grant = Optional.empty();
        if (!header.getGrantId().isEmpty()) {
            try {
                grant = Optional.of(GrantId.of(header.getGrantId()));
            } catch (IllegalArgumentException e) {
                throw reject(packageId, RejectionReason.MALFORMED_PACKAGE, "header.grant_id: " + e.getMessage());
            }
        }
        if ((basis == LegalBasis.CONSENT) != grant.isPresent()) {
            throw reject(packageId, RejectionReason.MALFORMED_PACKAGE, "header names basis " + basis
                    + (grant.isPresent() ? " and a grant" : " but no grant")
                    + ": a package names a grant exactly when its basis is CONSENT");
        }
        Set<Scope> scopes;
        try {
            scopes = ExchangeProtos.scopesFromProto(header.getScopesList(), "header.scopes");
        } catch (IllegalArgumentException e) {
            throw reject(packageId, RejectionReason.MALFORMED_PACKAGE, e.getMessage());
        }
        if (!header.hasCreatedAt()) {
            throw reject(packageId, RejectionReason.MALFORMED_PACKAGE, "header.created_at is missing");
        }
        Instant createdAt = ExchangeProtos.instant(header.getCreatedAt());
        if (!Hex128.isValid(header.getRequestId())) {
            throw reject(packageId, RejectionReason.MALFORMED_PACKAGE,
                    "header.request_id is not 32 lowercase hex digits");
        }
        try {
            certificate.checkValidity(Date.from(createdAt));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw reject(packageId, RejectionReason.SIGNATURE_INVALID, "the signing certificate of " + signer.id()
                    + " was not valid at " + createdAt + ", when the package says it was signed");
        }
        if (!parsed.hasRecord() || !parsed.getRecord().hasStudent()) {
            throw reject(packageId, RejectionReason.MALFORMED_PACKAGE, "the package holds no student record");
        }
        List<String> outside = ScopeFilter.outside(parsed.getRecord(), scopes);
        if (!outside.isEmpty()) {
            throw reject(packageId, RejectionReason.SCOPE_MISMATCH, "the records hold " + outside
                    + ", which scopes " + scopes + " do not disclose");
        }
        return new VerifiedPackage(packageId.get(), header.getFormatVersion(), grant, basis, signer.id(), recipient,
                scopes, createdAt, header.getRequestId(), parsed.getRecord(), Sha256.ofDigest(digest), certificate,
                signed);
    }

    /**
     * Checks the signature of a package signed in a batch: its path leads to a root, and the signature over that root
     * verifies. A root signature that verified is remembered, so the other packages of its batch cost a few hashes
     * each; threads checking packages of one batch at once wait for the first's answer.
     */
    private void checkBatchSignature(SignedPackage signed, SignerCertificate checked, byte[] digest) {
        Member signer = checked.member();
        byte[] root = BatchTree.root(digest, signed.getBatchPathList()).orElseThrow(() -> reject(Optional.empty(),
                RejectionReason.SIGNATURE_INVALID, "the batch path has more than " + BatchTree.MAX_STEPS
                        + " steps or a sibling that is not 32 bytes"));
        ByteString signature = signed.getSignature();
        BatchSignature key = new BatchSignature(checked.fingerprint(), ByteString.copyFrom(root), signature);
        if (verifiedBatches.size() >= VERIFIED_BATCHES) {
            verifiedBatches.clear();
        }
        Boolean verified = verifiedBatches.computeIfAbsent(key, batch ->
                signer.signingKey().verify(batchSigningPayload(root), signature.toByteArray()) ? Boolean.TRUE : null);
        if (verified == null) {
            throw reject(Optional.empty(), RejectionReason.SIGNATURE_INVALID,
                    "the batch signature does not verify with the signing key of " + signer.id());
        }
    }

    /** A batch signature that verified: the signer certificate, the batch's root and the signature. */
    private record BatchSignature(Fingerprint certificate, ByteString root, ByteString signature) {
    }

    /** A signer certificate that passed {@link #signer}, and the member it names. */
    private record SignerCertificate(X509Certificate certificate, Fingerprint fingerprint, Member member) {
    }

    /**
     * The certificate a package carries and its member: parsed and checked against the CA the first time these exact
     * bytes are seen, then remembered (only certificates that passed, so at most one per member and key rotation).
     */
    private SignerCertificate signerCertificate(ByteString der) {
        SignerCertificate known = checkedEncodings.get(der);
        if (known != null) {
            return known;
        }
        X509Certificate certificate = parseCertificate(der.toByteArray());
        SignerCertificate checked = new SignerCertificate(certificate, Fingerprint.of(certificate), signer(certificate));
        checkedEncodings.put(der, checked);
        return checked;
    }

    private X509Certificate parseCertificate(byte[] der) {
        if (der.length == 0) {
            throw reject(Optional.empty(), RejectionReason.SIGNATURE_INVALID, "the package carries no signer certificate");
        }
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            // The JDK's certificate parser fails on some malformed DER with unchecked exceptions
            // (ArrayIndexOutOfBoundsException for a truncated key): they mean "not a certificate" too.
            throw reject(Optional.empty(), RejectionReason.SIGNATURE_INVALID,
                    "the signer certificate is not an X.509 certificate: " + e.getClass().getSimpleName() + " "
                            + e.getMessage());
        }
    }

    /** The member whose signing certificate this is, checked against the CA once per certificate. */
    private Member signer(X509Certificate certificate) {
        Fingerprint fingerprint = Fingerprint.of(certificate);
        Member known = checkedCertificates.get(fingerprint);
        if (known != null) {
            return known;
        }
        if (!certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            throw reject(Optional.empty(), RejectionReason.SIGNATURE_INVALID, "the signer certificate was issued by "
                    + certificate.getIssuerX500Principal() + ", not by the consortium CA " + ca.getSubjectX500Principal());
        }
        try {
            certificate.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw reject(Optional.empty(), RejectionReason.SIGNATURE_INVALID,
                    "the signer certificate does not carry the consortium CA's signature");
        }
        String commonName = commonName(certificate);
        InstitutionId id = institution(Optional.empty(), commonName, "the signer certificate's CN");
        Member member = consortium.member(id).orElseThrow(() -> reject(Optional.empty(),
                RejectionReason.SIGNATURE_INVALID, "the signer " + id + " is not a consortium member"));
        if (!member.signingCertificate().equals(fingerprint)) {
            throw reject(Optional.empty(), RejectionReason.SIGNATURE_INVALID, "the signer certificate (SHA-256 "
                    + fingerprint.shortForm() + "…) is not the signing certificate the consortium file lists for " + id);
        }
        checkedCertificates.put(fingerprint, member);
        return member;
    }

    private static String commonName(X509Certificate certificate) {
        RDN[] names = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        if (names.length != 1 || names[0].isMultiValued()) {
            throw reject(Optional.empty(), RejectionReason.SIGNATURE_INVALID,
                    "the signer certificate does not have exactly one CN");
        }
        return IETFUtils.valueToString(names[0].getFirst().getValue());
    }

    private static InstitutionId institution(Optional<PackageId> packageId, String value, String field) {
        try {
            return InstitutionId.of(value);
        } catch (IllegalArgumentException e) {
            throw reject(packageId, field.startsWith("the signer") ? RejectionReason.SIGNATURE_INVALID
                    : RejectionReason.MALFORMED_PACKAGE, field + ": " + e.getMessage());
        }
    }

    private static PackageVerificationException reject(Optional<PackageId> packageId, RejectionReason reason,
            String detail) {
        return new PackageVerificationException(packageId, reason, detail);
    }
}
