package org.baton.trust;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * The key material of one institution, as {@code baton pki issue} writes it into a directory:
 *
 * <pre>
 *   ca.pem            the consortium CA certificate
 *   tls.pem           TLS certificate (ECDSA P-256; CN = institution id; serverAuth + clientAuth)
 *   tls.key.pem       its PKCS#8 private key (0600)
 *   signing.pem       signing certificate (Ed25519; CN = institution id)
 *   signing.key.pem   its PKCS#8 private key (0600)
 * </pre>
 *
 * Loading checks that the pieces belong together: both certificates were issued by the CA in {@code ca.pem} to
 * the same institution and each private key matches its certificate. It does not check validity dates; the TLS
 * layer refuses expired certificates.
 */
public interface InstitutionCredentials {

    String CA_CERTIFICATE_FILE = "ca.pem";
    String TLS_CERTIFICATE_FILE = "tls.pem";
    String TLS_PRIVATE_KEY_FILE = "tls.key.pem";
    String SIGNING_CERTIFICATE_FILE = "signing.pem";
    String SIGNING_PRIVATE_KEY_FILE = "signing.key.pem";

    /** The institution these credentials identify (the CN of both certificates). */
    InstitutionId institutionId();

    /** The consortium CA certificate that issued both certificates. */
    X509Certificate caCertificate();

    /** The TLS certificate presented to peers in both directions of mutual TLS. */
    X509Certificate tlsCertificate();

    /** The private key of {@link #tlsCertificate()}. */
    PrivateKey tlsPrivateKey();

    /** The certificate of the institution's Ed25519 signing key. */
    X509Certificate signingCertificate();

    /** The institution's Ed25519 signing key. */
    SigningKey signingKey();

    /**
     * Writes the five files into the new directory {@code dir} (which must not exist), all or nothing.
     *
     * @throws java.nio.file.FileAlreadyExistsException if {@code dir} exists
     */
    void write(Path dir) throws IOException;

    /**
     * Loads and cross-checks the material in {@code dir}.
     *
     * @throws CredentialsLoadException naming the file at fault
     */
    static InstitutionCredentials load(Path dir) {
        Objects.requireNonNull(dir, "dir");
        return PemInstitutionCredentials.load(dir);
    }
}
