package org.baton.node.portal;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The portal's server certificate: the node's TLS key (the institution's ECDSA P-256 TLS credentials from the
 * trust module) and its certificate chain, leaf first.
 *
 * @param key   the private key
 * @param chain the certificate chain, leaf first
 */
public record PortalTls(PrivateKey key, List<X509Certificate> chain) {

    public PortalTls {
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(Objects.requireNonNull(chain, "chain"));
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("portal TLS certificate chain is empty");
        }
        if (!chain.get(0).getPublicKey().getAlgorithm().equals(keyAlgorithm(key))) {
            throw new IllegalArgumentException("portal TLS key is " + key.getAlgorithm()
                    + " but the certificate's key is " + chain.get(0).getPublicKey().getAlgorithm());
        }
    }

    /**
     * The node's own TLS credentials (ECDSA P-256 key and certificate from the consortium CA), served with the CA
     * certificate as the chain's second element.
     */
    public static PortalTls from(org.baton.trust.InstitutionCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        return new PortalTls(credentials.tlsPrivateKey(),
                List.of(credentials.tlsCertificate(), credentials.caCertificate()));
    }

    private static String keyAlgorithm(PrivateKey key) {
        return key.getAlgorithm().equals("ECDSA") ? "EC" : key.getAlgorithm();
    }

    /** The key and chain in an in-memory PKCS#12 key store under {@code password}. */
    KeyStore keyStore(char[] password) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("portal", key, password, chain.toArray(new X509Certificate[0]));
            return ks;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("building the portal's TLS key store failed", e);
        }
    }

    @Override
    public String toString() {
        return "PortalTls[" + chain.get(0).getSubjectX500Principal() + "]";
    }
}
