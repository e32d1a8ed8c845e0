package org.baton.trust;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Checks a peer's certificate chain against the consortium CA, with reasons an operator can act on, before the
 * JDK's PKIX validation (which also checks key usage and, for servers, the host name).
 */
final class ConsortiumTrust {

    private final X509Certificate ca;
    private final X509ExtendedTrustManager pkix;
    private final Clock clock;

    ConsortiumTrust(X509Certificate ca, Clock clock) {
        this.ca = ca;
        this.clock = clock;
        this.pkix = pkixTrusting(ca);
    }

    X509Certificate ca() {
        return ca;
    }

    X509ExtendedTrustManager pkix() {
        return pkix;
    }

    /** Throws with a clear reason unless the chain's leaf was issued by the consortium CA and is valid now. */
    X509Certificate checkLeaf(X509Certificate[] chain, String role) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the " + role + " presented no certificate");
        }
        X509Certificate leaf = chain[0];
        if (!Certificates.issuedBy(leaf, ca)) {
            throw new CertificateException(describe(leaf, role) + " was not issued by the consortium CA "
                    + ca.getSubjectX500Principal() + " (issuer: " + leaf.getIssuerX500Principal() + ")");
        }
        Instant now = clock.instant();
        if (now.isAfter(leaf.getNotAfter().toInstant())) {
            throw new CertificateExpiredException(describe(leaf, role) + " expired at "
                    + leaf.getNotAfter().toInstant());
        }
        if (now.isBefore(leaf.getNotBefore().toInstant())) {
            throw new CertificateNotYetValidException(describe(leaf, role) + " is not valid before "
                    + leaf.getNotBefore().toInstant());
        }
        if (now.isAfter(ca.getNotAfter().toInstant())) {
            throw new CertificateExpiredException("the consortium CA certificate " + ca.getSubjectX500Principal()
                    + " expired at " + ca.getNotAfter().toInstant());
        }
        return leaf;
    }

    static String describe(X509Certificate certificate, String role) {
        return "the " + role + " certificate CN=" + Certificates.commonName(certificate).orElse("(none)")
                + " (SHA-256 " + Fingerprint.of(certificate).shortForm() + "…)";
    }

    private static X509ExtendedTrustManager pkixTrusting(X509Certificate ca) {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            anchors.setCertificateEntry("baton-consortium-ca", ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(anchors);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager extended) {
                    return extended;
                }
            }
            throw new IllegalStateException("the JDK's PKIX trust manager factory returned no X509ExtendedTrustManager");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build a trust manager for the consortium CA", e);
        }
    }
}
