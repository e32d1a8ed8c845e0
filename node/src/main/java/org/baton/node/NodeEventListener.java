package org.baton.node;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import org.baton.trust.InstitutionId;

/**
 * Observes a node's operator events. Attach one through {@link NodeApp#create(org.baton.node.config.NodeConfig,
 * java.util.List)} instead of parsing logs. Methods are called on the thread where the event happens (transport
 * threads for peer events): return quickly. An exception thrown here is logged and otherwise ignored.
 */
public interface NodeEventListener {

    /** The node is serving: its peer and admin servers are bound. */
    default void nodeStarted(InstitutionId institution, InetSocketAddress peerAddress, InetSocketAddress adminAddress) {
    }

    /**
     * The node is serving: its peer and admin servers and, when configured, its portal are bound. By default this
     * calls {@link #nodeStarted(InstitutionId, InetSocketAddress, InetSocketAddress)}.
     *
     * @param portalAddress where the portal serves HTTPS; empty when the node serves no portal
     */
    default void nodeStarted(InstitutionId institution, InetSocketAddress peerAddress, InetSocketAddress adminAddress,
            Optional<InetSocketAddress> portalAddress) {
        nodeStarted(institution, peerAddress, adminAddress);
    }

    /** The node has stopped and released its resources. */
    default void nodeStopped(InstitutionId institution) {
    }

    /** A consortium member connected to the peer server with mutual TLS. */
    default void peerConnected(InstitutionId peer, SocketAddress remoteAddress) {
    }

    /**
     * A peer was refused: at the TLS handshake (another CA, expired) or on a call (not in the consortium file).
     *
     * @param reason names the certificate (CN, SHA-256 fingerprint) and what was wrong
     */
    default void peerRefused(Optional<SocketAddress> remoteAddress, String reason) {
    }

    /** A checkpoint of the record store was written to {@code target}. */
    default void checkpointCreated(Path target) {
    }
}
