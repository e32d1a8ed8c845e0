package org.baton.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import org.baton.proto.v1.SignedPackage;
import org.baton.trust.InstitutionCredentials;

/**
 * Hostile packages (what a peer sends in {@code PeerExchange.DeliverRecords}, or what {@code baton verify} reads):
 * whatever the bytes, {@link PackageVerifier} returns a verified package or throws
 * {@link PackageVerificationException} with a reason, never anything else. The second target signs the fuzzed
 * content with a member's real key, so the fuzzer reaches the checks after the signature.
 *
 * <p>Seeds: {@code src/test/resources/org/baton/node/exchange/PackageVerifierFuzzTestInputs/<method>/}. See
 * {@code docs/testing.md} for fuzzing longer.
 */
class PackageVerifierFuzzTest {

    private static final ExchangeHarness HARNESS = new ExchangeHarness(Path.of("unused"));
    private static final PackageVerifier VERIFIER = PackageVerifier.create(HARNESS.consortium,
            HARNESS.ca.certificate());
    private static final InstitutionCredentials DISTRICT = HARNESS.credentials(ExchangeHarness.DISTRICT);

    @FuzzTest(maxDuration = "2m")
    void any_signed_package_bytes_verify_or_are_refused_with_a_reason(byte[] bytes) {
        SignedPackage signed;
        try {
            signed = SignedPackage.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            return; // the gRPC layer refuses these before the handler runs
        }
        verifyOrRefuse(signed);
    }

    @FuzzTest(maxDuration = "2m")
    void any_content_signed_by_a_member_verifies_or_is_refused_with_a_reason(byte[] content) {
        try {
            SignedPackage signed = SignedPackage.newBuilder()
                    .setContent(ByteString.copyFrom(content))
                    .setSignature(ByteString.copyFrom(DISTRICT.signingKey().sign(
                            PackageVerifier.signingPayload(content))))
                    .setSignerCertificate(ByteString.copyFrom(DISTRICT.signingCertificate().getEncoded()))
                    .build();
            verifyOrRefuse(signed);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void verifyOrRefuse(SignedPackage signed) {
        try {
            VerifiedPackage verified = VERIFIER.verify(signed);
            assertThat(verified).isNotNull();
        } catch (PackageVerificationException e) {
            assertThat(e.getMessage()).startsWith("package").isNotBlank();
            assertThat(e.reason()).isNotNull();
        }
    }
}
