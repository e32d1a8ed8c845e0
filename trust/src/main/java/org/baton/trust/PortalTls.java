package org.baton.trust;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS for HTTPS clients of a node's portal (the demo, benchmarks, soak tests): trust the consortium CA only. */
public final class PortalTls {

    private PortalTls() {
    }

    /**
     * A client context that trusts exactly the given CA, with the JDK's PKIX checks (the HTTP client adds the host
     * name check).
     *
     * @throws IllegalStateException if the JDK cannot build it
     */
    public static SSLContext clientTrusting(X509Certificate caCertificate) {
        Objects.requireNonNull(caCertificate, "caCertificate");
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("consortium-ca", caCertificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a TLS client trusting the consortium CA "
                    + caCertificate.getSubjectX500Principal(), e);
        }
    }
}
