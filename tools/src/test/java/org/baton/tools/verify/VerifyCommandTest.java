package org.baton.tools.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HexFormat;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.Ledger;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.ledger.embedded.EmbeddedLedger;
import org.baton.ledger.embedded.EmbeddedLedgerConfig;
import org.baton.ledger.embedded.EmbeddedLedgerServer;
import org.baton.ledger.embedded.LedgerPki;
import org.baton.node.exchange.PackageVerifier;
import org.baton.ledger.testing.LedgerFixtures;
import org.baton.proto.v1.BatchStep;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.LegalBasis;
import org.baton.proto.v1.PackageContent;
import org.baton.proto.v1.PackageHeader;
import org.baton.proto.v1.PersonName;
import org.baton.proto.v1.SignedPackage;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.baton.trust.InstitutionCredentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class VerifyCommandTest {

    private final LedgerPki pki = LedgerPki.shared();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @TempDir
    Path dir;

    private ConsentGrant grant;
    private SignedPackage signed;
    private Path file;

    @BeforeEach
    void savePackage() throws Exception {
        grant = LedgerFixtures.grant(now).build();
        InstitutionCredentials district = pki.credentials(LedgerFixtures.DISTRICT);
        byte[] content = PackageContent.newBuilder()
                .setHeader(PackageHeader.newBuilder()
                        .setFormatVersion(1)
                        .setPackageId(HexFormat.of().formatHex(new byte[16]).replace('0', 'a'))
                        .setGrantId(grant.id().value())
                        .setLegalBasis(LegalBasis.BASIS_CONSENT)
                        .setSender(LedgerFixtures.DISTRICT.value())
                        .setRecipient(LedgerFixtures.UNIVERSITY.value())
                        .addScopes(org.baton.proto.v1.Scope.SCOPE_TRANSCRIPT)
                        .setCreatedAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()))
                        .setRequestId("0123456789abcdef0123456789abcdef"))
                .setRecord(StudentRecord.newBuilder()
                        .setStudent(Student.newBuilder().setSsid("1234567890")
                                .setLegalName(PersonName.newBuilder().setFirst("Ana").setLast("Ruiz"))
                                .setBirthDate("2008-01-02"))
                        .addCourses(CourseRecord.newBuilder().setRecordId("r1").setTitle("English 1"))
                        .addCourses(CourseRecord.newBuilder().setRecordId("r2").setTitle("English 2")))
                .build().toByteArray();
        signed = SignedPackage.newBuilder()
                .setContent(ByteString.copyFrom(content))
                .setSignature(ByteString.copyFrom(district.signingKey().sign(PackageVerifier.signingPayload(content))))
                .setSignerCertificate(ByteString.copyFrom(district.signingCertificate().getEncoded()))
                .build();
        file = dir.resolve("package.bin");
        Files.write(file, signed.toByteArray());
    }

    private int run(String... args) {
        return new CommandLine(new VerifyCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void verifies_a_saved_package_offline_and_shows_what_it_contains() {
        int status = run(file.toString(), "--consortium", pki.consortiumFile().toString(),
                "--ca", pki.caCertificateFile().toString(), "--recipient", LedgerFixtures.UNIVERSITY.value());

        assertThat(status).isZero();
        assertThat(out.toString())
                .contains("package aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa (format 1): VERIFIED")
                .contains("signed by    " + LedgerFixtures.DISTRICT)
                .contains("basis        CONSENT under grant " + grant.id())
                .contains("scopes       TRANSCRIPT")
                .contains("hash         SHA-256 " + Sha256.hash(signed.getContent().toByteArray()).hex())
                .contains("one student; 2 courses")
                .contains("signature    Ed25519, over this package alone")
                .contains("ledger       not checked (no --ledger or --fabric)")
                .doesNotContain("1234567890");
    }

    @Test
    void verifies_a_package_signed_in_a_batch_by_its_path_to_the_signed_root() throws Exception {
        // Built here from package.proto's description, not with the node's signer: two packages, one signature.
        byte[] first = signed.getContent().toByteArray();
        byte[] second = PackageContent.parseFrom(first).toBuilder()
                .setHeader(PackageContent.parseFrom(first).getHeader().toBuilder()
                        .setPackageId("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"))
                .build().toByteArray();
        byte[] left = leaf(first);
        byte[] right = leaf(second);
        byte[] root = sha256(new byte[] {1}, left, right);
        byte[] signature = pki.credentials(LedgerFixtures.DISTRICT).signingKey()
                .sign(concat("baton.package-batch.v1\n".getBytes(StandardCharsets.US_ASCII), root));
        Files.write(file, signed.toBuilder()
                .setSignature(ByteString.copyFrom(signature))
                .addBatchPath(BatchStep.newBuilder().setSibling(ByteString.copyFrom(right)).setSiblingLeft(false))
                .build().toByteArray());

        int status = run(file.toString(), "--consortium", pki.consortiumFile().toString(),
                "--ca", pki.caCertificateFile().toString());

        assertThat(status).isZero();
        assertThat(out.toString())
                .contains("package aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa (format 1): VERIFIED")
                .contains("hash         SHA-256 " + Sha256.hash(first).hex())
                .contains("signature    Ed25519, over a batch the sender signed together (this package's path to its"
                        + " root: 1 step)");

        Files.write(file, signed.toBuilder()
                .setSignature(ByteString.copyFrom(signature))
                .addBatchPath(BatchStep.newBuilder().setSibling(ByteString.copyFrom(right)).setSiblingLeft(true))
                .build().toByteArray());
        assertThat(run(file.toString(), "--consortium", pki.consortiumFile().toString(),
                "--ca", pki.caCertificateFile().toString())).as("the sibling on the wrong side")
                .isEqualTo(VerifyCommand.FAILED);
    }

    private static byte[] leaf(byte[] content) throws Exception {
        return sha256(new byte[] {0}, MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static byte[] sha256(byte[]... parts) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(concat(parts));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            joined.writeBytes(part);
        }
        return joined.toByteArray();
    }

    @Test
    void refuses_a_tampered_package() throws Exception {
        byte[] content = signed.getContent().toByteArray();
        content[content.length - 1] ^= 1;
        Files.write(file, signed.toBuilder().setContent(ByteString.copyFrom(content)).build().toByteArray());

        int status = run(file.toString(), "--consortium", pki.consortiumFile().toString(),
                "--ca", pki.caCertificateFile().toString());

        assertThat(status).isEqualTo(VerifyCommand.FAILED);
        assertThat(err.toString()).contains("baton verify: " + file + ": NOT VERIFIED: package rejected"
                + " (SIGNATURE_INVALID): the signature does not verify with the signing key of "
                + LedgerFixtures.DISTRICT);
    }

    @Test
    void refuses_a_package_addressed_to_another_institution() {
        int status = run(file.toString(), "--consortium", pki.consortiumFile().toString(),
                "--ca", pki.caCertificateFile().toString(), "--recipient", LedgerFixtures.COLLEGE.value());

        assertThat(status).isEqualTo(VerifyCommand.FAILED);
        assertThat(err.toString()).contains("(NOT_EXPECTED): the package is addressed to "
                + LedgerFixtures.UNIVERSITY + ", not to " + LedgerFixtures.COLLEGE);
    }

    @Test
    void finds_the_receipt_naming_the_package_hash_on_the_ledger() throws Exception {
        EmbeddedLedger chain = EmbeddedLedger.open(EmbeddedLedgerConfig.defaults(dir.resolve("ledger")),
                pki.consortium(), pki.operator(), Clock.systemUTC());
        try (EmbeddedLedgerServer server = EmbeddedLedgerServer.serve(chain, new InetSocketAddress("127.0.0.1", 0),
                pki.operator(), pki.consortium())) {
            Ledger district = chain.ledgerFor(LedgerFixtures.DISTRICT,
                    pki.credentials(LedgerFixtures.DISTRICT).signingKey());
            district.writer().createGrant(grant);
            String ledger = "127.0.0.1:" + server.port();
            String[] args = {file.toString(), "--consortium", pki.consortiumFile().toString(),
                    "--ca", pki.caCertificateFile().toString(), "--ledger", ledger,
                    "--credentials", pki.credentialsDirectory(LedgerFixtures.UNIVERSITY).toString()};

            assertThat(run(args)).isEqualTo(VerifyCommand.FAILED);
            assertThat(err.toString()).contains("no receipt on the ledger names hash");

            ReceiptId receipt = ReceiptId.random();
            district.writer().recordReceipt(ExchangeReceipt.underGrant(receipt, grant.id(), LedgerFixtures.DISTRICT,
                    LedgerFixtures.UNIVERSITY, EnumSet.of(Scope.TRANSCRIPT),
                    Sha256.hash(signed.getContent().toByteArray()), now));
            out.getBuffer().setLength(0);

            assertThat(run(args)).isZero();
            assertThat(out.toString()).contains("ledger       receipt " + receipt).contains("names this hash")
                    .contains("not yet acknowledged");
        }
    }
}
