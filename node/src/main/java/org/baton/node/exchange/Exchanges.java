package org.baton.node.exchange;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.baton.ledger.GrantId;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.Scope;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.SignedPackage;
import org.baton.trust.InstitutionId;

/**
 * Starting and following transfers. Each call records the exchange in the node's durable outbox before anything is
 * sent and returns its id; the engine then advances it (retrying peers and the ledger with backoff, resuming after
 * a restart) until it settles.
 */
public interface Exchanges {

    /**
     * Pulls a grant's records from one of its sources (this node being the grant's recipient and knowing the
     * grant's opening).
     *
     * @throws OpeningMissingException if this node has not been told the grant's opening
     * @throws ConsentRefusedException if the grant does not name this node as recipient, {@code source} as a source,
     *     or covers not every scope
     */
    ExchangeId pull(GrantId grant, InstitutionId source, Set<Scope> scopes);

    /**
     * The sources this node, as a grant's recipient, may {@link #pull} its records from: the grant's named sources,
     * or for a grant from every institution attended the consortium members the attester found in its records (the
     * ledger does not hold those, so this is the only place a node that does not pull on grant learns them).
     *
     * @throws OpeningMissingException if this node has not been told the grant's opening
     * @throws org.baton.ledger.LedgerUnavailableException if the ledger must be read and cannot be
     */
    List<InstitutionId> sources(GrantId grant);

    /**
     * Pushes a grant's records to its recipient on the student's request (this node being a source that holds the
     * student). The package is assembled and signed now; its receipt is recorded before it is sent.
     *
     * @throws OpeningMissingException if this node has not been told the grant's opening
     * @throws ConsentRefusedException if the grant does not name this node as a source, covers not every scope, or is
     *     not active
     * @throws StudentNotHeldException if the student is not held here
     * @throws IdentityMismatchException if the student held under the SSID has another name or birth date
     * @throws org.baton.ledger.LedgerUnavailableException if the grant cannot be read from the ledger
     */
    ExchangeId push(GrantId grant, Set<Scope> scopes);

    /**
     * Discloses a student's records without consent, under a legal basis the law allows (the receipt names it):
     * {@link LegalBasis#SEEKS_ENROLLMENT} to a school the student seeks to enroll in (no eligibility flags), or
     * {@link LegalBasis#CAL_GRANT_GPA_UPLOAD} (see {@link #uploadCalGrantGpas}).
     *
     * @throws BasisNotApplicableException if the basis does not cover these parties and scopes, or the student opted
     *     out of the Cal Grant upload
     * @throws StudentNotHeldException if the student is not held here
     */
    ExchangeId disclose(LegalBasis basis, StudentId student, InstitutionId recipient, Set<Scope> scopes);

    /**
     * The yearly Cal Grant GPA upload of a K-12 district to CSAC: for every senior (grade 12) who did not opt out, a
     * package with the student's identity and Cal Grant GPA only. Running it again for the same year sends nobody
     * twice.
     *
     * @param academicYear the academic year (first calendar year)
     * @throws BasisNotApplicableException if this node is not a K-12 district
     */
    CalGrantUploadReport uploadCalGrantGpas(int academicYear);

    /** The exchange, if this node has it. */
    Optional<ExchangeView> exchange(ExchangeId id);

    /** The newest exchanges first, at most {@code limit} (1 to 10,000). */
    List<ExchangeView> recent(int limit);

    /**
     * Completes when the exchange needs nothing more from this node: settled (acknowledged, delivered, refused or
     * rejected). Completes at once if it already has; fails if this node has no such exchange.
     */
    CompletionStage<ExchangeView> whenSettled(ExchangeId id);

    /** The package this node sent under a receipt, for a student's request for a copy of what was disclosed. */
    Optional<SignedPackage> disclosedPackage(ReceiptId receipt);

    /** Data-quality findings of the exchange, oldest first. */
    List<DataQualityFinding> findings();

    /**
     * Reports to the source of a package this node received what looks wrong in it, directly over mutual TLS, and
     * keeps the report. The source's registrar corrects its records and sends them again, or closes the report.
     *
     * @param text what looks wrong, 1 to 2,000 characters
     * @param by who files it (a portal account's display name)
     * @throws InvalidExchangeRequestException if this node received no such package, or the text is empty or too long
     * @throws PeerUnavailableException if the source cannot be reached now (nothing is kept: file it again later)
     * @throws PeerRefusedException if the source refuses it
     */
    DiscrepancyReport reportDiscrepancy(PackageId pkg, String text, String by);

    /** Discrepancy reports this node sent and received, newest first, at most {@code limit} (1 to 10,000). */
    List<DiscrepancyReport> discrepancyReports(int limit);

    /**
     * Answers a received report by sending the package's records again, as the node holds them now (after the
     * registrar corrected them), under the same grant or legal basis and scopes; returns the new exchange.
     *
     * @throws InvalidExchangeRequestException if there is no such open report
     * @throws ConsentRefusedException if the grant no longer allows it (revoked, expired)
     */
    ExchangeId resendForReport(String reportId, String by);

    /**
     * Asks the source of a report this node filed how it answered, and keeps the answer; returns the report as it
     * stands now.
     *
     * @throws InvalidExchangeRequestException if this node filed no such report
     * @throws PeerUnavailableException if the source cannot be reached now
     */
    DiscrepancyReport refreshReport(String reportId);

    /** Closes a received report without sending, with a note; false when there is no such open report. */
    boolean closeReport(String reportId, String note, String by);

    /** What the engine is doing and waiting for. */
    ExchangeStatus status();
}
