package org.baton.node.exchange;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.baton.ledger.GrantId;
import org.baton.ledger.ReceiptId;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.DiscrepancyStatus;
import org.baton.trust.InstitutionId;

/**
 * A discrepancy report about one package, as this node keeps it: one it sent to the package's source, or one the
 * package's recipient sent it.
 *
 * <p>Personal data: the text is about a student. Shown to the registrars of the two institutions, never logged.
 *
 * @param id the report's id
 * @param sent true when this node reported it (as the recipient), false when it received it (as the source)
 * @param peer the other institution
 * @param receipt the package's ledger receipt
 * @param packageId the package
 * @param grant the grant it was sent under; empty under a legal basis
 * @param student the node's student the package was about (for a sent report: the node's own student with the
 *     package's SSID, when it holds one)
 * @param text what looks wrong
 * @param at when it was filed (sent) or received
 * @param by who filed it (sent reports) or answered it (received reports); empty until then
 * @param status where it stands at the source
 * @param answer the new exchange's id when resent, the note when closed
 * @param answeredAt when the source answered
 */
public record DiscrepancyReport(String id, boolean sent, InstitutionId peer, ReceiptId receipt, PackageId packageId,
        Optional<GrantId> grant, Optional<StudentId> student, String text, Instant at, String by, Status status,
        String answer, Optional<Instant> answeredAt) {

    /** Where a report stands. */
    public enum Status {
        /** Waiting for the source's registrar (or, for a sent report, as far as this node knows). */
        OPEN,
        /** The source sent the records again. */
        RESENT,
        /** The source closed it without sending. */
        CLOSED;

        DiscrepancyStatus toProto() {
            return switch (this) {
                case OPEN -> DiscrepancyStatus.DISCREPANCY_OPEN;
                case RESENT -> DiscrepancyStatus.DISCREPANCY_RESENT;
                case CLOSED -> DiscrepancyStatus.DISCREPANCY_CLOSED;
            };
        }

        /** @throws IllegalArgumentException for a status this version does not know */
        static Status fromProto(DiscrepancyStatus status) {
            return switch (status) {
                case DISCREPANCY_OPEN -> OPEN;
                case DISCREPANCY_RESENT -> RESENT;
                case DISCREPANCY_CLOSED -> CLOSED;
                default -> throw new IllegalArgumentException("unknown report status " + status);
            };
        }
    }

    public DiscrepancyReport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(student, "student");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(answeredAt, "answeredAt");
    }

    @Override
    public String toString() {
        // Never the text: it is personal data.
        return "DiscrepancyReport[" + id + ", " + (sent ? "to " : "from ") + peer + ", " + status + "]";
    }
}
