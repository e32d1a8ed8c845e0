package org.baton.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConsortiumCaTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Validity TEN_YEARS = Validity.startingAt(Instant.now(), Duration.ofDays(3650));

    @TempDir
    Path dir;

    @Nested
    class Create {

        @Test
        void makes_a_self_signed_ecdsa_p256_ca_certificate() throws Exception {
            ConsortiumCa ca = ConsortiumCa.create("California Baton Consortium", TEN_YEARS, RANDOM);

            X509Certificate certificate = ca.certificate();
            assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=California Baton Consortium");
            assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
            assertThat(certificate.getBasicConstraints()).isZero();
            assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("EC");
            assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
            certificate.verify(certificate.getPublicKey());
        }

        @Test
        void round_trips_through_its_directory_with_a_private_key_only_the_owner_reads() throws Exception {
            ConsortiumCa ca = ConsortiumCa.create("Test CA", TEN_YEARS, RANDOM);
            ca.write(dir.resolve("ca"));

            ConsortiumCa loaded = ConsortiumCa.load(dir.resolve("ca"), RANDOM);

            assertThat(loaded.certificate()).isEqualTo(ca.certificate());
            assertThat(PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("ca").resolve(ConsortiumCa.PRIVATE_KEY_FILE))))
                    .isEqualTo("rw-------");
            assertThat(Files.readString(dir.resolve("ca").resolve(ConsortiumCa.PRIVATE_KEY_FILE)))
                    .startsWith("-----BEGIN PRIVATE KEY-----");
        }

        @Test
        void refuses_to_overwrite_an_existing_directory() throws Exception {
            Files.createDirectories(dir.resolve("ca"));
            ConsortiumCa ca = ConsortiumCa.create("Test CA", TEN_YEARS, RANDOM);

            assertThatThrownBy(() -> ca.write(dir.resolve("ca")))
                    .isInstanceOf(FileAlreadyExistsException.class)
                    .hasMessageContaining("refusing to overwrite existing key material");
        }

        @Test
        void refuses_to_load_a_key_that_does_not_match_the_certificate() throws Exception {
            ConsortiumCa.create("Test CA", TEN_YEARS, RANDOM).write(dir.resolve("a"));
            ConsortiumCa.create("Test CA", TEN_YEARS, RANDOM).write(dir.resolve("b"));
            Files.copy(dir.resolve("b").resolve("ca.key.pem"), dir.resolve("a").resolve("ca.key.pem"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            assertThatThrownBy(() -> ConsortiumCa.load(dir.resolve("a"), RANDOM))
                    .isInstanceOf(CredentialsLoadException.class)
                    .hasMessage("cannot load " + dir.resolve("a").resolve("ca.key.pem")
                            + ": private key does not match the certificate in " + dir.resolve("a").resolve("ca.pem"));
        }
    }

    @Nested
    class Issue {

        private final ConsortiumCa ca = ConsortiumCa.create("Test CA", TEN_YEARS, RANDOM);
        private final InstitutionCredentials issued = ca.issue(InstitutionId.of("110635"),
                PeerEndpoint.parse("node.berkeley.example:7443"), Validity.startingAt(Instant.now(), Duration.ofDays(365)));

        @Test
        void certifies_a_tls_key_for_both_ends_of_mutual_tls() throws Exception {
            X509Certificate tls = issued.tlsCertificate();

            assertThat(tls.getSubjectX500Principal().getName()).isEqualTo("CN=110635,OU=Baton TLS");
            assertThat(tls.getPublicKey().getAlgorithm()).isEqualTo("EC");
            assertThat(tls.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
            assertThat(tls.getBasicConstraints()).isEqualTo(-1);
            assertThat(tls.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                    List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(2, "node.berkeley.example"));
            tls.verify(ca.certificate().getPublicKey());
        }

        @Test
        void certifies_an_ed25519_signing_key() throws Exception {
            X509Certificate signing = issued.signingCertificate();

            assertThat(signing.getSubjectX500Principal().getName()).isEqualTo("CN=110635,OU=Baton signing");
            assertThat(signing.getPublicKey().getAlgorithm()).isIn("Ed25519", "EdDSA");
            assertThat(Certificates.ed25519PublicKey(signing)).hasValueSatisfying(
                    raw -> assertThat(raw).isEqualTo(issued.signingKey().publicKey().raw()));
            signing.verify(ca.certificate().getPublicKey());
        }

        @Test
        void puts_an_ip_address_endpoint_into_the_certificate_as_an_ip_address() throws Exception {
            InstitutionCredentials byIp = ca.issue(InstitutionId.of("CSAC"), PeerEndpoint.parse("10.1.2.3:7443"),
                    Validity.startingAt(Instant.now(), Duration.ofDays(1)));

            assertThat(byIp.tlsCertificate().getSubjectAlternativeNames()).contains(List.of(7, "10.1.2.3"));
        }
    }
}
