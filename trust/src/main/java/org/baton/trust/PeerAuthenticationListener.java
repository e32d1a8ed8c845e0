package org.baton.trust;

import java.net.SocketAddress;
import java.util.Optional;

/**
 * Observes the mutual-TLS authentication of peers on a node's peer server. Called on transport threads: return
 * quickly and never throw.
 */
public interface PeerAuthenticationListener {

    /** Ignores every event. */
    PeerAuthenticationListener NONE = new PeerAuthenticationListener() {
    };

    /** A connection completed the TLS handshake with the certificate of a consortium member. */
    default void peerConnected(Member member, SocketAddress remoteAddress) {
    }

    /**
     * A peer was refused: during the TLS handshake (certificate from another CA, expired, ...) or on a call
     * (institution not in the consortium file, no client certificate).
     *
     * @param remoteAddress the peer's address where the transport knows it
     * @param reason what was wrong, naming the certificate (CN and SHA-256 fingerprint); never record contents
     */
    default void peerRefused(Optional<SocketAddress> remoteAddress, String reason) {
    }
}
