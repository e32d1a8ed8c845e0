package org.baton.ledger.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.baton.ledger.testing.LedgerFixtures.CDE;
import static org.baton.ledger.testing.LedgerFixtures.COLLEGE;
import static org.baton.ledger.testing.LedgerFixtures.CSAC;
import static org.baton.ledger.testing.LedgerFixtures.DISTRICT;
import static org.baton.ledger.testing.LedgerFixtures.OTHER_DISTRICT;
import static org.baton.ledger.testing.LedgerFixtures.UNIVERSITY;
import static org.baton.ledger.testing.LedgerFixtures.hashOf;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.baton.ledger.Acknowledged;
import org.baton.ledger.Acknowledgment;
import org.baton.ledger.Committed;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.EventCheckpoint;
import org.baton.ledger.EventPage;
import org.baton.ledger.EventType;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.GrantStatus;
import org.baton.ledger.Ledger;
import org.baton.ledger.LedgerEvent;
import org.baton.ledger.LedgerRejectedException;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.Page;
import org.baton.ledger.PageRequest;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.RefusalReason;
import org.baton.ledger.RejectionReason;
import org.baton.ledger.Scope;
import org.baton.ledger.Sources;
import org.baton.ledger.TimeRange;
import org.baton.ledger.TxId;
import org.baton.ledger.Verdict;
import org.baton.ledger.testing.LedgerFixtures;
import org.baton.trust.InstitutionId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * The rules of the ledger, as every backend must enforce them. A backend's test extends this class and opens
 * a fresh, empty ledger for each test in {@link #openBackend}.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class LedgerContractTest {

    /** A fresh, empty ledger whose members are {@link LedgerFixtures#MEMBERS}, and control over its clock. */
    protected interface Backend extends AutoCloseable {

        /** The ledger as {@code institution} (one of {@link LedgerFixtures#MEMBERS}) sees it. */
        Ledger ledgerFor(InstitutionId institution);

        /** Moves the ledger's transaction time forward. */
        void advanceTime(Duration duration);

        /**
         * Submits the committed transaction {@code txId} again, byte for byte as it was signed, the way an
         * attacker replaying captured traffic would. Must throw what the backend's writers throw.
         */
        void replay(TxId txId);

        @Override
        void close();
    }

    /** Opens an empty ledger whose transaction time starts at {@code start}. */
    protected abstract Backend openBackend(Instant start) throws Exception;

    private Backend backend;
    private Instant now;
    private final Map<InstitutionId, Ledger> ledgers = new HashMap<>();

    @BeforeEach
    void openLedger() throws Exception {
        now = LedgerFixtures.START;
        backend = openBackend(now);
    }

    @AfterEach
    void closeLedger() {
        ledgers.values().forEach(Ledger::close);
        ledgers.clear();
        backend.close();
    }

    private Ledger as(InstitutionId institution) {
        return ledgers.computeIfAbsent(institution, backend::ledgerFor);
    }

    private void advance(Duration duration) {
        backend.advanceTime(duration);
        now = now.plus(duration);
    }

    private ConsentGrant createGrant(LedgerFixtures.GrantBuilder builder) {
        ConsentGrant grant = builder.build();
        as(grant.attester()).writer().createGrant(grant);
        return grant;
    }

    private ExchangeReceipt receiptUnder(ConsentGrant grant, Scope... scopes) {
        return LedgerFixtures.receiptUnder(grant, EnumSet.copyOf(List.of(scopes)), now);
    }

    private ExchangeReceipt recordReceipt(ConsentGrant grant, Scope... scopes) {
        ExchangeReceipt receipt = receiptUnder(grant, scopes);
        as(receipt.sender()).writer().recordReceipt(receipt);
        return receipt;
    }

    private static void assertRefused(ThrowingCallable call, RefusalReason reason, String... mentions) {
        var thrown = assertThatThrownBy(call)
                .isInstanceOf(LedgerRejectedException.class)
                .hasMessageContaining("ledger refused transaction")
                .hasMessageContaining(reason.name());
        for (String mention : mentions) {
            thrown.hasMessageContaining(mention);
        }
        thrown.extracting(e -> ((LedgerRejectedException) e).reason()).isEqualTo(reason);
    }

    @Nested
    class Creating_a_grant {

        @Test
        void records_every_element_of_the_grant_and_stamps_the_commit() {
            ConsentGrant grant = LedgerFixtures.grant(now).sources(Sources.named(DISTRICT, OTHER_DISTRICT)).build();

            Committed committed = as(DISTRICT).writer().createGrant(grant);

            Optional<GrantRecord> read = as(UNIVERSITY).reader().grant(grant.id());
            assertThat(read).isPresent();
            assertThat(read.get().grant()).isEqualTo(grant);
            assertThat(read.get().created()).isEqualTo(committed);
            assertThat(read.get().revoked()).isEmpty();
            assertThat(read.get().statusAt(now)).isEqualTo(GrantStatus.ACTIVE);
            assertThat(committed.committedAt()).isEqualTo(now);
            assertThat(as(CSAC).reader().transaction(committed.txId())).contains(committed);
        }

        @Test
        void is_refused_when_the_submitter_is_not_the_attester() {
            ConsentGrant grant = LedgerFixtures.grant(now).attester(DISTRICT).build();

            assertRefused(() -> as(COLLEGE).writer().createGrant(grant),
                    RefusalReason.NOT_ATTESTER, "institution " + COLLEGE, grant.id().value());
            assertThat(as(DISTRICT).reader().grant(grant.id())).isEmpty();
        }

        @Test
        void is_refused_when_the_grant_id_is_taken() {
            ConsentGrant first = createGrant(LedgerFixtures.grant(now));
            ConsentGrant second = LedgerFixtures.grant(now).id(first.id()).recipient(COLLEGE).build();

            assertRefused(() -> as(DISTRICT).writer().createGrant(second),
                    RefusalReason.GRANT_ALREADY_EXISTS, first.id().value());
            assertThat(as(DISTRICT).reader().grant(first.id()).orElseThrow().grant()).isEqualTo(first);
        }

        @Test
        void is_refused_when_the_grant_has_already_expired() {
            ConsentGrant grant = LedgerFixtures.grant(now)
                    .issuedAt(now.minus(Duration.ofDays(10))).expiresAt(now.minus(Duration.ofDays(1))).build();

            assertRefused(() -> as(DISTRICT).writer().createGrant(grant),
                    RefusalReason.GRANT_ALREADY_EXPIRED, grant.id().value());
        }

        @Test
        void is_refused_when_issued_further_in_the_future_than_the_clock_skew() {
            ConsentGrant grant = LedgerFixtures.grant(now).issuedAt(now.plus(Duration.ofHours(1))).build();

            assertRefused(() -> as(DISTRICT).writer().createGrant(grant),
                    RefusalReason.GRANT_ISSUED_IN_FUTURE, grant.id().value());
        }

        @Test
        void reads_nothing_for_an_unknown_grant() {
            assertThat(as(DISTRICT).reader().grant(GrantId.random())).isEmpty();
        }
    }

    @Nested
    class Revoking_a_grant {

        @Test
        void marks_the_grant_revoked() {
            ConsentGrant grant = createGrant(LedgerFixtures.grant(now));
            advance(Duration.ofMinutes(3));

            Committed revoked = as(DISTRICT).writer().revokeGrant(grant.id());

            GrantRecord record = as(UNIVERSITY).reader().grant(grant.id()).orElseThrow();
            assertThat(record.revoked()).contains(revoked);
            assertThat(revoked.committedAt()).isEqualTo(now);
            assertThat(record.statusAt(now)).isEqualTo(GrantStatus.REVOKED);
        }

        @Test
        void is_refused_when_the_submitter_is_not_the_attester() {
            ConsentGrant grant = createGrant(LedgerFixtures.grant(now));

            assertRefused(() -> as(UNIVERSITY).writer().revokeGrant(grant.id()),
                    RefusalReason.NOT_ATTESTER, "institution " + UNIVERSITY, grant.id().value());
            assertThat(as(DISTRICT).reader().grant(grant.id()).orElseThrow().revoked()).isEmpty();
        }

        @Test
        void is_refused_for_an_unknown_grant() {
            GrantId unknown = GrantId.random();

            assertRefused(() -> as(DISTRICT).writer().revokeGrant(unknown),
                    RefusalReason.GRANT_NOT_FOUND, unknown.value());
        }

        @Test
        void is_refused_the_second_time() {
            ConsentGrant grant = createGrant(LedgerFixtures.grant(now));
            as(DISTRICT).writer().revokeGrant(grant.id());

            assertRefused(() -> as(DISTRICT).writer().revokeGrant(grant.id()),
                    RefusalReason.GRANT_REVOKED, grant.id().value());
        }
    }

    @Nested
    class Recording_a_receipt_under_consent {

        @Test
        void records_the_receipt_for_a_source_of_an_active_grant() {
            ConsentGrant grant = createGrant(LedgerFixtures.grant(now));
            ExchangeReceipt receipt = receiptUnder(grant, Scope.TRANSCRIPT, Scope.GPA);

            Committed committed = as(DISTRICT).writer().recordReceipt(receipt);

            ReceiptRecord record = as(UNIVERSITY).reader().receipt(receipt.id()).orElseThrow();
            assertThat(record.receipt()).isEqualTo(receipt);
            assertThat(record.recorded()).isEqualTo(committed);
            assertThat(record.acknowledged()).isEmpty();
        }

        @Test
        void accepts_any_sender_but_the_recipient_when_the_grant_covers_every_institution_attended() {
            ConsentGrant grant = createGrant(LedgerFixtures.grant(now).sources(Sources.everyInstitutionAttended()));
            ExchangeReceipt fromCollege = ExchangeReceipt.underGrant(ReceiptId.random(), grant.id(), COLLEGE,
                    UNIVERSITY, Set.of(Scope.TRANSCRIPT), hashOf("college package"), now);

            as(COLLEGE).writer().recordReceipt(fromCollege);

            assertThat(as(COLLEGE).reader().receipt(fromCollege.id())).isPresent();
        }

        @Test
        void records_several_receipts_at_once_each_with_its_own_outcome() {
            ConsentGrant active = createGrant(LedgerFixtures.grant(now));
            ConsentGrant revoked = createGrant(LedgerFixtures.grant(now));
            as(DISTRICT).writer().revokeGrant(revoked.id());
            ExchangeReceipt first = receiptUnder(active, Scope.TRANSCRIPT);
            ExchangeReceipt refused = receiptUnder(revoked, Scope.TRANSCRIPT);
            ExchangeReceipt second = receiptUnder(active, Scope.GPA);

            List<java.util.concurrent.CompletableFuture<Committed>> outcomes =
                    as(DISTRICT).writer().recordReceipts(List.of(first, refused, second));

            assertThat(outcomes).hasSize(3);
            Committed firstCommitted = outcomes.get(0).join();
            Committed secondCommitted = outcomes.get(2).join();
            assertThat(as(UNIVERSITY).reader().receipt(first.id()).orElseThrow().recorded()).isEqualTo(firstCommitted);
            assertThat(as(UNIVERSITY).reader().receipt(second.id()).orElseThrow().recorded()).isEqualTo(secondCommitted);
            assertThatThrownBy(() -> outcomes.get(1).join())
                    .hasCauseInstanceOf(LedgerRejectedException.class)
                    .cause().extracting(e -> ((LedgerRejectedException) e).reason())
                    .isEqualTo(RefusalReason.GRANT_REVOKED);
            assertThat(as(DISTRICT).reader().receipt(refused.id())).isEmpty();
        }

        @Test
        void is_refused_after_the_grant_is_revoked() {
            ConsentGrant grant = createGrant(LedgerFixtures.grant(now));
            as(DISTRICT).writer().revokeGrant(grant.id());
            ExchangeReceipt receipt = receiptUnder(grant, Scope.TRANSCRIPT);

            assertRefused(() -> as(DISTRICT).writer().recordReceipt(receipt),
                    RefusalReason.GRANT_REVOKED, grant.id().value(), receipt.id().value());
            assertThat(as(DISTRICT).reader().receipt(receipt.id())).isEmpty();
        }

        @Test
        void is_refused_once_the_grant_has_expired() {
            ConsentGrant grant = createGrant(LedgerFixtures.grant(now).expiresAt(now.plus(Duration.ofDays(1))));
            advance(Duration.ofDays(1));
            ExchangeReceipt receipt = receiptUnder(grant, Scope.TRANSCRIPT);

            assertRefused(() -> as(DISTRICT).writer().recordReceipt(receipt),
                    RefusalReason.GRANT_EXPIRED, grant.id().value(), receipt.id().value());
        }

        @Test
        void is_refused_before_the_grant_is_issued() {
            ConsentGrant grant = createGrant(LedgerFixtures.grant(now).issuedAt(now.plus(Duration.ofMinutes(2))));
            ExchangeReceipt receipt = receiptUnder(grant, Scope.TRANSCRIPT);

            assertRefused(() -> as(DISTRICT).writer().recordReceipt(receipt),
                    RefusalReason.GRANT_NOT_YET_VALID, grant.id().value());
        }

        @Test
        void is_refused_for_a_scope_outside_the_grant() {
            ConsentGrant grant = createGrant(LedgerFixtures.grant(now).scopes(Scope.TRANSCRIPT));
            ExchangeReceipt receipt = receiptUnder(grant, Scope.TRANSCRIPT, Scope.ELIGIBILITY_FOSTER_YOUTH);

            assertRefused(() -> as(DISTRICT).writer().recordReceipt(receipt),
                    RefusalReason.SCOPE_NOT_GRANTED, "ELIGIBILITY_FOSTER_YOUTH", receipt.id().value());
        }

        @Test
        void is_refused_when_the_sender_is_not_a_named_source() {
            ConsentGrant grant = createGrant(LedgerFixtures.grant(now).sources(Sources.named(DISTRICT)));
            ExchangeReceipt receipt = ExchangeReceipt.underGrant(ReceiptId.random(), grant.id(), OTHER_DISTRICT,
                    UNIVERSITY, Set.of(Scope.TRANSCRIPT), hashOf("package"), now);

            assertRefused(() -> as(OTHER_DISTRICT).writer().recordReceipt(receipt),
                    RefusalReason.SENDER_NOT_A_SOURCE, "sender " + OTHER_DISTRICT);
        }

        @Test
        void is_refused_when_sent_to_another_recipient_than_the_grants() {
            ConsentGrant grant = createGrant(LedgerFixtures.grant(now).recipient(UNIVERSITY));
            ExchangeReceipt receipt = ExchangeReceipt.underGrant(ReceiptId.random(), grant.id(), DISTRICT,
                    COLLEGE, Set.of(Scope.TRANSCRIPT), hashOf("package"), now);

            assertRefused(() -> as(DISTRICT).writer().recordReceipt(receipt),
                    RefusalReason.RECIPIENT_NOT_GRANTED, "recipient " + COLLEGE);
        }

        @Test
        void is_refused_when_the_submitter_is_not_the_sender() {
            ConsentGrant grant = createGrant(LedgerFixtures.grant(now));
            ExchangeReceipt receipt = receiptUnder(grant, Scope.TRANSCRIPT);

            assertRefused(() -> as(UNIVERSITY).writer().recordReceipt(receipt),
                    RefusalReason.NOT_SENDER, "institution " + UNIVERSITY);
        }

        @Test
        void is_refused_for_an_unknown_grant() {
            ExchangeReceipt receipt = ExchangeReceipt.underGrant(ReceiptId.random(), GrantId.random(), DISTRICT,
                    UNIVERSITY, Set.of(Scope.TRANSCRIPT), hashOf("package"), now);

            assertRefused(() -> as(DISTRICT).writer().recordReceipt(receipt),
                    RefusalReason.GRANT_NOT_FOUND, receipt.grant().orElseThrow().value());
        }

        @Test
        void is_refused_when_the_receipt_id_is_taken() {
            ConsentGrant grant = createGrant(LedgerFixtures.grant(now));
            ExchangeReceipt first = recordReceipt(grant, Scope.TRANSCRIPT);
            ExchangeReceipt again = ExchangeReceipt.underGrant(first.id(), grant.id(), DISTRICT, UNIVERSITY,
                    Set.of(Scope.GPA), hashOf("other package"), now);

            assertRefused(() -> as(DISTRICT).writer().recordReceipt(again),
                    RefusalReason.RECEIPT_ALREADY_EXISTS, first.id().value());
        }
    }

    @Nested
    class Recording_a_receipt_under_another_legal_basis {

        @Test
        void accepts_the_cal_grant_gpa_upload_from_a_district_to_csac() {
            ExchangeReceipt receipt = ExchangeReceipt.underBasis(ReceiptId.random(), LegalBasis.CAL_GRANT_GPA_UPLOAD,
                    DISTRICT, CSAC, Set.of(Scope.GPA), hashOf("gpa file"), now);

            as(DISTRICT).writer().recordReceipt(receipt);

            assertThat(as(CSAC).reader().receipt(receipt.id()).orElseThrow().receipt()).isEqualTo(receipt);
        }

        @Test
        void refuses_the_cal_grant_gpa_upload_from_a_college() {
            ExchangeReceipt receipt = ExchangeReceipt.underBasis(ReceiptId.random(), LegalBasis.CAL_GRANT_GPA_UPLOAD,
                    COLLEGE, CSAC, Set.of(Scope.GPA), hashOf("gpa file"), now);

            assertRefused(() -> as(COLLEGE).writer().recordReceipt(receipt),
                    RefusalReason.BASIS_NOT_APPLICABLE, "Cal Grant GPA upload");
        }

        @Test
        void refuses_the_cal_grant_gpa_upload_beyond_the_gpa_scope() {
            ExchangeReceipt receipt = ExchangeReceipt.underBasis(ReceiptId.random(), LegalBasis.CAL_GRANT_GPA_UPLOAD,
                    DISTRICT, CSAC, Set.of(Scope.GPA, Scope.TRANSCRIPT), hashOf("gpa file"), now);

            assertRefused(() -> as(DISTRICT).writer().recordReceipt(receipt),
                    RefusalReason.BASIS_NOT_APPLICABLE, "GPA scope only");
        }

        @Test
        void accepts_records_sent_to_a_school_the_student_seeks_to_enroll_in() {
            ExchangeReceipt receipt = ExchangeReceipt.underBasis(ReceiptId.random(), LegalBasis.SEEKS_ENROLLMENT,
                    DISTRICT, OTHER_DISTRICT, Set.of(Scope.TRANSCRIPT), hashOf("transfer package"), now);

            as(DISTRICT).writer().recordReceipt(receipt);

            assertThat(as(OTHER_DISTRICT).reader().receipt(receipt.id())).isPresent();
        }

        @Test
        void refuses_enrollment_disclosures_to_a_state_agency() {
            ExchangeReceipt receipt = ExchangeReceipt.underBasis(ReceiptId.random(), LegalBasis.SEEKS_ENROLLMENT,
                    DISTRICT, CDE, Set.of(Scope.TRANSCRIPT), hashOf("package"), now);

            assertRefused(() -> as(DISTRICT).writer().recordReceipt(receipt),
                    RefusalReason.BASIS_NOT_APPLICABLE, "between schools or colleges");
        }

        @Test
        void refuses_eligibility_flags_without_consent() {
            ExchangeReceipt receipt = ExchangeReceipt.underBasis(ReceiptId.random(), LegalBasis.SEEKS_ENROLLMENT,
                    DISTRICT, COLLEGE, Set.of(Scope.ELIGIBILITY_CALFRESH), hashOf("package"), now);

            assertRefused(() -> as(DISTRICT).writer().recordReceipt(receipt),
                    RefusalReason.BASIS_NOT_APPLICABLE, "eligibility flags");
        }
    }

    @Nested
    class Acknowledging_a_receipt {

        @Test
        void records_the_recipients_acceptance() {
            ExchangeReceipt receipt = recordReceipt(createGrant(LedgerFixtures.grant(now)), Scope.TRANSCRIPT);
            advance(Duration.ofSeconds(30));

            Committed committed = as(UNIVERSITY).writer().acknowledge(Acknowledgment.accepted(receipt.id()));

            ReceiptRecord record = as(DISTRICT).reader().receipt(receipt.id()).orElseThrow();
            assertThat(record.acknowledged()).isPresent();
            assertThat(record.acknowledged().get().acknowledgment().verdict()).isEqualTo(Verdict.ACCEPTED);
            assertThat(record.acknowledged().get().committed()).isEqualTo(committed);
            assertThat(committed.committedAt()).isEqualTo(now);
        }

        @Test
        void records_a_rejection_with_its_reason() {
            ExchangeReceipt receipt = recordReceipt(createGrant(LedgerFixtures.grant(now)), Scope.TRANSCRIPT);

            as(UNIVERSITY).writer().acknowledge(
                    Acknowledgment.rejected(receipt.id(), RejectionReason.PACKAGE_HASH_MISMATCH));

            Acknowledgment ack = as(DISTRICT).reader().receipt(receipt.id()).orElseThrow()
                    .acknowledged().orElseThrow().acknowledgment();
            assertThat(ack.verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(ack.reason()).contains(RejectionReason.PACKAGE_HASH_MISMATCH);
        }

        @Test
        void is_refused_from_anyone_but_the_recipient() {
            ExchangeReceipt receipt = recordReceipt(createGrant(LedgerFixtures.grant(now)), Scope.TRANSCRIPT);

            assertRefused(() -> as(COLLEGE).writer().acknowledge(Acknowledgment.accepted(receipt.id())),
                    RefusalReason.NOT_RECIPIENT, "institution " + COLLEGE, receipt.id().value());
            assertRefused(() -> as(DISTRICT).writer().acknowledge(Acknowledgment.accepted(receipt.id())),
                    RefusalReason.NOT_RECIPIENT, "institution " + DISTRICT);
            assertThat(as(DISTRICT).reader().receipt(receipt.id()).orElseThrow().acknowledged()).isEmpty();
        }

        @Test
        void is_refused_the_second_time() {
            ExchangeReceipt receipt = recordReceipt(createGrant(LedgerFixtures.grant(now)), Scope.TRANSCRIPT);
            as(UNIVERSITY).writer().acknowledge(Acknowledgment.accepted(receipt.id()));

            assertRefused(() -> as(UNIVERSITY).writer().acknowledge(
                            Acknowledgment.rejected(receipt.id(), RejectionReason.OTHER)),
                    RefusalReason.ALREADY_ACKNOWLEDGED, receipt.id().value());
            assertThat(as(DISTRICT).reader().receipt(receipt.id()).orElseThrow()
                    .acknowledged().orElseThrow().acknowledgment().verdict()).isEqualTo(Verdict.ACCEPTED);
        }

        @Test
        void takes_an_acceptance_naming_the_receipt_on_the_ledger() {
            ExchangeReceipt receipt = recordReceipt(createGrant(LedgerFixtures.grant(now)), Scope.TRANSCRIPT);

            Committed committed = as(UNIVERSITY).writer().accept(receipt);

            Acknowledged acknowledged = as(DISTRICT).reader().receipt(receipt.id()).orElseThrow()
                    .acknowledged().orElseThrow();
            assertThat(acknowledged.acknowledgment()).isEqualTo(Acknowledgment.accepted(receipt.id()));
            assertThat(acknowledged.committed()).isEqualTo(committed);
        }

        @Test
        void refuses_an_acceptance_naming_another_receipt() {
            ExchangeReceipt receipt = recordReceipt(createGrant(LedgerFixtures.grant(now)), Scope.TRANSCRIPT);
            ExchangeReceipt otherPackage = new ExchangeReceipt(receipt.id(), receipt.basis(), receipt.grant(),
                    receipt.sender(), receipt.recipient(), Set.of(Scope.TRANSCRIPT, Scope.GPA), hashOf("other package"),
                    receipt.sentAt());

            assertRefused(() -> as(UNIVERSITY).writer().accept(otherPackage),
                    RefusalReason.RECEIPT_MISMATCH, receipt.id().value(), "not the one the recipient accepts");
            assertThat(as(DISTRICT).reader().receipt(receipt.id()).orElseThrow().acknowledged()).isEmpty();
            as(UNIVERSITY).writer().acknowledge(Acknowledgment.rejected(receipt.id(), RejectionReason.SCOPE_MISMATCH));
            assertThat(as(DISTRICT).reader().receipt(receipt.id()).orElseThrow().acknowledged().orElseThrow()
                    .acknowledgment().verdict()).isEqualTo(Verdict.REJECTED);
        }

        @Test
        void refuses_an_acceptance_naming_the_receipt_from_anyone_but_the_recipient_or_twice() {
            ExchangeReceipt receipt = recordReceipt(createGrant(LedgerFixtures.grant(now)), Scope.TRANSCRIPT);

            assertRefused(() -> as(COLLEGE).writer().accept(receipt), RefusalReason.NOT_RECIPIENT, receipt.id().value());
            as(UNIVERSITY).writer().accept(receipt);
            assertRefused(() -> as(UNIVERSITY).writer().accept(receipt), RefusalReason.ALREADY_ACKNOWLEDGED,
                    receipt.id().value());
        }

        @Test
        void is_refused_for_an_unknown_receipt() {
            ReceiptId unknown = ReceiptId.random();

            assertRefused(() -> as(UNIVERSITY).writer().acknowledge(Acknowledgment.accepted(unknown)),
                    RefusalReason.RECEIPT_NOT_FOUND, unknown.value());
        }
    }

    @Nested
    class Replaying_a_transaction {

        @Test
        void is_refused_and_changes_nothing() {
            ConsentGrant grant = createGrant(LedgerFixtures.grant(now));
            Committed revoked = as(DISTRICT).writer().revokeGrant(grant.id());
            EventPage before = as(DISTRICT).reader().events(EventCheckpoint.START, 100);

            assertRefused(() -> backend.replay(revoked.txId()),
                    RefusalReason.DUPLICATE_TRANSACTION, revoked.txId().value());
            assertThat(as(DISTRICT).reader().events(EventCheckpoint.START, 100)).isEqualTo(before);
        }

        @Test
        void of_a_receipt_does_not_record_it_twice() {
            ConsentGrant grant = createGrant(LedgerFixtures.grant(now));
            ExchangeReceipt receipt = receiptUnder(grant, Scope.TRANSCRIPT);
            Committed committed = as(DISTRICT).writer().recordReceipt(receipt);

            assertRefused(() -> backend.replay(committed.txId()), RefusalReason.DUPLICATE_TRANSACTION);
            assertThat(as(UNIVERSITY).reader().receiptsByGrant(grant.id())).hasSize(1);
        }
    }

    @Nested
    class Querying {

        @Test
        void lists_the_receipts_of_a_grant_in_commit_order() {
            ConsentGrant grant = createGrant(LedgerFixtures.grant(now).sources(Sources.named(DISTRICT, COLLEGE)));
            ExchangeReceipt first = recordReceipt(grant, Scope.TRANSCRIPT);
            advance(Duration.ofMinutes(1));
            ExchangeReceipt second = ExchangeReceipt.underGrant(ReceiptId.random(), grant.id(), COLLEGE, UNIVERSITY,
                    Set.of(Scope.GPA), hashOf("college package"), now);
            as(COLLEGE).writer().recordReceipt(second);
            recordReceipt(createGrant(LedgerFixtures.grant(now)), Scope.GPA);

            List<ReceiptRecord> receipts = as(UNIVERSITY).reader().receiptsByGrant(grant.id());

            assertThat(receipts).extracting(ReceiptRecord::id).containsExactly(first.id(), second.id());
            assertThat(as(UNIVERSITY).reader().receiptsByGrant(GrantId.random())).isEmpty();
        }

        @Test
        void pages_through_the_grants_of_an_institution_in_commit_order() {
            List<GrantId> toUniversity = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                toUniversity.add(createGrant(LedgerFixtures.grant(now)).id());
                createGrant(LedgerFixtures.grant(now).attester(OTHER_DISTRICT).sources(Sources.named(OTHER_DISTRICT))
                        .recipient(COLLEGE));
                advance(Duration.ofMinutes(1));
            }

            List<GrantId> seen = new ArrayList<>();
            Optional<PageRequest> request = Optional.of(PageRequest.first(3));
            int pages = 0;
            while (request.isPresent()) {
                Page<GrantRecord> page = as(UNIVERSITY).reader()
                        .grantsByInstitution(UNIVERSITY, TimeRange.all(), request.get());
                assertThat(page.items()).hasSizeLessThanOrEqualTo(3);
                page.items().forEach(record -> seen.add(record.id()));
                request = request.get().next(page);
                pages++;
            }

            assertThat(seen).containsExactlyElementsOf(toUniversity);
            assertThat(pages).isBetween(3, 4);
        }

        @Test
        void finds_grants_by_attester_and_named_source_too() {
            ConsentGrant grant = createGrant(LedgerFixtures.grant(now).attester(UNIVERSITY)
                    .sources(Sources.named(DISTRICT, COLLEGE)));

            for (InstitutionId party : List.of(UNIVERSITY, DISTRICT, COLLEGE)) {
                assertThat(as(party).reader().grantsByInstitution(party, TimeRange.all(), PageRequest.first(10))
                        .items()).extracting(GrantRecord::id).containsExactly(grant.id());
            }
            assertThat(as(CSAC).reader().grantsByInstitution(CSAC, TimeRange.all(), PageRequest.first(10)).items())
                    .isEmpty();
        }

        @Test
        void limits_grants_to_the_commit_time_range() {
            ConsentGrant early = createGrant(LedgerFixtures.grant(now));
            advance(Duration.ofHours(1));
            Instant middle = now;
            ConsentGrant late = createGrant(LedgerFixtures.grant(now));

            Page<GrantRecord> before = as(DISTRICT).reader().grantsByInstitution(DISTRICT,
                    TimeRange.between(LedgerFixtures.START, middle), PageRequest.first(10));
            Page<GrantRecord> after = as(DISTRICT).reader().grantsByInstitution(DISTRICT,
                    TimeRange.between(middle, middle.plus(Duration.ofDays(1))), PageRequest.first(10));

            assertThat(before.items()).extracting(GrantRecord::id).containsExactly(early.id());
            assertThat(before.next()).isEmpty();
            assertThat(after.items()).extracting(GrantRecord::id).containsExactly(late.id());
        }

        @Test
        void pages_through_the_receipts_an_institution_sent_or_received() {
            ConsentGrant grant = createGrant(LedgerFixtures.grant(now));
            List<ReceiptId> expected = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                expected.add(recordReceipt(grant, Scope.TRANSCRIPT).id());
                advance(Duration.ofSeconds(10));
            }
            ExchangeReceipt upload = ExchangeReceipt.underBasis(ReceiptId.random(), LegalBasis.CAL_GRANT_GPA_UPLOAD,
                    OTHER_DISTRICT, CSAC, Set.of(Scope.GPA), hashOf("gpa"), now);
            as(OTHER_DISTRICT).writer().recordReceipt(upload);

            for (InstitutionId party : List.of(DISTRICT, UNIVERSITY)) {
                List<ReceiptId> seen = new ArrayList<>();
                Optional<PageRequest> request = Optional.of(PageRequest.first(2));
                while (request.isPresent()) {
                    Page<ReceiptRecord> page = as(party).reader()
                            .receiptsByInstitution(party, TimeRange.all(), request.get());
                    page.items().forEach(record -> seen.add(record.id()));
                    request = request.get().next(page);
                }
                assertThat(seen).as("receipts of %s", party).containsExactlyElementsOf(expected);
            }
            assertThat(as(CSAC).reader().receiptsByInstitution(CSAC, TimeRange.all(), PageRequest.first(10)).items())
                    .extracting(ReceiptRecord::id).containsExactly(upload.id());
        }
    }

    @Nested
    class Following_the_event_stream {

        @Test
        void reports_each_accepted_transaction_once_in_order() {
            ConsentGrant grant = createGrant(LedgerFixtures.grant(now));
            ExchangeReceipt receipt = recordReceipt(grant, Scope.TRANSCRIPT);
            as(UNIVERSITY).writer().acknowledge(Acknowledgment.accepted(receipt.id()));
            assertRefused(() -> as(COLLEGE).writer().revokeGrant(grant.id()), RefusalReason.NOT_ATTESTER);
            as(DISTRICT).writer().revokeGrant(grant.id());

            EventPage page = as(CSAC).reader().events(EventCheckpoint.START, 100);

            assertThat(page.events()).extracting(LedgerEvent::type).containsExactly(
                    EventType.GRANT_CREATED, EventType.RECEIPT_RECORDED, EventType.RECEIPT_ACKNOWLEDGED,
                    EventType.GRANT_REVOKED);
            assertThat(page.events()).extracting(LedgerEvent::submitter)
                    .containsExactly(DISTRICT, DISTRICT, UNIVERSITY, DISTRICT);
            assertThat(page.events()).allSatisfy(event -> assertThat(event.grant()).contains(grant.id()));
            assertThat(page.events().get(1).receipt()).contains(receipt.id());
            assertThat(page.events()).extracting(LedgerEvent::sequence).isSorted().doesNotHaveDuplicates();
            assertThat(page.next()).isEqualTo(page.events().get(3).checkpoint());
            assertThat(page.events()).extracting(LedgerEvent::acknowledgment).containsExactly(Optional.empty(),
                    Optional.empty(), Optional.of(Acknowledgment.accepted(receipt.id())), Optional.empty());
        }

        @Test
        void tells_the_verdict_of_a_rejection_with_its_reason() {
            ConsentGrant grant = createGrant(LedgerFixtures.grant(now));
            ExchangeReceipt receipt = recordReceipt(grant, Scope.TRANSCRIPT);
            Acknowledgment rejection = Acknowledgment.rejected(receipt.id(), RejectionReason.SCOPE_MISMATCH);
            as(UNIVERSITY).writer().acknowledge(rejection);

            EventPage page = as(DISTRICT).reader().events(EventCheckpoint.START, 100);

            assertThat(page.events()).filteredOn(event -> event.type() == EventType.RECEIPT_ACKNOWLEDGED)
                    .singleElement().satisfies(event -> {
                        assertThat(event.receipt()).contains(receipt.id());
                        assertThat(event.acknowledgment()).contains(rejection);
                    });
        }

        @Test
        void resumes_after_a_checkpoint() {
            for (int i = 0; i < 5; i++) {
                createGrant(LedgerFixtures.grant(now));
            }
            EventPage firstTwo = as(CSAC).reader().events(EventCheckpoint.START, 2);
            EventPage rest = as(CSAC).reader().events(firstTwo.next(), 100);
            ConsentGrant later = createGrant(LedgerFixtures.grant(now));
            EventPage afterRest = as(CSAC).reader().events(rest.next(), 100);
            EventPage atEnd = as(CSAC).reader().events(afterRest.next(), 100);

            assertThat(firstTwo.events()).hasSize(2);
            assertThat(rest.events()).hasSize(3);
            assertThat(rest.events().get(0).sequence()).isGreaterThan(firstTwo.events().get(1).sequence());
            assertThat(afterRest.events()).extracting(event -> event.grant().orElseThrow()).containsExactly(later.id());
            assertThat(atEnd.events()).isEmpty();
            assertThat(atEnd.next()).isEqualTo(afterRest.next());
        }

        @Test
        void stamps_events_with_the_commit_of_their_transaction() {
            Committed committed = as(DISTRICT).writer().createGrant(LedgerFixtures.grant(now).build());

            LedgerEvent event = as(CSAC).reader().events(EventCheckpoint.START, 1).events().get(0);

            assertThat(event.committed()).isEqualTo(committed);
        }
    }
}
