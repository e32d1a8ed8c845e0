package org.baton.node.portal.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.baton.ledger.CommitmentSalt;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantorRole;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.SubjectCommitment;
import org.baton.ledger.Verdict;
import org.baton.node.exchange.ConsentRequest;
import org.baton.node.exchange.ConsentService;
import org.baton.node.exchange.Disclosure;
import org.baton.node.exchange.GrantOutcome;
import org.baton.node.exchange.GrantSummary;
import org.baton.node.exchange.InvalidExchangeRequestException;
import org.baton.node.exchange.TooManySourcesException;
import org.baton.node.portal.accounts.AccountId;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.Purpose;
import org.baton.proto.v1.Scope;
import org.baton.trust.InstitutionId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExchangeConsentDeskTest {

    private static final InstitutionId DISTRICT = InstitutionId.of("19647330000000");
    private static final InstitutionId COLLEGE = InstitutionId.of("117645");
    private static final InstitutionId UC = InstitutionId.of("110635");
    private static final ZoneId CALIFORNIA = ZoneId.of("America/Los_Angeles");
    private static final Instant NOW = Instant.parse("2026-11-02T18:00:00Z");
    private static final StudentId ANA = new StudentId(1);
    private static final StudentId BEN = new StudentId(2);
    private static final AccountId ANA_ACCOUNT = new AccountId("a".repeat(32));
    private static final AccountId GUARDIAN = new AccountId("b".repeat(32));
    private static final AccountId COUNSELOR = new AccountId("c".repeat(32));

    private final RecordingConsentService service = new RecordingConsentService();
    private final ConsentDesk desk = ConsentDesk.fromExchange(service,
            List.of(new Institution(DISTRICT, "Sunrise Unified"), new Institution(COLLEGE, "Valley College"),
                    new Institution(UC, "UC Sierra")),
            account -> account.equals(ANA_ACCOUNT) ? Optional.of(GrantorRole.STUDENT)
                    : account.equals(GUARDIAN) ? Optional.of(GrantorRole.GUARDIAN) : Optional.empty(),
            Clock.fixed(NOW, ZoneOffset.UTC), CALIFORNIA);

    private static GrantRequest transcriptToUc(LocalDate until) {
        return new GrantRequest(EnumSet.of(Scope.SCOPE_TRANSCRIPT, Scope.SCOPE_AG_STATUS), Purpose.PURPOSE_ADMISSION,
                UC, new TreeSet<>(Set.of(DISTRICT, COLLEGE)), until);
    }

    @Nested
    class Granting {

        @Test
        void passes_every_FERPA_element_to_the_exchange_with_the_grantors_role() {
            GrantView view = desk.grant(ANA, transcriptToUc(LocalDate.of(2027, 6, 30)), ANA_ACCOUNT);

            ConsentRequest sent = service.requests.get(0);
            assertThat(sent.student()).isEqualTo(ANA);
            assertThat(sent.grantor()).isEqualTo(GrantorRole.STUDENT);
            assertThat(sent.recipient()).isEqualTo(UC);
            assertThat(sent.sources().named()).containsExactly(COLLEGE, DISTRICT);
            assertThat(sent.scopes()).containsExactlyInAnyOrder(org.baton.ledger.Scope.TRANSCRIPT,
                    org.baton.ledger.Scope.AG_STATUS);
            assertThat(sent.purpose()).isEqualTo(org.baton.ledger.Purpose.ADMISSION);
            assertThat(view.status()).isEqualTo(GrantView.Status.ACTIVE);
            assertThat(view.recipient().name()).isEqualTo("UC Sierra");
        }

        @Test
        void a_consent_until_a_date_lasts_to_the_end_of_that_day_in_California() {
            GrantView view = desk.grant(ANA, transcriptToUc(LocalDate.of(2027, 6, 30)), ANA_ACCOUNT);

            assertThat(service.requests.get(0).expiresAt()).isEqualTo(Instant.parse("2027-07-01T07:00:00Z"));
            assertThat(view.until()).isEqualTo(LocalDate.of(2027, 6, 30));
        }

        @Test
        void a_consent_from_every_school_attended_goes_to_the_ledger_as_such_and_is_listed_so() {
            GrantView view = desk.grant(ANA, new GrantRequest(EnumSet.of(Scope.SCOPE_TRANSCRIPT),
                    Purpose.PURPOSE_ADMISSION, UC, new TreeSet<>(), true, LocalDate.of(2027, 6, 30)), ANA_ACCOUNT);

            ConsentRequest sent = service.requests.get(0);
            assertThat(sent.sources().everyAttended()).isTrue();
            assertThat(sent.sources().named()).isEmpty();
            assertThat(view.everyAttended()).isTrue();
            assertThat(view.sources()).isEmpty();
            assertThat(desk.grants(ANA)).singleElement().satisfies(g -> assertThat(g.everyAttended()).isTrue());
        }

        @Test
        void names_whom_a_consent_from_every_school_attended_would_reach() {
            assertThat(desk.attended(ANA, UC)).extracting(Institution::name)
                    .containsExactly("Sunrise Unified", "Valley College");
        }

        @Test
        void says_when_the_schools_attended_are_more_than_one_consent_reaches_rather_than_none() {
            service.attendedBeyond = 65;

            assertThatThrownBy(() -> desk.attended(ANA, UC))
                    .isInstanceOf(TooManySchoolsException.class)
                    .hasMessageContaining("attended 65 consortium members, more than the 64");
            assertThatThrownBy(() -> desk.grant(ANA, new GrantRequest(EnumSet.of(Scope.SCOPE_TRANSCRIPT),
                    Purpose.PURPOSE_ADMISSION, UC, new TreeSet<>(), true, LocalDate.of(2027, 6, 30)), ANA_ACCOUNT))
                    .isInstanceOf(TooManySchoolsException.class);
            assertThat(service.granted).isEmpty();
        }

        @Test
        void names_no_school_when_the_exchange_cannot_tell() {
            service.attendedRefused = true;

            assertThat(desk.attended(ANA, UC)).isEmpty();
        }

        @Test
        void a_guardian_grants_as_guardian() {
            desk.grant(ANA, transcriptToUc(LocalDate.of(2027, 6, 30)), GUARDIAN);

            assertThat(service.requests.get(0).grantor()).isEqualTo(GrantorRole.GUARDIAN);
        }

        @Test
        void staff_cannot_sign_a_consent() {
            assertThatThrownBy(() -> desk.grant(ANA, transcriptToUc(LocalDate.of(2027, 6, 30)), COUNSELOR))
                    .isInstanceOf(ConsentRejectedException.class)
                    .hasMessageContaining("only the student or a linked guardian may grant consent");
            assertThat(service.requests).isEmpty();
        }

        @Test
        void a_grant_still_queued_for_the_ledger_is_shown_and_recorded_later() {
            service.recordNext = false;
            GrantView view = desk.grant(ANA, transcriptToUc(LocalDate.of(2027, 6, 30)), ANA_ACCOUNT);

            assertThat(view.grantId()).isEqualTo(service.granted.get(0).id().value());
        }
    }

    @Nested
    class Revoking {

        @Test
        void revokes_the_students_own_grant() {
            GrantView view = desk.grant(ANA, transcriptToUc(LocalDate.of(2027, 6, 30)), ANA_ACCOUNT);

            desk.revoke(ANA, view.grantId(), ANA_ACCOUNT);

            assertThat(service.revoked).containsExactly(GrantId.of(view.grantId()));
        }

        @Test
        void refuses_another_students_grant_id() {
            GrantView anas = desk.grant(ANA, transcriptToUc(LocalDate.of(2027, 6, 30)), ANA_ACCOUNT);

            assertThatThrownBy(() -> desk.revoke(BEN, anas.grantId(), ANA_ACCOUNT))
                    .isInstanceOf(GrantNotFoundException.class)
                    .hasMessage("grant or disclosure " + anas.grantId() + " not found for this student");
            assertThat(service.revoked).isEmpty();
        }
    }

    @Nested
    class Access_log {

        @Test
        void shows_each_disclosure_with_names_basis_and_acknowledgment() {
            ReceiptId receipt = ReceiptId.random();
            service.disclosures.add(new Disclosure(receipt, NOW, DISTRICT, InstitutionId.of("CSAC"),
                    EnumSet.of(org.baton.ledger.Scope.GPA), LegalBasis.CAL_GRANT_GPA_UPLOAD, Optional.empty(),
                    Optional.of(Verdict.ACCEPTED)));

            List<org.baton.node.portal.consent.Disclosure> log = desk.accessLog(ANA);

            assertThat(log).singleElement().satisfies(entry -> {
                assertThat(entry.id()).isEqualTo(receipt.value());
                assertThat(entry.sender().name()).isEqualTo("Sunrise Unified");
                assertThat(entry.recipient().name()).isEqualTo("CSAC");
                assertThat(entry.basis()).isEqualTo(org.baton.proto.v1.LegalBasis.BASIS_CAL_GRANT_GPA_UPLOAD);
                assertThat(entry.scopes()).containsExactly(Scope.SCOPE_GPA);
                assertThat(entry.acknowledged()).isTrue();
            });
        }

        @Test
        void a_copy_can_be_requested_only_of_the_students_own_disclosures() {
            assertThatThrownBy(() -> desk.requestCopy(ANA, "not-a-receipt", ANA_ACCOUNT))
                    .isInstanceOf(GrantNotFoundException.class)
                    .hasMessage("grant or disclosure not-a-receipt not found for this student");
        }
    }

    /** Records what the desk asks of the exchange; grants are kept per student as the node would. */
    private static final class RecordingConsentService implements ConsentService {
        final List<ConsentRequest> requests = new ArrayList<>();
        final List<ConsentGrant> granted = new ArrayList<>();
        final List<StudentId> grantedFor = new ArrayList<>();
        final List<GrantId> revoked = new ArrayList<>();
        final List<Disclosure> disclosures = new ArrayList<>();
        boolean recordNext = true;
        /** When above zero, the schools attended are this many, more than a grant reaches. */
        int attendedBeyond;
        /** Whether the exchange cannot say whom the student attended (as for a record without an SSID). */
        boolean attendedRefused;

        @Override
        public GrantOutcome grant(ConsentRequest request) {
            requests.add(request);
            if (request.sources().everyAttended()) {
                attended(request.student(), request.recipient());
            }
            ConsentGrant grant = new ConsentGrant(GrantId.random(),
                    SubjectCommitment.of(CommitmentSalt.random(), "1234567890"), request.grantor(), DISTRICT,
                    request.recipient(), request.sources(), request.scopes(), request.purpose(), NOW,
                    request.expiresAt(), request.consentDocumentHash());
            granted.add(grant);
            grantedFor.add(request.student());
            return new GrantOutcome(grant, recordNext);
        }

        @Override
        public List<InstitutionId> attended(StudentId student, InstitutionId recipient) {
            if (attendedBeyond > 0) {
                throw new TooManySourcesException(String.valueOf(student), attendedBeyond, 64);
            }
            if (attendedRefused) {
                throw new InvalidExchangeRequestException("student " + student + " has no SSID");
            }
            return List.of(DISTRICT, COLLEGE, UC).stream().filter(id -> !id.equals(recipient)).toList();
        }

        @Override
        public void revoke(GrantId grant) {
            revoked.add(grant);
        }

        @Override
        public List<GrantSummary> grants(StudentId student) {
            List<GrantSummary> out = new ArrayList<>();
            for (int i = 0; i < granted.size(); i++) {
                if (grantedFor.get(i).equals(student)) {
                    out.add(new GrantSummary(granted.get(i), GrantSummary.State.ACTIVE, true));
                }
            }
            return out;
        }

        @Override
        public List<Disclosure> accessLog(StudentId student) {
            return List.copyOf(disclosures);
        }
    }
}
