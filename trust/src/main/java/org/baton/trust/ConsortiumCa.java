package org.baton.trust;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * The consortium certificate authority ({@code baton pki}): an ECDSA P-256 key and its self-signed certificate.
 * It certifies each institution's TLS and signing keys and signs the consortium file.
 *
 * <p>On disk the CA is a directory with {@code ca.pem} (certificate) and {@code ca.key.pem} (PKCS#8, 0600).
 */
public interface ConsortiumCa {

    String CERTIFICATE_FILE = "ca.pem";
    String PRIVATE_KEY_FILE = "ca.key.pem";

    /** The CA certificate, the trust anchor every node is configured with. */
    X509Certificate certificate();

    /**
     * Issues a new institution's key material: a fresh ECDSA P-256 TLS key pair with a certificate (CN = {@code id};
     * SAN localhost, 127.0.0.1 and the endpoint host; serverAuth and clientAuth) and a fresh Ed25519 signing key
     * with a certificate (CN = {@code id}).
     *
     * @param endpoint where the institution's node will accept peers; its host goes into the TLS certificate
     */
    InstitutionCredentials issue(InstitutionId id, PeerEndpoint endpoint, Validity validity);

    /**
     * Signs {@code consortium} and writes it to {@code file} (which must not exist), all or nothing.
     *
     * @throws java.nio.file.FileAlreadyExistsException if {@code file} exists
     */
    void writeConsortium(Consortium consortium, Path file) throws IOException;

    /**
     * Writes {@code ca.pem} and {@code ca.key.pem} into the new directory {@code dir} (which must not exist).
     *
     * @throws java.nio.file.FileAlreadyExistsException if {@code dir} exists
     */
    void write(Path dir) throws IOException;

    /** Creates a new CA named {@code name} (the CN of its certificate). */
    static ConsortiumCa create(String name, Validity validity, SecureRandom random) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(random, "random");
        return BcConsortiumCa.create(name, validity, random);
    }

    /**
     * Loads the CA written by {@link #write(Path)}.
     *
     * @throws CredentialsLoadException naming the file at fault
     */
    static ConsortiumCa load(Path dir, SecureRandom random) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(random, "random");
        return BcConsortiumCa.load(dir, random);
    }

    /**
     * Reads a CA certificate (PEM), the trust anchor a node is configured with.
     *
     * @throws CredentialsLoadException if the file is missing, unreadable or not a CA certificate
     */
    static X509Certificate readCertificate(Path file) {
        Objects.requireNonNull(file, "file");
        X509Certificate certificate = Pem.readCertificate(file);
        if (certificate.getBasicConstraints() < 0) {
            throw new CredentialsLoadException(file,
                    "certificate " + certificate.getSubjectX500Principal() + " is not a CA certificate");
        }
        return certificate;
    }
}
