package org.baton.node.exchange;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.baton.ledger.GrantId;
import org.baton.ledger.RejectionReason;
import org.baton.node.NodeEventListener;
import org.baton.node.student.StudentId;
import org.baton.trust.InstitutionId;

/** Keeps a node's exchange events as short strings, for assertions. */
final class RecordingListener implements NodeEventListener {

    private final List<String> events;

    RecordingListener(List<String> events) {
        this.events = events;
    }

    @Override
    public void grantRecorded(GrantId grant, InstitutionId recipient) {
        events.add("grantRecorded " + grant);
    }

    @Override
    public void grantNotified(GrantId grant, InstitutionId party) {
        events.add("grantNotified " + party);
    }

    @Override
    public void grantNotificationDeferred(GrantId grant, InstitutionId party, String reason) {
        events.add("grantNotificationDeferred " + party);
    }

    @Override
    public void exchangeSettled(ExchangeId exchange, ExchangeDirection direction, InstitutionId peer,
            ExchangeState state, Optional<String> reason) {
        events.add("exchangeSettled " + direction + " " + state);
    }

    /** Kept as {@code step NAME}, or {@code step NAME took a negative time} if it did. */
    @Override
    public void exchangeStepTimed(ExchangeStep step, long nanos) {
        events.add("step " + step + (nanos < 0 ? " took a negative time" : ""));
    }

    @Override
    public void packageRejected(Optional<PackageId> pkg, InstitutionId sender, RejectionReason reason) {
        events.add("packageRejected " + reason);
    }

    @Override
    public void identityMismatch(GrantId grant, InstitutionId peer, StudentId student, List<String> fields) {
        events.add("identityMismatch " + fields);
    }

    @Override
    public void discrepancyReported(InstitutionId recipient, PackageId pkg, StudentId student) {
        events.add("discrepancyReported " + recipient + " " + pkg + " " + student);
    }

    @Override
    public void peerUnavailable(InstitutionId peer, String reason, Duration retryIn) {
        events.add("peerUnavailable " + peer);
    }

    @Override
    public void peerAvailable(InstitutionId peer) {
        events.add("peerAvailable " + peer);
    }

    @Override
    public void ledgerUnavailable(String reason, Duration retryIn) {
        events.add("ledgerUnavailable");
    }

    @Override
    public void ledgerAvailable() {
        events.add("ledgerAvailable");
    }
}
