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
import java.util.EnumSet;
import java.util.Optional;
import org.baton.ledger.GrantId;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.RejectionReason;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
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
                EnumSet.copyOf(java.util.List.of(scopes)), now, Hex128.random());
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
}
