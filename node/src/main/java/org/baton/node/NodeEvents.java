package org.baton.node;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.baton.trust.InstitutionId;
import org.baton.trust.Member;
import org.baton.trust.PeerAuthenticationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's operator events: each is a named method that logs one line (ids, addresses and fingerprints only,
 * never record contents) and tells every {@link NodeEventListener}.
 */
public final class NodeEvents {

    private static final Logger log = LoggerFactory.getLogger(NodeEvents.class);

    private final List<NodeEventListener> listeners;

    public NodeEvents(List<NodeEventListener> listeners) {
        this.listeners = List.copyOf(Objects.requireNonNull(listeners, "listeners"));
    }

    public void nodeStarted(InstitutionId institution, InetSocketAddress peerAddress, InetSocketAddress adminAddress,
            Optional<InetSocketAddress> portalAddress) {
        log.info("Node {} started: peer server (mutual TLS) on {}, admin server on {}, portal {}", institution,
                format(peerAddress), format(adminAddress),
                portalAddress.map(a -> "(HTTPS) on " + format(a)).orElse("not configured"));
        tell(listener -> listener.nodeStarted(institution, peerAddress, adminAddress, portalAddress));
    }

    public void nodeStopped(InstitutionId institution) {
        log.info("Node {} stopped", institution);
        tell(listener -> listener.nodeStopped(institution));
    }

    public void peerConnected(InstitutionId peer, SocketAddress remoteAddress) {
        log.info("Peer {} connected from {}", peer, remoteAddress);
        tell(listener -> listener.peerConnected(peer, remoteAddress));
    }

    public void peerRefused(Optional<SocketAddress> remoteAddress, String reason) {
        log.warn("Peer{} refused: {}", remoteAddress.map(address -> " " + address).orElse(""), reason);
        tell(listener -> listener.peerRefused(remoteAddress, reason));
    }

    public void checkpointCreated(Path target) {
        log.info("Store checkpoint written to {}", target);
        tell(listener -> listener.checkpointCreated(target));
    }

    /** These events as the trust layer's listener for peer authentication. */
    PeerAuthenticationListener peerAuthentication() {
        return new PeerAuthenticationListener() {
            @Override
            public void peerConnected(Member member, SocketAddress remoteAddress) {
                NodeEvents.this.peerConnected(member.id(), remoteAddress);
            }

            @Override
            public void peerRefused(Optional<SocketAddress> remoteAddress, String reason) {
                NodeEvents.this.peerRefused(remoteAddress, reason);
            }
        };
    }

    private void tell(Consumer<NodeEventListener> event) {
        for (NodeEventListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                log.warn("Node event listener {} failed", listener.getClass().getName(), e);
            }
        }
    }

    static String format(InetSocketAddress address) {
        return address.getAddress() == null
                ? address.getHostString() + ":" + address.getPort()
                : address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
