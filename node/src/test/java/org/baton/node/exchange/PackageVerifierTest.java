package org.baton.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.baton.node.exchange.ExchangeHarness.DISTRICT;
import static org.baton.node.exchange.ExchangeHarness.UNIVERSITY;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.baton.ledger.GrantId;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.RejectionReason;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.proto.v1.BatchStep;
import org.baton.proto.v1.PackageContent;
import org.baton.proto.v1.SignedPackage;
import org.baton.proto.v1.StudentRecord;
import org.baton.trust.ConsortiumCa;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.PeerEndpoint;
import org.baton.trust.Validity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PackageVerifierTest {

    @TempDir
    Path dir;

    ExchangeHarness harness;
    PackageVerifier verifier;
    PackageSigner district;
    GrantId grant = GrantId.random();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @BeforeEach
    void setUp() {
        harness = new ExchangeHarness(dir);
        verifier = PackageVerifier.create(harness.consortium, harness.ca.certificate());
        district = new PackageSigner(harness.credentials(DISTRICT));
    }

    private PackageSigner.Header header(Scope... scopes) {
        return new PackageSigner.Header(PackageId.random(), Optional.of(grant), LegalBasis.CONSENT, UNIVERSITY,
                EnumSet.copyOf(List.of(scopes)), now, Hex128.random());
    }

    private StudentRecord transcript() {
        return ScopeFilter.filter(Students.record(1, DISTRICT.value(), 3), EnumSet.of(Scope.TRANSCRIPT));
    }

    @Nested
    class Accepts {

        @Test
        void a_package_signed_by_a_member_and_reports_its_header_and_hash() {
            PackageSigner.Header header = header(Scope.TRANSCRIPT);
            SignedPackage signed = district.sign(header, transcript());

            VerifiedPackage verified = verifier.verifyAddressedTo(signed, UNIVERSITY);

            assertThat(verified.packageId()).isEqualTo(header.packageId());
            assertThat(verified.sender()).isEqualTo(DISTRICT);
            assertThat(verified.recipient()).isEqualTo(UNIVERSITY);
            assertThat(verified.grant()).contains(grant);
            assertThat(verified.basis()).isEqualTo(LegalBasis.CONSENT);
            assertThat(verified.scopes()).containsExactly(Scope.TRANSCRIPT);
            assertThat(verified.createdAt()).isEqualTo(now);
            assertThat(verified.hash()).isEqualTo(Sha256.hash(signed.getContent().toByteArray()));
            assertThat(verified.record().getCoursesCount()).isEqualTo(3);
            assertThat(verified.toString()).doesNotContain(Students.ssid(1));
        }

        @Test
        void a_package_whose_content_is_what_protobuf_serializes_for_its_header_and_record() throws Exception {
            SignedPackage signed = district.sign(header(Scope.TRANSCRIPT), transcript());
            PackageContent content = PackageContent.parseFrom(signed.getContent());

            assertThat(content.getRecord()).isEqualTo(transcript());
            assertThat(signed.getContent().toByteArray()).isEqualTo(content.toByteArray());
        }

        @Test
        void a_package_saved_to_a_file() throws Exception {
            SignedPackage signed = district.sign(header(Scope.TRANSCRIPT), transcript());
            Path file = dir.resolve("package.bin");
            Files.write(file, signed.toByteArray());

            assertThat(verifier.verify(PackageVerifier.read(file)).sender()).isEqualTo(DISTRICT);
        }
    }

    @Nested
    class Rejects {

        @Test
        void content_changed_after_signing() {
            SignedPackage signed = district.sign(header(Scope.TRANSCRIPT), transcript());
            byte[] content = signed.getContent().toByteArray();
            content[content.length / 2] ^= 0x20;
            SignedPackage tampered = signed.toBuilder().setContent(ByteString.copyFrom(content)).build();

            assertThatThrownBy(() -> verifier.verify(tampered))
                    .isInstanceOf(PackageVerificationException.class)
                    .hasMessage("package rejected (SIGNATURE_INVALID): the signature does not verify with the signing"
                            + " key of " + DISTRICT)
                    .extracting(e -> ((PackageVerificationException) e).reason())
                    .isEqualTo(RejectionReason.SIGNATURE_INVALID);
        }

        @Test
        void a_signer_certificate_from_another_ca() {
            ConsortiumCa other = ConsortiumCa.create("Other CA", Validity.startingAt(now.minus(Duration.ofDays(1)),
                    Duration.ofDays(30)), new SecureRandom());
            InstitutionCredentials impostor = other.issue(DISTRICT, new PeerEndpoint("127.0.0.1", 7000),
                    Validity.startingAt(now.minus(Duration.ofDays(1)), Duration.ofDays(30)));
            SignedPackage signed = new PackageSigner(impostor).sign(header(Scope.TRANSCRIPT), transcript());

            assertThatThrownBy(() -> verifier.verify(signed))
                    .isInstanceOf(PackageVerificationException.class)
                    .hasMessageStartingWith("package rejected (SIGNATURE_INVALID): the signer certificate was issued by"
                            + " CN=Other CA, not by the consortium CA");
        }

        @Test
        void a_certificate_of_the_ca_that_the_consortium_file_does_not_list() {
            InstitutionCredentials reissued = harness.ca.issue(DISTRICT, new PeerEndpoint("127.0.0.1", 7000),
                    Validity.startingAt(now.minus(Duration.ofDays(1)), Duration.ofDays(30)));
            SignedPackage signed = new PackageSigner(reissued).sign(header(Scope.TRANSCRIPT), transcript());

            assertThatThrownBy(() -> verifier.verify(signed))
                    .isInstanceOf(PackageVerificationException.class)
                    .hasMessageContaining("is not the signing certificate the consortium file lists for " + DISTRICT);
        }

        @Test
        void a_package_addressed_to_another_institution() {
            SignedPackage signed = district.sign(header(Scope.TRANSCRIPT), transcript());

            assertThatThrownBy(() -> verifier.verifyAddressedTo(signed, ExchangeHarness.COLLEGE))
                    .isInstanceOf(PackageVerificationException.class)
                    .hasMessageEndingWith("(NOT_EXPECTED): the package is addressed to " + UNIVERSITY + ", not to "
                            + ExchangeHarness.COLLEGE);
        }

        @Test
        void records_the_scopes_do_not_disclose() {
            StudentRecord tooMuch = Students.record(1, DISTRICT.value(), 3);

            SignedPackage signed = district.sign(header(Scope.TRANSCRIPT), tooMuch);

            assertThatThrownBy(() -> verifier.verify(signed))
                    .isInstanceOf(PackageVerificationException.class)
                    .hasMessageContaining("(SCOPE_MISMATCH): the records hold [student.demographics, student.residency,"
                            + " student.eligibility[FOSTER_YOUTH], student.eligibility[CALFRESH], reported_gpas,"
                            + " financial_aid]");
        }

        @Test
        void a_consent_package_without_a_grant() {
            PackageSigner.Header header = new PackageSigner.Header(PackageId.random(), Optional.empty(),
                    LegalBasis.CONSENT, UNIVERSITY, EnumSet.of(Scope.TRANSCRIPT), now, Hex128.random());
            SignedPackage signed = district.sign(header, transcript());

            assertThatThrownBy(() -> verifier.verify(signed))
                    .isInstanceOf(PackageVerificationException.class)
                    .hasMessageEndingWith("(MALFORMED_PACKAGE): header names basis CONSENT but no grant: a package"
                            + " names a grant exactly when its basis is CONSENT");
        }

        @Test
        void content_that_is_not_a_package() throws Exception {
            byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff};
            SignedPackage real = district.sign(header(Scope.TRANSCRIPT), transcript());
            SignedPackage signed = real.toBuilder()
                    .setContent(ByteString.copyFrom(garbage))
                    .setSignature(ByteString.copyFrom(harness.credentials(DISTRICT).signingKey()
                            .sign(PackageVerifier.signingPayload(garbage))))
                    .build();

            assertThatThrownBy(() -> verifier.verify(signed))
                    .isInstanceOf(PackageVerificationException.class)
                    .hasMessageStartingWith("package rejected (MALFORMED_PACKAGE): the signed content is not a"
                            + " PackageContent");
            assertThat(PackageContent.parser()).isNotNull();
        }

        @Test
        void a_file_that_holds_no_package() throws Exception {
            Path file = dir.resolve("empty.bin");
            Files.write(file, new byte[0]);

            assertThatThrownBy(() -> PackageVerifier.read(file))
                    .isInstanceOf(PackageVerificationException.class)
                    .hasMessage("package rejected (MALFORMED_PACKAGE): " + file + " holds no package content");
        }
    }
    @Nested
    class SignedInBatches {

        private List<SignedPackage> batch(int size) {
            List<PackageSigner.Unsigned> contents = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                contents.add(district.content(header(Scope.TRANSCRIPT), transcript().toByteArray()));
            }
            return district.signTogether(contents).stream().map(PackageSigner.Signed::pkg).toList();
        }

        private PackageVerifier fresh() {
            return PackageVerifier.create(harness.consortium, harness.ca.certificate());
        }

        private void rejected(SignedPackage pkg, String detail) {
            assertThatThrownBy(() -> fresh().verify(pkg))
                    .isInstanceOf(PackageVerificationException.class)
                    .hasMessage("package rejected (SIGNATURE_INVALID): " + detail)
                    .extracting(e -> ((PackageVerificationException) e).reason())
                    .isEqualTo(RejectionReason.SIGNATURE_INVALID);
        }

        private SignedPackage withStep(SignedPackage pkg, int step, BatchStep replacement) {
            return pkg.toBuilder().setBatchPath(step, replacement).build();
        }

        @Test
        void every_package_of_a_batch_verifies_alone_under_the_one_signature() {
            for (int size : new int[] {2, 3, 5, 8, 13}) {
                List<SignedPackage> batch = batch(size);

                assertThat(batch).extracting(SignedPackage::getSignature).containsOnly(batch.get(0).getSignature());
                for (SignedPackage pkg : batch) {
                    VerifiedPackage verified = fresh().verify(pkg);
                    assertThat(verified.hash()).isEqualTo(Sha256.hash(pkg.getContent().toByteArray()));
                    assertThat(verified.sender()).isEqualTo(DISTRICT);
                }
            }
        }

        @Test
        void one_verifier_checks_a_whole_batch_and_still_rejects_a_changed_one() {
            List<SignedPackage> batch = batch(6);
            byte[] content = batch.get(5).getContent().toByteArray();
            content[content.length / 2] ^= 0x20;

            assertThat(batch).allSatisfy(pkg -> verifier.verify(pkg));
            assertThatThrownBy(() -> verifier.verify(batch.get(5).toBuilder().setContent(ByteString.copyFrom(content))
                    .build()))
                    .hasMessage("package rejected (SIGNATURE_INVALID): the batch signature does not verify with the"
                            + " signing key of " + DISTRICT);
            byte[] signature = batch.get(0).getSignature().toByteArray();
            signature[10] ^= 0x01;
            assertThatThrownBy(() -> verifier.verify(batch.get(0).toBuilder().setSignature(ByteString.copyFrom(signature))
                    .build()))
                    .as("a verified root with another signature")
                    .hasMessageContaining("the batch signature does not verify");
        }

        @Test
        void content_changed_after_signing() {
            SignedPackage pkg = batch(4).get(1);
            byte[] content = pkg.getContent().toByteArray();
            content[content.length / 2] ^= 0x20;

            rejected(pkg.toBuilder().setContent(ByteString.copyFrom(content)).build(),
                    "the batch signature does not verify with the signing key of " + DISTRICT);
        }

        @Test
        void a_sibling_changed_or_moved_to_the_other_side() {
            SignedPackage pkg = batch(4).get(2);
            byte[] sibling = pkg.getBatchPath(1).getSibling().toByteArray();
            sibling[0] ^= 0x01;

            rejected(withStep(pkg, 1, pkg.getBatchPath(1).toBuilder().setSibling(ByteString.copyFrom(sibling)).build()),
                    "the batch signature does not verify with the signing key of " + DISTRICT);
            rejected(withStep(pkg, 0, pkg.getBatchPath(0).toBuilder()
                            .setSiblingLeft(!pkg.getBatchPath(0).getSiblingLeft()).build()),
                    "the batch signature does not verify with the signing key of " + DISTRICT);
        }

        @Test
        void another_package_of_the_batch_with_this_ones_path() {
            List<SignedPackage> batch = batch(4);

            rejected(batch.get(0).toBuilder().clearBatchPath().addAllBatchPath(batch.get(1).getBatchPathList()).build(),
                    "the batch signature does not verify with the signing key of " + DISTRICT);
        }

        @Test
        void a_batch_signature_without_its_path_and_a_lone_signature_with_a_path() {
            SignedPackage inBatch = batch(2).get(0);
            SignedPackage alone = district.sign(header(Scope.TRANSCRIPT), transcript());

            rejected(inBatch.toBuilder().clearBatchPath().build(),
                    "the signature does not verify with the signing key of " + DISTRICT);
            rejected(alone.toBuilder().addBatchPath(inBatch.getBatchPath(0)).build(),
                    "the batch signature does not verify with the signing key of " + DISTRICT);
        }

        @Test
        void a_path_too_long_or_with_a_sibling_of_the_wrong_size() {
            SignedPackage pkg = batch(2).get(0);
            SignedPackage.Builder tooLong = pkg.toBuilder();
            for (int i = 0; i < BatchTree.MAX_STEPS; i++) {
                tooLong.addBatchPath(pkg.getBatchPath(0));
            }
            String detail = "the batch path has more than 32 steps or a sibling that is not 32 bytes";

            rejected(tooLong.build(), detail);
            rejected(withStep(pkg, 0, pkg.getBatchPath(0).toBuilder()
                    .setSibling(pkg.getBatchPath(0).getSibling().substring(1)).build()), detail);
        }

        @Test
        void a_batch_signature_presented_under_another_members_certificate() {
            SignedPackage pkg = batch(2).get(0);
            SignedPackage college = new PackageSigner(harness.credentials(ExchangeHarness.COLLEGE))
                    .sign(header(Scope.TRANSCRIPT), transcript());

            verifier.verify(pkg);
            assertThatThrownBy(() -> verifier.verify(pkg.toBuilder()
                    .setSignerCertificate(college.getSignerCertificate()).build()))
                    .isInstanceOf(PackageVerificationException.class)
                    .hasMessageContaining("(SIGNATURE_INVALID)");
        }
    }
}
