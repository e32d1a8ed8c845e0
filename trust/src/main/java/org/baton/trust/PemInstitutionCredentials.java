package org.baton.trust;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

final class PemInstitutionCredentials implements InstitutionCredentials {

    private static final Logger log = LoggerFactory.getLogger(PemInstitutionCredentials.class);

    private final InstitutionId institutionId;
    private final X509Certificate caCertificate;
    private final X509Certificate tlsCertificate;
    private final PrivateKey tlsPrivateKey;
    private final X509Certificate signingCertificate;
    private final Ed25519SigningKey signingKey;

    private PemInstitutionCredentials(InstitutionId institutionId, X509Certificate caCertificate,
            X509Certificate tlsCertificate, PrivateKey tlsPrivateKey, X509Certificate signingCertificate,
            Ed25519SigningKey signingKey) {
        this.institutionId = institutionId;
        this.caCertificate = caCertificate;
        this.tlsCertificate = tlsCertificate;
        this.tlsPrivateKey = tlsPrivateKey;
        this.signingCertificate = signingCertificate;
        this.signingKey = signingKey;
    }

    /** Material just issued by a CA in memory; consistent by construction. */
    static PemInstitutionCredentials issued(InstitutionId id, X509Certificate ca, X509Certificate tls,
            PrivateKey tlsKey, X509Certificate signing, Ed25519SigningKey signingKey) {
        return new PemInstitutionCredentials(id, ca, tls, tlsKey, signing, signingKey);
    }

    static PemInstitutionCredentials load(Path dir) {
        Path caFile = dir.resolve(CA_CERTIFICATE_FILE);
        Path tlsFile = dir.resolve(TLS_CERTIFICATE_FILE);
        Path tlsKeyFile = dir.resolve(TLS_PRIVATE_KEY_FILE);
        Path signingFile = dir.resolve(SIGNING_CERTIFICATE_FILE);
        Path signingKeyFile = dir.resolve(SIGNING_PRIVATE_KEY_FILE);

        X509Certificate ca = Pem.readCertificate(caFile);
        X509Certificate tls = Pem.readCertificate(tlsFile);
        PrivateKey tlsKey = Pem.readEcPrivateKey(tlsKeyFile);
        X509Certificate signing = Pem.readCertificate(signingFile);
        Ed25519PrivateKeyParameters signingSeed = Pem.readEd25519PrivateKey(signingKeyFile);
        warnIfReadableByOthers(tlsKeyFile);
        warnIfReadableByOthers(signingKeyFile);

        if (ca.getBasicConstraints() < 0) {
            throw new CredentialsLoadException(caFile, "certificate " + ca.getSubjectX500Principal()
                    + " is not a CA certificate");
        }
        InstitutionId id = institutionOf(tls, tlsFile);
        InstitutionId signingId = institutionOf(signing, signingFile);
        if (!id.equals(signingId)) {
            throw new CredentialsLoadException(signingFile, "certificate is for institution " + signingId
                    + " but " + TLS_CERTIFICATE_FILE + " is for " + id);
        }
        if (!Certificates.issuedBy(tls, ca)) {
            throw new CredentialsLoadException(tlsFile, "certificate was not issued by the CA in " + caFile);
        }
        if (!Certificates.issuedBy(signing, ca)) {
            throw new CredentialsLoadException(signingFile, "certificate was not issued by the CA in " + caFile);
        }
        if (!"EC".equals(tls.getPublicKey().getAlgorithm())) {
            throw new CredentialsLoadException(tlsFile, "certificate key is " + tls.getPublicKey().getAlgorithm()
                    + ", expected ECDSA P-256");
        }
        if (!Certificates.matches(tlsKey, tls)) {
            throw new CredentialsLoadException(tlsKeyFile, "private key does not match the certificate in " + tlsFile);
        }
        Optional<byte[]> certifiedKey = Certificates.ed25519PublicKey(signing);
        if (certifiedKey.isEmpty()) {
            throw new CredentialsLoadException(signingFile, "certificate does not hold an Ed25519 public key");
        }
        Ed25519SigningKey key = new Ed25519SigningKey(signingSeed);
        if (!Arrays.equals(certifiedKey.get(), key.publicKey().raw())) {
            throw new CredentialsLoadException(signingKeyFile,
                    "private key does not match the certificate in " + signingFile);
        }
        return new PemInstitutionCredentials(id, ca, tls, tlsKey, signing, key);
    }

    private static InstitutionId institutionOf(X509Certificate certificate, Path file) {
        String cn = Certificates.commonName(certificate).orElseThrow(() -> new CredentialsLoadException(file,
                "certificate subject " + certificate.getSubjectX500Principal() + " has no single CN"));
        try {
            return InstitutionId.of(cn);
        } catch (IllegalArgumentException e) {
            throw new CredentialsLoadException(file, "certificate CN: " + e.getMessage(), e);
        }
    }

    private static void warnIfReadableByOthers(Path keyFile) {
        if (Pem.readableByOthers(keyFile)) {
            log.warn("Private key file {} is readable by group or others; restrict it with chmod 600", keyFile);
        }
    }

    @Override
    public void write(Path dir) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(CA_CERTIFICATE_FILE, Pem.encodeCertificate(caCertificate));
        files.put(TLS_CERTIFICATE_FILE, Pem.encodeCertificate(tlsCertificate));
        files.put(TLS_PRIVATE_KEY_FILE, Pem.encodePrivateKey(tlsPrivateKey));
        files.put(SIGNING_CERTIFICATE_FILE, Pem.encodeCertificate(signingCertificate));
        files.put(SIGNING_PRIVATE_KEY_FILE, Pem.encodeEd25519PrivateKey(signingKey.parameters()));
        Pem.writeNewDirectory(dir, files);
    }

    @Override
    public InstitutionId institutionId() {
        return institutionId;
    }

    @Override
    public X509Certificate caCertificate() {
        return caCertificate;
    }

    @Override
    public X509Certificate tlsCertificate() {
        return tlsCertificate;
    }

    @Override
    public PrivateKey tlsPrivateKey() {
        return tlsPrivateKey;
    }

    @Override
    public X509Certificate signingCertificate() {
        return signingCertificate;
    }

    @Override
    public SigningKey signingKey() {
        return signingKey;
    }

    @Override
    public String toString() {
        return "InstitutionCredentials[" + institutionId + ", tls " + Fingerprint.of(tlsCertificate).shortForm() + "]";
    }
}
