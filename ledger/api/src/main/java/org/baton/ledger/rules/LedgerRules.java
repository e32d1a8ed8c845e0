package org.baton.ledger.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.baton.ledger.Acknowledged;
import org.baton.ledger.Acknowledgment;
import org.baton.ledger.Committed;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.EventType;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.GrantStatus;
import org.baton.ledger.LedgerEvent;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.RefusalReason;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.ledger.tx.LedgerTransaction;
import org.baton.ledger.tx.TxBody;
import org.baton.trust.InstitutionId;

/**
 * The transaction rules of the ledger. A backend authenticates the submitter (the embedded ledger by the
 * transaction's Ed25519 signature and the caller's mutual-TLS identity, Fabric by the client identity) and then
 * asks {@link #decide} — nothing else decides what the ledger accepts.
 *
 * <ul>
 *   <li>A transaction id is accepted once ({@link RefusalReason#DUPLICATE_TRANSACTION}).
 *   <li>Only a grant's attester creates or revokes it; a new grant may not be already expired, nor issued more
 *       than {@link #MAX_CLOCK_SKEW} after the transaction time; a grant is revoked once.
 *   <li>Only a receipt's sender records it. Under consent: the grant exists and is active at the transaction
 *       time (issued, not expired, not revoked), the sender is one of its sources (never its recipient), the
 *       receipt's recipient is the grant's recipient, and its scopes are within the grant's. Under
 *       {@link LegalBasis#CAL_GRANT_GPA_UPLOAD}: a K-12 district sends only the GPA scope to CSAC. Under
 *       {@link LegalBasis#SEEKS_ENROLLMENT}: a school or college sends to another school or college, without
 *       eligibility flags (which are disclosed only under consent).
 *   <li>Only a receipt's recipient acknowledges it, once. An acceptance that names the receipt it expects (by
 *       digest) is taken only if the receipt on the ledger is exactly that one ({@link RefusalReason#RECEIPT_MISMATCH}).
 * </ul>
 */
public final class LedgerRules {

    /** How far a grant's issued-at time may run ahead of the transaction time (clocks of two machines). */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private static final InstitutionId CSAC = InstitutionId.of("CSAC");
    private static final InstitutionId CDE = InstitutionId.of("CDE");
    private static final Set<Scope> CAL_GRANT_UPLOAD_SCOPES = EnumSet.of(Scope.GPA);

    private LedgerRules() {
    }

    /**
     * Decides whether {@code tx}, submitted by the authenticated {@code tx.submitter()}, is accepted on top of
     * {@code state}.
     *
     * @param state the state before the transaction
     * @param tx the transaction
     * @param commit the stamp the transaction gets if accepted: its id, the next sequence number, and the
     *     transaction time the rules evaluate validity at
     */
    public static Decision decide(LedgerState state, LedgerTransaction tx, Committed commit) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(tx, "tx");
        Objects.requireNonNull(commit, "commit");
        if (state.containsTransaction(commit.txId())) {
            return refuse(RefusalReason.DUPLICATE_TRANSACTION, "transaction " + commit.txId() + " is already on the ledger");
        }
        TxBody body = tx.body();
        if (body instanceof TxBody.CreateGrant create) {
            return createGrant(state, tx.submitter(), create.grant(), commit);
        } else if (body instanceof TxBody.RevokeGrant revoke) {
            return revokeGrant(state, tx.submitter(), revoke.grant(), commit);
        } else if (body instanceof TxBody.RecordReceipt record) {
            return recordReceipt(state, tx.submitter(), record.receipt(), commit);
        } else if (body instanceof TxBody.AcknowledgeReceipt ack) {
            return acknowledge(state, tx.submitter(), ack.acknowledgment(), ack.expectedReceipt(), commit);
        }
        throw new IllegalStateException("unknown transaction body " + body.getClass().getName());
    }

    private static Decision createGrant(
            LedgerState state, InstitutionId submitter, ConsentGrant grant, Committed commit) {
        if (!submitter.equals(grant.attester())) {
            return refuse(RefusalReason.NOT_ATTESTER, "institution " + submitter + " is not the attester "
                    + grant.attester() + " of grant " + grant.id());
        }
        if (state.grant(grant.id()).isPresent()) {
            return refuse(RefusalReason.GRANT_ALREADY_EXISTS, "grant " + grant.id() + " is already on the ledger");
        }
        Instant now = commit.committedAt();
        if (grant.issuedAt().isAfter(now.plus(MAX_CLOCK_SKEW))) {
            return refuse(RefusalReason.GRANT_ISSUED_IN_FUTURE, "grant " + grant.id() + " is issued at "
                    + grant.issuedAt() + ", more than " + MAX_CLOCK_SKEW.toMinutes() + " minutes after " + now);
        }
        if (!now.isBefore(grant.expiresAt())) {
            return refuse(RefusalReason.GRANT_ALREADY_EXPIRED, "grant " + grant.id() + " expired at "
                    + grant.expiresAt() + ", before " + now);
        }
        GrantRecord record = new GrantRecord(grant, commit, Optional.empty());
        return accept(new StateWrite.Grant(record),
                event(commit, EventType.GRANT_CREATED, submitter, Optional.of(grant.id()), Optional.empty()));
    }

    private static Decision revokeGrant(LedgerState state, InstitutionId submitter, GrantId id, Committed commit) {
        Optional<GrantRecord> found = state.grant(id);
        if (found.isEmpty()) {
            return refuse(RefusalReason.GRANT_NOT_FOUND, "grant " + id + " is not on the ledger");
        }
        GrantRecord record = found.get();
        if (!submitter.equals(record.grant().attester())) {
            return refuse(RefusalReason.NOT_ATTESTER, "institution " + submitter + " is not the attester "
                    + record.grant().attester() + " of grant " + id);
        }
        if (record.revoked().isPresent()) {
            return refuse(RefusalReason.GRANT_REVOKED, "grant " + id + " was revoked by transaction "
                    + record.revoked().get().txId());
        }
        return accept(new StateWrite.Grant(record.revokedBy(commit)),
                event(commit, EventType.GRANT_REVOKED, submitter, Optional.of(id), Optional.empty()));
    }

    private static Decision recordReceipt(
            LedgerState state, InstitutionId submitter, ExchangeReceipt receipt, Committed commit) {
        if (!submitter.equals(receipt.sender())) {
            return refuse(RefusalReason.NOT_SENDER, "institution " + submitter + " is not the sender "
                    + receipt.sender() + " of receipt " + receipt.id());
        }
        if (state.receipt(receipt.id()).isPresent()) {
            return refuse(RefusalReason.RECEIPT_ALREADY_EXISTS, "receipt " + receipt.id() + " is already on the ledger");
        }
        Optional<Decision.Refused> refused = receipt.basis() == LegalBasis.CONSENT
                ? checkConsent(state, receipt, commit.committedAt())
                : checkLegalBasis(receipt);
        if (refused.isPresent()) {
            return refused.get();
        }
        ReceiptRecord record = new ReceiptRecord(receipt, commit, Optional.empty());
        return accept(new StateWrite.Receipt(record),
                event(commit, EventType.RECEIPT_RECORDED, submitter, receipt.grant(), Optional.of(receipt.id())));
    }

    private static Optional<Decision.Refused> checkConsent(LedgerState state, ExchangeReceipt receipt, Instant now) {
        GrantId grantId = receipt.grant().orElseThrow();
        Optional<GrantRecord> found = state.grant(grantId);
        if (found.isEmpty()) {
            return Optional.of(refuse(RefusalReason.GRANT_NOT_FOUND, "grant " + grantId + " of receipt "
                    + receipt.id() + " is not on the ledger"));
        }
        GrantRecord record = found.get();
        ConsentGrant grant = record.grant();
        GrantStatus status = record.statusAt(now);
        switch (status) {
            case REVOKED:
                return Optional.of(refuse(RefusalReason.GRANT_REVOKED, "grant " + grantId + " of receipt "
                        + receipt.id() + " was revoked by transaction " + record.revoked().orElseThrow().txId()));
            case EXPIRED:
                return Optional.of(refuse(RefusalReason.GRANT_EXPIRED, "grant " + grantId + " of receipt "
                        + receipt.id() + " expired at " + grant.expiresAt() + ", before " + now));
            case NOT_YET_VALID:
                return Optional.of(refuse(RefusalReason.GRANT_NOT_YET_VALID, "grant " + grantId + " of receipt "
                        + receipt.id() + " is issued at " + grant.issuedAt() + ", after " + now));
            case ACTIVE:
                break;
            default:
                throw new IllegalStateException("unknown grant status " + status);
        }
        if (!grant.sources().includes(receipt.sender()) || receipt.sender().equals(grant.recipient())) {
            return Optional.of(refuse(RefusalReason.SENDER_NOT_A_SOURCE, "sender " + receipt.sender()
                    + " of receipt " + receipt.id() + " is not a source of grant " + grantId));
        }
        if (!receipt.recipient().equals(grant.recipient())) {
            return Optional.of(refuse(RefusalReason.RECIPIENT_NOT_GRANTED, "recipient " + receipt.recipient()
                    + " of receipt " + receipt.id() + " is not the recipient " + grant.recipient()
                    + " of grant " + grantId));
        }
        if (!grant.covers(receipt.scopes())) {
            EnumSet<Scope> extra = EnumSet.copyOf(receipt.scopes());
            extra.removeAll(grant.scopes());
            return Optional.of(refuse(RefusalReason.SCOPE_NOT_GRANTED, "receipt " + receipt.id()
                    + " covers scopes " + extra + " that grant " + grantId + " does not"));
        }
        return Optional.empty();
    }

    private static Optional<Decision.Refused> checkLegalBasis(ExchangeReceipt receipt) {
        switch (receipt.basis()) {
            case CAL_GRANT_GPA_UPLOAD:
                if (!isDistrict(receipt.sender()) || !receipt.recipient().equals(CSAC)
                        || !CAL_GRANT_UPLOAD_SCOPES.containsAll(receipt.scopes())) {
                    return Optional.of(refuse(RefusalReason.BASIS_NOT_APPLICABLE, "receipt " + receipt.id()
                            + ": the Cal Grant GPA upload goes from a K-12 district to CSAC with the GPA scope only,"
                            + " not from " + receipt.sender() + " to " + receipt.recipient()
                            + " with " + receipt.scopes()));
                }
                return Optional.empty();
            case SEEKS_ENROLLMENT:
                if (!isSchool(receipt.sender()) || !isSchool(receipt.recipient())) {
                    return Optional.of(refuse(RefusalReason.BASIS_NOT_APPLICABLE, "receipt " + receipt.id()
                            + ": disclosure to a school the student seeks to enroll in goes between schools or"
                            + " colleges, not from " + receipt.sender() + " to " + receipt.recipient()));
                }
                if (receipt.scopes().stream().anyMatch(Scope::isEligibilityFlag)) {
                    return Optional.of(refuse(RefusalReason.BASIS_NOT_APPLICABLE, "receipt " + receipt.id()
                            + ": eligibility flags are disclosed only under consent"));
                }
                return Optional.empty();
            case CONSENT:
            default:
                throw new IllegalStateException("legal basis " + receipt.basis() + " is not checked here");
        }
    }

    private static Decision acknowledge(LedgerState state, InstitutionId submitter, Acknowledgment acknowledgment,
            Optional<Sha256> expectedReceipt, Committed commit) {
        Optional<ReceiptRecord> found = state.receipt(acknowledgment.receipt());
        if (found.isEmpty()) {
            return refuse(RefusalReason.RECEIPT_NOT_FOUND, "receipt " + acknowledgment.receipt() + " is not on the ledger");
        }
        ReceiptRecord record = found.get();
        if (!submitter.equals(record.receipt().recipient())) {
            return refuse(RefusalReason.NOT_RECIPIENT, "institution " + submitter + " is not the recipient "
                    + record.receipt().recipient() + " of receipt " + record.id());
        }
        if (record.acknowledged().isPresent()) {
            return refuse(RefusalReason.ALREADY_ACKNOWLEDGED, "receipt " + record.id()
                    + " was acknowledged by transaction " + record.acknowledged().get().committed().txId());
        }
        if (expectedReceipt.isPresent()
                && !expectedReceipt.get().equals(TxBody.AcknowledgeReceipt.digest(record.receipt()))) {
            return refuse(RefusalReason.RECEIPT_MISMATCH, "receipt " + record.id() + " is not the one the recipient"
                    + " accepts: it describes another package, sender, grant, basis, scope or sending time");
        }
        return accept(new StateWrite.Receipt(record.acknowledgedBy(new Acknowledged(acknowledgment, commit))),
                new LedgerEvent(commit.sequence(), EventType.RECEIPT_ACKNOWLEDGED, commit.txId(), commit.committedAt(),
                        submitter, record.receipt().grant(), Optional.of(record.id()), Optional.of(acknowledgment)));
    }

    /** A K-12 district: its id is a 14-digit CDS code. */
    private static boolean isDistrict(InstitutionId id) {
        return id.value().length() == 14;
    }

    /** A K-12 district or a college (IPEDS id); not a state agency. */
    private static boolean isSchool(InstitutionId id) {
        return !id.equals(CSAC) && !id.equals(CDE);
    }

    private static LedgerEvent event(Committed commit, EventType type, InstitutionId submitter,
            Optional<GrantId> grant, Optional<ReceiptId> receipt) {
        return new LedgerEvent(commit.sequence(), type, commit.txId(), commit.committedAt(), submitter, grant, receipt);
    }

    private static Decision.Accepted accept(StateWrite write, LedgerEvent event) {
        return new Decision.Accepted(write, event);
    }

    private static Decision.Refused refuse(RefusalReason reason, String detail) {
        return new Decision.Refused(reason, detail);
    }
}
