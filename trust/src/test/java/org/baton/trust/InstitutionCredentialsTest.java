package org.baton.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class InstitutionCredentialsTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Validity YEAR = Validity.startingAt(Instant.now(), Duration.ofDays(365));
    private static final PeerEndpoint ENDPOINT = PeerEndpoint.parse("127.0.0.1:7443");

    @TempDir
    Path dir;

    private ConsortiumCa ca;
    private Path berkeley;

    @BeforeEach
    void issue() throws Exception {
        ca = ConsortiumCa.create("Test CA", YEAR, RANDOM);
        berkeley = dir.resolve("110635");
        ca.issue(InstitutionId.of("110635"), ENDPOINT, YEAR).write(berkeley);
    }

    @Nested
    class Load {

        @Test
        void reads_back_what_was_written() {
            InstitutionCredentials loaded = InstitutionCredentials.load(berkeley);

            assertThat(loaded.institutionId()).isEqualTo(InstitutionId.of("110635"));
            assertThat(loaded.caCertificate()).isEqualTo(ca.certificate());
            byte[] data = "x".getBytes(StandardCharsets.UTF_8);
            assertThat(loaded.signingKey().publicKey().verify(data, loaded.signingKey().sign(data))).isTrue();
        }

        @Test
        void keeps_private_keys_readable_by_the_owner_only() throws Exception {
            for (String key : new String[] {"tls.key.pem", "signing.key.pem"}) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(berkeley.resolve(key))))
                        .isEqualTo("rw-------");
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(berkeley))).isEqualTo("rwx------");
        }

        @Test
        void writes_keys_as_plain_pkcs8_that_the_jdk_reads_too() throws Exception {
            for (String[] key : new String[][] {{"tls.key.pem", "EC"}, {"signing.key.pem", "Ed25519"}}) {
                String pem = Files.readString(berkeley.resolve(key[0]));
                byte[] der = java.util.Base64.getMimeDecoder().decode(pem
                        .replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", ""));

                assertThat(java.security.KeyFactory.getInstance(key[1])
                        .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der)).getAlgorithm())
                        .isIn("EC", "EdDSA", "Ed25519");
                assertThat(der[4]).as("PKCS#8 version of " + key[0]).isZero();
            }
        }

        @Test
        void names_a_missing_file() throws Exception {
            Files.delete(berkeley.resolve("signing.pem"));

            assertThatThrownBy(() -> InstitutionCredentials.load(berkeley))
                    .isInstanceOf(CredentialsLoadException.class)
                    .hasMessage("cannot load " + berkeley.resolve("signing.pem") + ": file does not exist");
        }

        @Test
        void refuses_a_tls_key_of_another_institution() throws Exception {
            Path other = dir.resolve("other");
            ca.issue(InstitutionId.of("110644"), ENDPOINT, YEAR).write(other);
            Files.copy(other.resolve("tls.key.pem"), berkeley.resolve("tls.key.pem"), StandardCopyOption.REPLACE_EXISTING);

            assertThatThrownBy(() -> InstitutionCredentials.load(berkeley))
                    .isInstanceOf(CredentialsLoadException.class)
                    .hasMessage("cannot load " + berkeley.resolve("tls.key.pem")
                            + ": private key does not match the certificate in " + berkeley.resolve("tls.pem"));
        }

        @Test
        void refuses_a_signing_certificate_of_another_institution() throws Exception {
            Path other = dir.resolve("other");
            ca.issue(InstitutionId.of("110644"), ENDPOINT, YEAR).write(other);
            Files.copy(other.resolve("signing.pem"), berkeley.resolve("signing.pem"), StandardCopyOption.REPLACE_EXISTING);

            assertThatThrownBy(() -> InstitutionCredentials.load(berkeley))
                    .isInstanceOf(CredentialsLoadException.class)
                    .hasMessage("cannot load " + berkeley.resolve("signing.pem")
                            + ": certificate is for institution 110644 but tls.pem is for 110635");
        }

        @Test
        void refuses_certificates_from_another_ca() throws Exception {
            ConsortiumCa other = ConsortiumCa.create("Other CA", YEAR, RANDOM);
            other.write(dir.resolve("other-ca"));
            Files.copy(dir.resolve("other-ca").resolve("ca.pem"), berkeley.resolve("ca.pem"),
                    StandardCopyOption.REPLACE_EXISTING);

            assertThatThrownBy(() -> InstitutionCredentials.load(berkeley))
                    .isInstanceOf(CredentialsLoadException.class)
                    .hasMessage("cannot load " + berkeley.resolve("tls.pem")
                            + ": certificate was not issued by the CA in " + berkeley.resolve("ca.pem"));
        }

        @Test
        void refuses_a_key_where_a_certificate_belongs() throws Exception {
            Files.copy(berkeley.resolve("tls.key.pem"), berkeley.resolve("tls.pem"), StandardCopyOption.REPLACE_EXISTING);

            assertThatThrownBy(() -> InstitutionCredentials.load(berkeley))
                    .isInstanceOf(CredentialsLoadException.class)
                    .hasMessage("cannot load " + berkeley.resolve("tls.pem")
                            + ": holds a PEM PRIVATE KEY block, expected CERTIFICATE");
        }
    }
}
