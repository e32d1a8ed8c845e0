package org.baton.trust;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A client's trust manager for calling one consortium member: the server must present a certificate issued by
 * the consortium CA, valid now, for the host dialled, and exactly the certificate the consortium file lists for
 * the member being called (a valid certificate of another member is refused too).
 */
final class ServerCertificateTrustManager extends X509ExtendedTrustManager {

    private static final String ROLE = "server";

    private final ConsortiumTrust trust;
    private final Member expected;

    ServerCertificateTrustManager(ConsortiumTrust trust, Member expected) {
        this.trust = trust;
        this.expected = expected;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        X509Certificate leaf = trust.checkLeaf(chain, ROLE);
        trust.pkix().checkServerTrusted(chain, authType, engine);
        checkExpectedMember(leaf);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        X509Certificate leaf = trust.checkLeaf(chain, ROLE);
        trust.pkix().checkServerTrusted(chain, authType, socket);
        checkExpectedMember(leaf);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkServerTrusted(chain, authType, (Socket) null);
    }

    private void checkExpectedMember(X509Certificate leaf) throws CertificateException {
        Fingerprint presented = Fingerprint.of(leaf);
        String commonName = Certificates.commonName(leaf).orElse("(none)");
        if (!presented.equals(expected.tlsCertificate()) || !commonName.equals(expected.id().value())) {
            throw new CertificateException(ConsortiumTrust.describe(leaf, ROLE) + " is not the certificate the "
                    + "consortium file lists for institution " + expected.id() + " (SHA-256 "
                    + expected.tlsCertificate().shortForm() + "…)");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("a peer client's trust manager does not authenticate clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("a peer client's trust manager does not authenticate clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a peer client's trust manager does not authenticate clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[] {trust.ca()};
    }
}
