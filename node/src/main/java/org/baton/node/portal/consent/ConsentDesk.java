package org.baton.node.portal.consent;

import java.util.List;
import org.baton.node.exchange.ConsentService;
import org.baton.node.portal.accounts.AccountId;
import org.baton.node.student.StudentId;

/**
 * Consent as the portal sees it: the consortium's institutions, a student's grants, granting and revoking (written
 * to the ledger and told to the parties), and the access log of every disclosure of the student's records (read
 * from the ledger's receipts and the node's outbox).
 */
public interface ConsentDesk {

    /**
     * Whether this desk records and reads consent for real. The portal shows a "not available on this node yet"
     * page instead of the consent pages when it does not.
     */
    default boolean connected() {
        return true;
    }

    /** The consortium's institutions, by name: the possible recipients and sources. */
    List<Institution> institutions();

    /**
     * Whom a consent from every school attended would reach today: the members this node's records say the student
     * attended, the recipient left out; empty when none (or when this desk cannot tell).
     *
     * @throws TooManySchoolsException when they are more than one such consent reaches
     */
    default List<Institution> attended(StudentId student, org.baton.trust.InstitutionId recipient) {
        return List.of();
    }

    /** A student's grants, newest first, whatever their status. */
    List<GrantView> grants(StudentId student);

    /**
     * Records a grant for a student.
     *
     * @throws TooManySchoolsException  when it is from every school attended and they are more than it reaches
     * @throws ConsentRejectedException when the ledger refuses it
     */
    GrantView grant(StudentId student, GrantRequest request, AccountId grantor);

    /**
     * Revokes one of the student's grants; it takes effect before the next transfer.
     *
     * @throws GrantNotFoundException   when the grant is not this student's
     * @throws ConsentRejectedException when the ledger refuses it
     */
    void revoke(StudentId student, String grantId, AccountId by);

    /** Every disclosure of the student's records, newest first (34 CFR 99.32). */
    List<Disclosure> accessLog(StudentId student);

    /**
     * Discrepancy reports between this node and another institution about records of the student, newest first: a
     * school that received them asked the school that sent them about something that looked wrong.
     */
    default List<Discrepancy> discrepancies(StudentId student) {
        return List.of();
    }

    /**
     * A discrepancy report about a student's records, as the student sees it in the access log.
     *
     * @param at       when it was sent or received
     * @param sent     true when this node asked the other institution, false when the other institution asked this node
     * @param peer     the other institution
     * @param text     what the asking school said looked wrong
     * @param status   OPEN, RESENT or CLOSED (for a report this node sent: as the other institution last said)
     * @param answer   the note of a closed report
     */
    record Discrepancy(java.time.Instant at, boolean sent, Institution peer, String text, String status,
                       String answer) {
        public Discrepancy {
            java.util.Objects.requireNonNull(at, "at");
            java.util.Objects.requireNonNull(peer, "peer");
            java.util.Objects.requireNonNull(text, "text");
            java.util.Objects.requireNonNull(status, "status");
            java.util.Objects.requireNonNull(answer, "answer");
        }
    }

    /**
     * A copy of what one disclosure contained (34 CFR 99.30(c)), when this node sent it and still holds the package;
     * empty when another institution sent it (the copy is kept there: the student asks that institution).
     *
     * @throws GrantNotFoundException when the disclosure is not this student's
     */
    java.util.Optional<DisclosedCopy> requestCopy(StudentId student, String disclosureId, AccountId by);

    /**
     * The desk of a node with an exchange: grants, revocations and the access log go through the node's
     * {@link ConsentService} to the ledger and the parties.
     *
     * @param consent      the node's consent service
     * @param institutions the consortium's institutions, by name
     * @param grantorRole  the role in which an account signs a consent (student or guardian); empty for staff
     * @param clock        the time consents are signed at
     * @param zone         the institution's time zone: a consent ends at the end of the day the student chose
     */
    static ConsentDesk fromExchange(ConsentService consent, List<Institution> institutions,
            java.util.function.Function<AccountId, java.util.Optional<org.baton.ledger.GrantorRole>> grantorRole,
            java.time.Clock clock, java.time.ZoneId zone) {
        return fromExchange(consent, receipt -> java.util.Optional.empty(), institutions, grantorRole, clock, zone);
    }

    /**
     * As {@link #fromExchange(ConsentService, List, java.util.function.Function, java.time.Clock, java.time.ZoneId)},
     * with the packages this node sent ({@link org.baton.node.exchange.Exchanges#disclosedPackage}) for copies of
     * what was disclosed.
     */
    static ConsentDesk fromExchange(ConsentService consent,
            java.util.function.Function<org.baton.ledger.ReceiptId, java.util.Optional<org.baton.proto.v1.SignedPackage>>
                    sentPackages,
            List<Institution> institutions,
            java.util.function.Function<AccountId, java.util.Optional<org.baton.ledger.GrantorRole>> grantorRole,
            java.time.Clock clock, java.time.ZoneId zone) {
        return fromExchange(consent, sentPackages, student -> List.of(), institutions, grantorRole, clock, zone);
    }

    /**
     * As {@link #fromExchange(ConsentService, java.util.function.Function, List, java.util.function.Function,
     * java.time.Clock, java.time.ZoneId)}, with the discrepancy reports the exchange keeps about each student, for
     * the access log.
     */
    static ConsentDesk fromExchange(ConsentService consent,
            java.util.function.Function<org.baton.ledger.ReceiptId, java.util.Optional<org.baton.proto.v1.SignedPackage>>
                    sentPackages,
            java.util.function.Function<StudentId, List<org.baton.node.exchange.DiscrepancyReport>> reports,
            List<Institution> institutions,
            java.util.function.Function<AccountId, java.util.Optional<org.baton.ledger.GrantorRole>> grantorRole,
            java.time.Clock clock, java.time.ZoneId zone) {
        return new ExchangeConsentDesk(consent, sentPackages, reports, institutions, grantorRole, clock, zone);
    }

    /**
     * A desk for a node whose consent wiring is not there yet: it lists the consortium's institutions, shows no
     * grants and no disclosures, and refuses to record a grant; it is not {@link #connected()}, so the portal says
     * consent is not available on this node yet instead of pretending.
     */
    static ConsentDesk notConnected(List<Institution> institutions) {
        List<Institution> members = List.copyOf(institutions);
        return new ConsentDesk() {
            @Override
            public boolean connected() {
                return false;
            }

            @Override
            public List<Institution> institutions() {
                return members;
            }

            @Override
            public List<GrantView> grants(StudentId student) {
                return List.of();
            }

            @Override
            public GrantView grant(StudentId student, GrantRequest request, AccountId grantor) {
                throw new ConsentRejectedException("(new)", "this node is not connected to the ledger yet", null);
            }

            @Override
            public void revoke(StudentId student, String grantId, AccountId by) {
                throw new GrantNotFoundException(grantId);
            }

            @Override
            public List<Disclosure> accessLog(StudentId student) {
                return List.of();
            }

            @Override
            public java.util.Optional<DisclosedCopy> requestCopy(StudentId student, String disclosureId,
                    AccountId by) {
                throw new GrantNotFoundException(disclosureId);
            }
        };
    }
}
