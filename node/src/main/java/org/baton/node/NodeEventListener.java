package org.baton.node;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.baton.ledger.GrantId;
import org.baton.ledger.RejectionReason;
import org.baton.node.exchange.ExchangeDirection;
import org.baton.node.exchange.ExchangeId;
import org.baton.node.exchange.ExchangeState;
import org.baton.node.exchange.ExchangeStep;
import org.baton.node.exchange.PackageId;
import org.baton.node.student.StudentId;
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

    /**
     * The yearly Cal Grant GPA upload ran: {@code queued} seniors' packages are signed and queued for CSAC (counts
     * only, no student).
     */
    default void calGrantUploadQueued(int academicYear, int queued, int alreadyUploaded, int optedOut,
            int withoutGpa) {
    }

    /** This node recorded a consent grant it attests on the ledger. */
    default void grantRecorded(GrantId grant, InstitutionId recipient) {
    }

    /** A party of a grant this node attests received the grant's opening. */
    default void grantNotified(GrantId grant, InstitutionId party) {
    }

    /** A party could not be told a grant's opening; the notification stays queued and is retried. */
    default void grantNotificationDeferred(GrantId grant, InstitutionId party, String reason) {
    }

    /**
     * An exchange ended: {@link ExchangeState#ACKNOWLEDGED} (recipient) or {@link ExchangeState#DELIVERED} (a source's
     * push) when it succeeded, {@link ExchangeState#REFUSED} or {@link ExchangeState#REJECTED} when it failed.
     *
     * @param reason why it failed, empty when it succeeded (ids and codes only)
     */
    default void exchangeSettled(ExchangeId exchange, ExchangeDirection direction, InstitutionId peer,
            ExchangeState state, Optional<String> reason) {
    }

    /**
     * One step of an exchange this node takes part in finished (for benchmarks and metrics: durations only, no id).
     * Called on the exchange's own thread for every step of every exchange: return at once.
     *
     * @param nanos how long the step took, nanoseconds
     */
    default void exchangeStepTimed(ExchangeStep step, long nanos) {
    }

    /** A package this node received failed verification and is rejected (on the ledger too, if it has a receipt). */
    default void packageRejected(Optional<PackageId> pkg, InstitutionId sender, RejectionReason reason) {
    }

    /**
     * A grant's opening names a student this node holds by SSID, but name or birth date disagree: the records were
     * not released and a data-quality finding was recorded.
     *
     * @param fields the fields that disagree, never their values
     */
    default void identityMismatch(GrantId grant, InstitutionId peer, StudentId student, List<String> fields) {
    }

    /**
     * The recipient of a package this node sent reported a discrepancy in it (the report's text is not passed: it
     * is personal data).
     */
    default void discrepancyReported(InstitutionId recipient, PackageId pkg, StudentId student) {
    }

    /** Calls to a peer node started failing; exchanges with it are retried with backoff. */
    default void peerUnavailable(InstitutionId peer, String reason, Duration retryIn) {
    }

    /** A peer node that was failing answered again. */
    default void peerAvailable(InstitutionId peer) {
    }

    /** Calls to the ledger started failing: transfers wait (fail closed), receipts and acknowledgments queue. */
    default void ledgerUnavailable(String reason, Duration retryIn) {
    }

    /** The ledger answers again; queued receipts and acknowledgments drain. */
    default void ledgerAvailable() {
    }
}
