package org.baton.trust;

import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.ServerTransportFilter;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** Reports each connection that completes the TLS handshake with the certificate of a consortium member. */
final class PeerConnectionObserver extends ServerTransportFilter {

    private final Consortium consortium;
    private final PeerAuthenticationListener listener;

    PeerConnectionObserver(Consortium consortium, PeerAuthenticationListener listener) {
        this.consortium = consortium;
        this.listener = listener;
    }

    @Override
    public Attributes transportReady(Attributes attributes) {
        SSLSession session = attributes.get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        SocketAddress remote = attributes.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        if (session != null) {
            try {
                Certificate[] chain = session.getPeerCertificates();
                if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
                    Optional<Member> member = consortium.memberForTlsCertificate(leaf);
                    // Non-members are refused, and reported, on their first call by the interceptor.
                    member.ifPresent(m -> listener.peerConnected(m, remote));
                }
            } catch (SSLPeerUnverifiedException e) {
                // Not reachable with client authentication required; the interceptor refuses such calls.
            }
        }
        return attributes;
    }
}
