package org.baton.node.portal.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.baton.ledger.LedgerReader;
import org.baton.ledger.TimeRange;
import org.baton.ledger.audit.LedgerAudit;
import org.baton.trust.InstitutionId;

/**
 * The audit as the portal's auditor sees it: the disclosures this node's institution sent or received, as the
 * ledger recorded them, each checked against its consent ({@link LedgerAudit}).
 */
public interface AuditDesk {

    /** Whether this desk reads a ledger; the page says the node has none when it does not. */
    default boolean connected() {
        return true;
    }

    /** The institution whose disclosures are audited: the node's own. */
    InstitutionId institution();

    /**
     * The audit of the receipts recorded within {@code range}, as of {@code now}.
     *
     * @throws org.baton.ledger.LedgerUnavailableException if the ledger cannot be read
     */
    LedgerAudit.Report audit(TimeRange range, Duration acknowledgeWithin, Instant now);

    /** The desk of a node with a ledger, reading it as the node's institution. */
    static AuditDesk ofLedger(InstitutionId self, LedgerReader reader) {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(reader, "reader");
        return new AuditDesk() {
            @Override
            public InstitutionId institution() {
                return self;
            }

            @Override
            public LedgerAudit.Report audit(TimeRange range, Duration acknowledgeWithin, Instant now) {
                return new LedgerAudit(acknowledgeWithin).audit(reader, List.of(self), range, now);
            }
        };
    }

    /** The desk of a node without a ledger: nothing to audit. */
    static AuditDesk notConnected(InstitutionId self) {
        Objects.requireNonNull(self, "self");
        return new AuditDesk() {
            @Override
            public boolean connected() {
                return false;
            }

            @Override
            public InstitutionId institution() {
                return self;
            }

            @Override
            public LedgerAudit.Report audit(TimeRange range, Duration acknowledgeWithin, Instant now) {
                throw new IllegalStateException("this node reads no ledger");
            }
        };
    }
}
