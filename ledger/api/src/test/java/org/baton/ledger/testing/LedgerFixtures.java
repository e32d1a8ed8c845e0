package org.baton.ledger.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.baton.ledger.CommitmentSalt;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantorRole;
import org.baton.ledger.Purpose;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.ledger.Sources;
import org.baton.ledger.SubjectCommitment;
import org.baton.trust.InstitutionId;

/** Institutions, times and record builders shared by the ledger tests of every backend. */
public final class LedgerFixtures {

    /** A K-12 district (CDS code): attests grants for its students and sends records. */
    public static final InstitutionId DISTRICT = InstitutionId.of("19647330000000");
    /** A second K-12 district. */
    public static final InstitutionId OTHER_DISTRICT = InstitutionId.of("01611920000000");
    /** A community college (IPEDS id). */
    public static final InstitutionId COLLEGE = InstitutionId.of("117645");
    /** A UC campus (IPEDS id): the usual recipient. */
    public static final InstitutionId UNIVERSITY = InstitutionId.of("110662");
    /** The California Student Aid Commission. */
    public static final InstitutionId CSAC = InstitutionId.of("CSAC");
    /** The California Department of Education. */
    public static final InstitutionId CDE = InstitutionId.of("CDE");

    /** Every member of the test consortium. */
    public static final List<InstitutionId> MEMBERS = List.of(DISTRICT, OTHER_DISTRICT, COLLEGE, UNIVERSITY, CSAC, CDE);

    /** Where test clocks start. */
    public static final Instant START = Instant.parse("2026-03-02T17:00:00Z");

    private LedgerFixtures() {
    }

    /** A grant from {@link #DISTRICT} (attester and source) to {@link #UNIVERSITY}, valid 90 days from {@code now}. */
    public static GrantBuilder grant(Instant now) {
        return new GrantBuilder(now);
    }

    /** A receipt under {@code grant}, from its first named source (or {@link #DISTRICT}) to its recipient. */
    public static ExchangeReceipt receiptUnder(ConsentGrant grant, Set<Scope> scopes, Instant sentAt) {
        InstitutionId sender = grant.sources().everyAttended() ? DISTRICT : grant.sources().named().first();
        return ExchangeReceipt.underGrant(ReceiptId.random(), grant.id(), sender, grant.recipient(), scopes,
                Sha256.hash(("package " + sentAt).getBytes(StandardCharsets.UTF_8)), sentAt);
    }

    /** A SHA-256 of some text, for package and document hashes. */
    public static Sha256 hashOf(String text) {
        return Sha256.hash(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Builds {@link ConsentGrant}s with sensible defaults. */
    public static final class GrantBuilder {
        private GrantId id = GrantId.random();
        private SubjectCommitment subject = SubjectCommitment.of(CommitmentSalt.random(), "1234567890");
        private GrantorRole grantor = GrantorRole.STUDENT;
        private InstitutionId attester = DISTRICT;
        private InstitutionId recipient = UNIVERSITY;
        private Sources sources = Sources.named(DISTRICT);
        private Set<Scope> scopes = EnumSet.of(Scope.TRANSCRIPT, Scope.GPA, Scope.AG_STATUS);
        private Purpose purpose = Purpose.ADMISSION;
        private Instant issuedAt;
        private Instant expiresAt;
        private Sha256 document = hashOf("signed consent document");

        private GrantBuilder(Instant now) {
            this.issuedAt = now;
            this.expiresAt = now.plus(Duration.ofDays(90));
        }

        public GrantBuilder id(GrantId value) {
            this.id = value;
            return this;
        }

        public GrantBuilder grantor(GrantorRole value) {
            this.grantor = value;
            return this;
        }

        public GrantBuilder attester(InstitutionId value) {
            this.attester = value;
            return this;
        }

        public GrantBuilder recipient(InstitutionId value) {
            this.recipient = value;
            return this;
        }

        public GrantBuilder sources(Sources value) {
            this.sources = value;
            return this;
        }

        public GrantBuilder scopes(Scope... values) {
            this.scopes = EnumSet.noneOf(Scope.class);
            this.scopes.addAll(List.of(values));
            return this;
        }

        public GrantBuilder purpose(Purpose value) {
            this.purpose = value;
            return this;
        }

        public GrantBuilder issuedAt(Instant value) {
            this.issuedAt = value;
            return this;
        }

        public GrantBuilder expiresAt(Instant value) {
            this.expiresAt = value;
            return this;
        }

        public ConsentGrant build() {
            return new ConsentGrant(id, subject, grantor, attester, recipient, sources, scopes, purpose, issuedAt,
                    expiresAt, document);
        }
    }
}
