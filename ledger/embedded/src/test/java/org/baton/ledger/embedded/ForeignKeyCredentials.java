package org.baton.ledger.embedded;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.InstitutionId;
import org.baton.trust.SigningKey;

/** Another institution's credentials with a signing key the consortium does not know. */
final class ForeignKeyCredentials implements InstitutionCredentials {

    private final InstitutionCredentials real;
    private final SigningKey key = SigningKey.generate(new SecureRandom());

    ForeignKeyCredentials(InstitutionCredentials real) {
        this.real = real;
    }

    @Override
    public InstitutionId institutionId() {
        return real.institutionId();
    }

    @Override
    public X509Certificate caCertificate() {
        return real.caCertificate();
    }

    @Override
    public X509Certificate tlsCertificate() {
        return real.tlsCertificate();
    }

    @Override
    public PrivateKey tlsPrivateKey() {
        return real.tlsPrivateKey();
    }

    @Override
    public X509Certificate signingCertificate() {
        return real.signingCertificate();
    }

    @Override
    public SigningKey signingKey() {
        return key;
    }

    @Override
    public void write(Path dir) {
        throw new UnsupportedOperationException("test credentials are not written");
    }
}
