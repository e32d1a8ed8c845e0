package org.baton.trust;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The peer server's trust manager: accepts client certificates issued by the consortium CA and valid now, and
 * tells the listener why it refused any other. Membership in the consortium is checked per call by
 * {@link PeerAuthenticationInterceptor}, where the refusal can carry a gRPC status.
 */
final class ClientCertificateTrustManager extends X509ExtendedTrustManager {

    private static final String ROLE = "client";

    private final ConsortiumTrust trust;
    private final PeerAuthenticationListener listener;

    ClientCertificateTrustManager(ConsortiumTrust trust, PeerAuthenticationListener listener) {
        this.trust = trust;
        this.listener = listener;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            trust.checkLeaf(chain, ROLE);
            trust.pkix().checkClientTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            listener.peerRefused(Optional.empty(), "TLS handshake refused: " + e.getMessage());
            throw e;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        try {
            trust.checkLeaf(chain, ROLE);
            trust.pkix().checkClientTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            listener.peerRefused(Optional.ofNullable(socket).map(Socket::getRemoteSocketAddress),
                    "TLS handshake refused: " + e.getMessage());
            throw e;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkClientTrusted(chain, authType, (Socket) null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("the peer server's trust manager does not authenticate servers");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("the peer server's trust manager does not authenticate servers");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the peer server's trust manager does not authenticate servers");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[] {trust.ca()};
    }
}
