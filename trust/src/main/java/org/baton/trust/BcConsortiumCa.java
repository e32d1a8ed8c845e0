package org.baton.trust;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

final class BcConsortiumCa implements ConsortiumCa {

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final SecureRandom random;

    private BcConsortiumCa(X509Certificate certificate, PrivateKey privateKey, SecureRandom random) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.random = random;
    }

    static BcConsortiumCa create(String name, Validity validity, SecureRandom random) {
        if (name.isBlank() || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("CA name '" + name + "' is blank or contains control characters");
        }
        KeyPair keys = Certificates.generateP256(random);
        return new BcConsortiumCa(Certificates.selfSignedCa(name, keys, validity, random), keys.getPrivate(), random);
    }

    static BcConsortiumCa load(Path dir, SecureRandom random) {
        Path certificateFile = dir.resolve(CERTIFICATE_FILE);
        Path keyFile = dir.resolve(PRIVATE_KEY_FILE);
        X509Certificate certificate = ConsortiumCa.readCertificate(certificateFile);
        PrivateKey key = Pem.readEcPrivateKey(keyFile);
        if (!Certificates.issuedBy(certificate, certificate)) {
            throw new CredentialsLoadException(certificateFile, "CA certificate is not self-signed");
        }
        if (!Certificates.matches(key, certificate)) {
            throw new CredentialsLoadException(keyFile, "private key does not match the certificate in "
                    + certificateFile);
        }
        return new BcConsortiumCa(certificate, key, random);
    }

    @Override
    public X509Certificate certificate() {
        return certificate;
    }

    @Override
    public InstitutionCredentials issue(InstitutionId id, PeerEndpoint endpoint, Validity validity) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(validity, "validity");
        KeyPair tlsKeys = Certificates.generateP256(random);
        X509Certificate tls = Certificates.tls(certificate, privateKey, id, tlsKeys.getPublic(), endpoint.host(),
                validity, random);
        Ed25519SigningKey signingKey = new Ed25519SigningKey(new Ed25519PrivateKeyParameters(random));
        X509Certificate signing = Certificates.signing(certificate, privateKey, id,
                ((Ed25519VerifyingKey) signingKey.publicKey()).parameters(), validity, random);
        return PemInstitutionCredentials.issued(id, certificate, tls, tlsKeys.getPrivate(), signing, signingKey);
    }

    @Override
    public void writeConsortium(Consortium consortium, Path file) throws IOException {
        Objects.requireNonNull(consortium, "consortium");
        Objects.requireNonNull(file, "file");
        ConsortiumFile.write(consortium, file, certificate, privateKey);
    }

    @Override
    public void write(Path dir) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(CERTIFICATE_FILE, Pem.encodeCertificate(certificate));
        files.put(PRIVATE_KEY_FILE, Pem.encodePrivateKey(privateKey));
        Pem.writeNewDirectory(dir, files);
    }

    @Override
    public String toString() {
        return "ConsortiumCa[" + certificate.getSubjectX500Principal() + ", "
                + Fingerprint.of(certificate).shortForm() + "]";
    }
}
