package org.baton.node;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.baton.ledger.GrantId;
import org.baton.ledger.RejectionReason;
import org.baton.node.exchange.ExchangeDirection;
import org.baton.node.exchange.ExchangeId;
import org.baton.node.exchange.ExchangeState;
import org.baton.node.exchange.ExchangeStep;
import org.baton.node.exchange.PackageId;
import org.baton.node.student.StudentId;
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

    public void calGrantUploadQueued(int academicYear, int queued, int alreadyUploaded, int optedOut,
            int withoutGpa) {
        log.info("Cal Grant GPA upload {}-{}: {} seniors queued for CSAC, {} uploaded before, {} opted out, {} "
                + "without a GPA", academicYear, academicYear + 1, queued, alreadyUploaded, optedOut, withoutGpa);
        tell(listener -> listener.calGrantUploadQueued(academicYear, queued, alreadyUploaded, optedOut, withoutGpa));
    }

    public void grantRecorded(GrantId grant, InstitutionId recipient) {
        log.info("Grant {} for recipient {} recorded on the ledger", grant, recipient);
        tell(listener -> listener.grantRecorded(grant, recipient));
    }

    public void grantNotified(GrantId grant, InstitutionId party) {
        log.debug("Grant {}: party {} notified", grant, party);
        tell(listener -> listener.grantNotified(grant, party));
    }

    public void grantNotificationDeferred(GrantId grant, InstitutionId party, String reason) {
        log.info("Grant {}: notification of party {} deferred: {}", grant, party, reason);
        tell(listener -> listener.grantNotificationDeferred(grant, party, reason));
    }

    public void exchangeSettled(ExchangeId exchange, ExchangeDirection direction, InstitutionId peer,
            ExchangeState state, Optional<String> reason) {
        if (reason.isPresent()) {
            log.warn("Exchange {} ({} with {}) ended {}: {}", exchange, direction, peer, state, reason.get());
        } else {
            log.debug("Exchange {} ({} with {}) ended {}", exchange, direction, peer, state);
        }
        tell(listener -> listener.exchangeSettled(exchange, direction, peer, state, reason));
    }

    /** Not logged; told to listeners only, when there are any. */
    public void exchangeStepTimed(ExchangeStep step, long nanos) {
        if (!listeners.isEmpty()) {
            tell(listener -> listener.exchangeStepTimed(step, nanos));
        }
    }

    public void packageRejected(Optional<PackageId> pkg, InstitutionId sender, RejectionReason reason) {
        log.warn("Package{} from {} rejected: {}", pkg.map(id -> " " + id).orElse(""), sender, reason);
        tell(listener -> listener.packageRejected(pkg, sender, reason));
    }

    public void identityMismatch(GrantId grant, InstitutionId peer, StudentId student, List<String> fields) {
        log.warn("Grant {} from {}: student {} matched by SSID but {} disagree; records not released", grant, peer,
                student, fields);
        tell(listener -> listener.identityMismatch(grant, peer, student, List.copyOf(fields)));
    }

    public void discrepancyReported(InstitutionId recipient, PackageId pkg, StudentId student) {
        log.info("Discrepancy report from {} on package {} (student {}): for the registrar's data-quality page",
                recipient, pkg, student);
        tell(listener -> listener.discrepancyReported(recipient, pkg, student));
    }

    public void peerUnavailable(InstitutionId peer, String reason, Duration retryIn) {
        log.warn("Peer {} unavailable ({}); retrying in {} ms", peer, reason, retryIn.toMillis());
        tell(listener -> listener.peerUnavailable(peer, reason, retryIn));
    }

    public void peerAvailable(InstitutionId peer) {
        log.info("Peer {} available again", peer);
        tell(listener -> listener.peerAvailable(peer));
    }

    public void ledgerUnavailable(String reason, Duration retryIn) {
        log.warn("Ledger unavailable ({}); transfers wait, receipts and acknowledgments queue; retrying in {} ms",
                reason, retryIn.toMillis());
        tell(listener -> listener.ledgerUnavailable(reason, retryIn));
    }

    public void ledgerAvailable() {
        log.info("Ledger available again");
        tell(listener -> listener.ledgerAvailable());
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
