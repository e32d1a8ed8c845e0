package org.baton.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.baton.node.exchange.ExchangeHarness.COLLEGE;
import static org.baton.node.exchange.ExchangeHarness.CSAC;
import static org.baton.node.exchange.ExchangeHarness.DISTRICT;
import static org.baton.node.exchange.ExchangeHarness.OTHER_DISTRICT;
import static org.baton.node.exchange.ExchangeHarness.UNIVERSITY;

import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantStatus;
import org.baton.ledger.GrantorRole;
import org.baton.ledger.LedgerUnavailableException;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.PageRequest;
import org.baton.ledger.Purpose;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.RejectionReason;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.ledger.Sources;
import org.baton.ledger.TimeRange;
import org.baton.ledger.Verdict;
import org.baton.ledger.json.LedgerJson;
import org.baton.node.quality.ReceivedQuality;
import org.baton.node.store.ColumnEntry;
import org.baton.node.store.StoreTransaction;
import org.baton.node.student.Ssid;
import org.baton.node.student.StudentId;
import org.baton.node.readiness.ReadinessEngine;
import org.baton.node.readiness.ReadinessInput;
import org.baton.node.readiness.ReadinessReport;
import org.baton.node.readiness.rules.RuleBook;
import org.baton.proto.v1.AgArea;
import org.baton.proto.v1.AgAreaStatus;
import org.baton.proto.v1.AgStatusSummary;
import org.baton.proto.v1.CollegeCourse;
import org.baton.proto.v1.EligibilityFlag;
import org.baton.proto.v1.Enrollment;
import org.baton.proto.v1.EligibilityProgram;
import org.baton.proto.v1.GpaKind;
import org.baton.proto.v1.HigherEdSystem;
import org.baton.proto.v1.PackageContent;
import org.baton.proto.v1.StoredStudentLinks;
import org.baton.proto.v1.SignedPackage;
import org.baton.proto.v1.StudentRecord;
import org.baton.trust.InstitutionId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExchangeEngineTest {

    @TempDir
    Path dir;

    ExchangeHarness harness;
    ExchangeHarness.Node district;
    ExchangeHarness.Node university;
    StudentId atDistrict;
    StudentId atUniversity;

    @BeforeEach
    void start() {
        harness = new ExchangeHarness(dir);
        district = harness.start(DISTRICT);
        university = harness.start(UNIVERSITY, ExchangeHarness.fastSettings().withPullOnGrant(false));
        atDistrict = district.put(Students.record(1, DISTRICT.value(), 40));
        atUniversity = university.put(Students.record(1, UNIVERSITY.value(), 0));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private ConsentRequest consent(StudentId student, Scope... scopes) {
        return new ConsentRequest(student, GrantorRole.STUDENT, UNIVERSITY, Sources.named(DISTRICT),
                EnumSet.copyOf(List.of(scopes)), Purpose.ADMISSION, harness.clock.instant().plus(Duration.ofDays(90)),
                Sha256.hash("signed consent".getBytes(StandardCharsets.UTF_8)));
    }

    /** A grant the district attests (the student signed in at the district's portal), opening told to the university. */
    private GrantId districtGrant(Scope... scopes) {
        GrantId grant = district.consent().grant(consent(atDistrict, scopes)).grant().id();
        Eventually.until("the university knows the opening",
                () -> university.module.store().opening(grant).isPresent());
        return grant;
    }

    private static PackageContent content(ReceivedPackage received) throws Exception {
        return PackageContent.parseFrom(received.signed().getContent());
    }

    private List<ReceiptRecord> receipts(GrantId grant) {
        return harness.ledger.as(DISTRICT).reader().receiptsByGrant(grant);
    }

    @Nested
    class Granting {

        @Test
        void records_the_grant_on_the_ledger_without_ssid_or_salt_and_tells_the_recipient_the_opening() {
            GrantOutcome outcome = district.consent().grant(consent(atDistrict, Scope.TRANSCRIPT));

            assertThat(outcome.recorded()).isTrue();
            var onLedger = harness.ledger.as(DISTRICT).reader().grant(outcome.grant().id()).orElseThrow();
            assertThat(onLedger.grant()).isEqualTo(outcome.grant());
            Eventually.until("the university knows the opening",
                    () -> university.module.store().opening(outcome.grant().id()).isPresent());
            var opening = university.module.store().opening(outcome.grant().id()).orElseThrow().getOpening();
            assertThat(opening.getSsid()).isEqualTo(Students.ssid(1));
            String ledgerBytes = new String(LedgerJson.encodeGrantRecord(onLedger), StandardCharsets.UTF_8);
            assertThat(ledgerBytes).doesNotContain(Students.ssid(1))
                    .doesNotContain(java.util.HexFormat.of().formatHex(opening.getSalt().toByteArray()));
            assertThat(district.events).contains("grantRecorded " + outcome.grant().id());
        }

        @Test
        void tells_a_party_that_was_down_once_it_is_back() {
            harness.peers.down(UNIVERSITY);

            GrantId grant = district.consent().grant(consent(atDistrict, Scope.TRANSCRIPT)).grant().id();

            Eventually.until("the notification is deferred and the university retried with backoff",
                    () -> district.events.contains("grantNotificationDeferred " + UNIVERSITY)
                            && !district.exchanges().status().peers().isEmpty());
            assertThat(district.exchanges().status().queuedNotifications()).isEqualTo(1);
            assertThat(district.exchanges().status().peers()).extracting(ExchangeStatus.PeerRetry::peer)
                    .containsExactly(UNIVERSITY);
            harness.peers.up(UNIVERSITY);
            Eventually.until("the university knows the opening",
                    () -> university.module.store().opening(grant).isPresent());
            Eventually.until("nothing is queued", () -> district.exchanges().status().queuedNotifications() == 0);
        }

        @Test
        void queues_a_grant_while_the_ledger_is_down_and_records_it_when_it_returns() {
            district.ledgerView.off();

            GrantOutcome outcome = district.consent().grant(consent(atDistrict, Scope.TRANSCRIPT));

            assertThat(outcome.recorded()).isFalse();
            assertThat(district.consent().grants(atDistrict)).extracting(GrantSummary::state)
                    .containsExactly(GrantSummary.State.PENDING);
            assertThat(district.exchanges().status().ledgerReachable()).isFalse();
            district.ledgerView.on();
            Eventually.until("the grant is on the ledger",
                    () -> harness.ledger.as(DISTRICT).reader().grant(outcome.grant().id()).isPresent());
            Eventually.until("the university knows the opening",
                    () -> university.module.store().opening(outcome.grant().id()).isPresent());
            assertThat(district.consent().grants(atDistrict)).extracting(GrantSummary::state)
                    .containsExactly(GrantSummary.State.ACTIVE);
        }

        @Test
        void refuses_a_notification_from_an_institution_that_is_not_the_attester() {
            GrantId grant = districtGrant(Scope.TRANSCRIPT);
            Opening opening = Opening.fromProto(university.module.store().opening(grant).orElseThrow().getOpening(), "o");

            assertThatThrownBy(() -> university.module.handler().notifyGrant(COLLEGE, grant, opening, List.of()))
                    .isInstanceOf(CallerRefusedException.class)
                    .hasMessage("institution " + COLLEGE + " may not do this: it is not the attester " + DISTRICT
                            + " of grant " + grant);
        }

        @Test
        void refuses_an_opening_that_does_not_open_the_commitment() {
            GrantId grant = districtGrant(Scope.TRANSCRIPT);
            Opening real = Opening.fromProto(university.module.store().opening(grant).orElseThrow().getOpening(), "o");
            Opening other = new Opening(real.salt(), org.baton.node.student.Ssid.of(Students.ssid(2)),
                    real.firstName(), real.lastName(), real.birthDate());

            assertThatThrownBy(() -> university.module.handler().notifyGrant(DISTRICT, grant, other, List.of()))
                    .isInstanceOf(InvalidExchangeRequestException.class)
                    .hasMessage("the opening does not open the subject commitment of grant " + grant);
        }

        @Test
        void revokes_a_grant_once_and_refuses_grants_it_does_not_attest() {
            GrantId grant = districtGrant(Scope.TRANSCRIPT);

            district.consent().revoke(grant);
            district.consent().revoke(grant);

            assertThat(harness.ledger.as(DISTRICT).reader().grant(grant).orElseThrow()
                    .statusAt(harness.clock.instant())).isEqualTo(GrantStatus.REVOKED);
            assertThatThrownBy(() -> university.consent().revoke(grant))
                    .isInstanceOf(UnknownGrantException.class)
                    .hasMessage("grant " + grant + " is not attested here");
        }
    }

    @Nested
    class Pulling {

        @Test
        void an_accepted_package_is_marked_for_the_data_quality_rules_and_an_older_store_marks_its_packages_once() {
            GrantId grant = districtGrant(Scope.TRANSCRIPT);
            university.settle(university.exchanges().pull(grant, DISTRICT, Set.of(Scope.TRANSCRIPT)));
            String pkg = university.module.received().underGrant(grant).get(0).packageId().value();
            ReceivedChecks checks = (ReceivedChecks) university.module.receivedChecks();

            assertThat(checks.waiting(Optional.empty(), 100)).extracting(ReceivedQuality.Mark::packageId)
                    .containsExactly(pkg);
            // The recipient handed the package over as it accepted it; a second look reads it from the store.
            assertThat(university.module.handoff().size()).isOne();
            ReceivedQuality.Arrival handed = checks.arrival(pkg).orElseThrow();
            assertThat(university.module.handoff().size()).isZero();
            ReceivedQuality.Arrival read = checks.arrival(pkg).orElseThrow();
            assertThat(handed).isNotSameAs(read).isEqualTo(read);
            assertThat(read).satisfies(arrival -> {
                assertThat(arrival.source()).isEqualTo(DISTRICT.value());
                assertThat(arrival.scopes()).containsExactly(Scope.TRANSCRIPT);
                assertThat(arrival.record().getCoursesCount()).isEqualTo(40);
                // The student's key is the keyed hash of the SSID, the same for each package, never the SSID.
                assertThat(arrival.studentKey()).hasSize(64).doesNotContain(Students.ssid(1));
            });
            assertThat(district.module.receivedChecks().waiting(Optional.empty(), 100)).isEmpty();
            try (StoreTransaction tx = university.store.beginTransaction()) {
                checks.checked(tx, checks.waiting(Optional.empty(), 1).get(0));
                tx.commit();
            }
            assertThat(checks.waiting(Optional.empty(), 100)).isEmpty();

            // A store written before the marks existed: its received packages are marked when it is opened, once.
            try (StoreTransaction tx = university.store.beginTransaction()) {
                tx.delete(ExchangeStore.INDEX, ExchangeStore.QUALITY_CHECK_BACKFILLED);
                tx.commit();
            }
            ReceivedChecks reopened = new ReceivedChecks(university.module.store(), university.module.received(),
                    ReceivedByStudent.open(university.store), new ArrivalHandoff());
            assertThat(reopened.waiting(Optional.empty(), 100)).extracting(ReceivedQuality.Mark::packageId)
                    .containsExactly(pkg);
            try (StoreTransaction tx = university.store.beginTransaction()) {
                reopened.checked(tx, reopened.waiting(Optional.empty(), 1).get(0));
                tx.commit();
            }
            assertThat(new ReceivedChecks(university.module.store(), university.module.received(),
                    ReceivedByStudent.open(university.store), new ArrivalHandoff()).waiting(Optional.empty(), 100))
                    .isEmpty();
        }

        @Test
        void delivers_the_transcript_signed_stored_apart_receipted_and_acknowledged() throws Exception {
            GrantId grant = districtGrant(Scope.TRANSCRIPT, Scope.GPA);

            ExchangeView done = university.settle(university.exchanges().pull(grant, DISTRICT, Set.of(Scope.TRANSCRIPT)));

            assertThat(done.state()).isEqualTo(ExchangeState.ACKNOWLEDGED);
            assertThat(done.verdict()).contains(Verdict.ACCEPTED);
            ReceivedPackage received = university.module.received().underGrant(grant).get(0);
            assertThat(received.source()).isEqualTo(DISTRICT);
            StudentRecord record = content(received).getRecord();
            assertThat(record.getCoursesCount()).isEqualTo(40);
            assertThat(record.getEnrollmentsCount()).isEqualTo(1);
            assertThat(record.getReportedGpasCount()).isZero();
            assertThat(record.getStudent().hasDemographics()).isFalse();
            assertThat(record.getStudent().getEligibilityCount()).isZero();
            assertThat(record.getStudent().getSsid()).isEqualTo(Students.ssid(1));
            assertThat(university.store.studentCount()).isEqualTo(1);
            ReceiptRecord receipt = receipts(grant).get(0);
            assertThat(receipt.receipt().packageHash()).isEqualTo(received.hash());
            assertThat(receipt.receipt().scopes()).containsExactly(Scope.TRANSCRIPT);
            assertThat(receipt.acknowledged().orElseThrow().acknowledgment().verdict()).isEqualTo(Verdict.ACCEPTED);
            district.module.pollLedger();
            ExchangeView sent = district.exchanges().recent(1).get(0);
            assertThat(sent.state()).isEqualTo(ExchangeState.ACKNOWLEDGED);
            assertThat(sent.verdict()).contains(Verdict.ACCEPTED);
        }

        @Test
        void times_each_step_of_a_pull_on_both_sides_in_order_acknowledging_without_reading_the_receipt() {
            GrantId grant = districtGrant(Scope.TRANSCRIPT);
            int before = university.ledgerView.calls().size();

            university.settle(university.exchanges().pull(grant, DISTRICT, Set.of(Scope.TRANSCRIPT)));
            // The exchange settles inside its last write; that write's time is told just after.
            Eventually.until("the last step is timed",
                    () -> steps(university.events).contains("step ACKNOWLEDGED_WRITE"));

            assertThat(steps(university.events)).containsExactly("step REQUESTED_WRITE", "step QUEUED", "step REQUEST",
                    "step VERIFY", "step RECEIVED_WRITE", "step ACKNOWLEDGE", "step ACKNOWLEDGED_WRITE");
            List<String> calls = university.ledgerView.calls();
            assertThat(calls.subList(before, calls.size())).containsOnlyOnce("accept").doesNotContain("receipt");
            assertThat(steps(district.events)).containsSubsequence("step SERVE_PREPARE", "step SIGNED_WRITE",
                    "step RECEIPT").doesNotContain("step REQUEST", "step ACKNOWLEDGE");
        }

        private static List<String> steps(List<String> events) {
            synchronized (events) {
                return events.stream().filter(event -> event.startsWith("step ")).toList();
            }
        }

        @Test
        void a_pull_waiting_for_its_source_holds_no_worker() {
            ExchangeHarness.Node college = harness.start(COLLEGE, ExchangeHarness.fastSettings().withPullOnGrant(false)
                    .withWorkers(1));
            GrantId grant = district.consent().grant(new ConsentRequest(atDistrict, GrantorRole.STUDENT, COLLEGE,
                    Sources.named(DISTRICT), EnumSet.of(Scope.TRANSCRIPT), Purpose.ADMISSION,
                    harness.clock.instant().plus(Duration.ofDays(90)),
                    Sha256.hash("signed consent".getBytes(StandardCharsets.UTF_8)))).grant().id();
            Eventually.until("the college knows the opening", () -> college.module.store().opening(grant).isPresent());
            harness.peers.hold(DISTRICT);

            ExchangeId one = college.exchanges().pull(grant, DISTRICT, Set.of(Scope.TRANSCRIPT));
            ExchangeId two = college.exchanges().pull(grant, DISTRICT, Set.of(Scope.TRANSCRIPT));

            // One worker sent both: the first pull's wait for its answer did not keep the second from going.
            Eventually.until("both pulls are out to the source", () -> harness.peers.heldPulls() == 2);
            harness.peers.release();
            assertThat(college.settle(one).state()).isEqualTo(ExchangeState.ACKNOWLEDGED);
            assertThat(college.settle(two).state()).isEqualTo(ExchangeState.ACKNOWLEDGED);
        }

        @Test
        void finds_what_it_received_for_a_student_by_ssid_and_nothing_for_another() throws Exception {
            GrantId grant = districtGrant(Scope.TRANSCRIPT);

            university.settle(university.exchanges().pull(grant, DISTRICT, Set.of(Scope.TRANSCRIPT)));

            List<ReceivedPackage> received = university.module.received()
                    .forStudent(org.baton.node.student.Ssid.of(Students.ssid(1)));
            assertThat(received).extracting(ReceivedPackage::packageId)
                    .containsExactlyElementsOf(university.module.received().underGrant(grant).stream()
                            .map(ReceivedPackage::packageId).toList());
            assertThat(university.module.received().forStudent(org.baton.node.student.Ssid.of(Students.ssid(2))))
                    .isEmpty();
        }

        @Test
        void discloses_an_eligibility_flag_only_under_its_own_scope() throws Exception {
            GrantId grant = districtGrant(Scope.ELIGIBILITY_FOSTER_YOUTH);

            university.settle(university.exchanges().pull(grant, DISTRICT, Set.of(Scope.ELIGIBILITY_FOSTER_YOUTH)));

            StudentRecord record = content(university.module.received().underGrant(grant).get(0)).getRecord();
            assertThat(record.getStudent().getEligibilityList()).extracting(EligibilityFlag::getProgram)
                    .containsExactly(EligibilityProgram.FOSTER_YOUTH);
            assertThat(record.getCoursesCount()).isZero();
        }

        @Test
        void sends_under_ag_status_the_sources_own_a_g_evaluation_and_not_the_courses_behind_it() throws Exception {
            GrantId grant = districtGrant(Scope.AG_STATUS);

            ExchangeView done = university.settle(
                    university.exchanges().pull(grant, DISTRICT, Set.of(Scope.AG_STATUS)));

            assertThat(done.verdict()).contains(Verdict.ACCEPTED);
            StudentRecord record = content(university.module.received().underGrant(grant).get(0)).getRecord();
            assertThat(record.getCoursesCount() + record.getEnrollmentsCount() + record.getReportedGpasCount())
                    .isZero();
            LocalDate asOf = LocalDate.ofInstant(harness.clock.instant(), ZoneId.of("America/Los_Angeles"));
            ReadinessReport expected = ReadinessEngine.create(RuleBook.loadDefault())
                    .evaluate(ReadinessInput.of(district.store.student(atDistrict).orElseThrow().record(), asOf));
            assertThat(record.getAgStatusList()).containsExactly(expected.uc().summary(asOf), expected.csu().summary(asOf));
            AgStatusSummary uc = record.getAgStatus(0);
            assertThat(uc.getSystem()).isEqualTo(HigherEdSystem.SYSTEM_UC);
            assertThat(uc.getAreasList()).extracting(AgAreaStatus::getArea).containsExactly(AgArea.AG_A_HISTORY,
                    AgArea.AG_B_ENGLISH, AgArea.AG_C_MATH, AgArea.AG_D_SCIENCE, AgArea.AG_E_LANGUAGE, AgArea.AG_F_ARTS,
                    AgArea.AG_G_ELECTIVE);
            assertThat(uc.getSemestersCompleted()).isPositive();
        }

        @Test
        void a_college_sends_no_a_g_evaluation_of_its_own_record_even_under_ag_status() throws Exception {
            ExchangeHarness.Node college = harness.start(COLLEGE);
            college.put(Students.record(1, COLLEGE.value(), 3));
            GrantId grant = district.consent().grant(new ConsentRequest(atDistrict, GrantorRole.STUDENT, UNIVERSITY,
                    Sources.named(COLLEGE), EnumSet.of(Scope.TRANSCRIPT, Scope.AG_STATUS), Purpose.ADMISSION,
                    harness.clock.instant().plus(Duration.ofDays(90)),
                    Sha256.hash("signed consent".getBytes(StandardCharsets.UTF_8)))).grant().id();
            Eventually.until("the university knows the opening",
                    () -> university.module.store().opening(grant).isPresent());

            ExchangeView done = university.settle(university.exchanges().pull(grant, COLLEGE,
                    EnumSet.of(Scope.TRANSCRIPT, Scope.AG_STATUS)));

            assertThat(done.verdict()).contains(Verdict.ACCEPTED);
            StudentRecord record = content(university.module.received().underGrant(grant).get(0)).getRecord();
            assertThat(record.getCoursesCount()).isEqualTo(3);
            assertThat(record.getAgStatusCount()).isZero();
        }

        @Test
        void sends_no_ag_status_without_its_scope() throws Exception {
            GrantId grant = districtGrant(Scope.TRANSCRIPT, Scope.GPA);

            university.settle(university.exchanges().pull(grant, DISTRICT, EnumSet.of(Scope.TRANSCRIPT, Scope.GPA)));

            StudentRecord record = content(university.module.received().underGrant(grant).get(0)).getRecord();
            assertThat(record.getCoursesCount()).isEqualTo(40);
            assertThat(record.getAgStatusCount()).isZero();
        }

        @Test
        void refuses_a_caller_that_is_not_the_grants_recipient() {
            GrantId grant = districtGrant(Scope.TRANSCRIPT);

            assertThatThrownBy(() -> district.module.handler().requestRecords(COLLEGE, Hex128.random(), grant,
                    Set.of(Scope.TRANSCRIPT), Optional.empty()))
                    .isInstanceOf(ConsentRefusedException.class)
                    .hasMessage("grant " + grant + " does not allow the transfer: institution " + COLLEGE
                            + " is not its recipient");
            assertThat(ExchangeErrors.toStatus(new ConsentRefusedException(grant, "x")).getStatus().getCode())
                    .isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(receipts(grant)).isEmpty();
        }

        @Test
        void refuses_scopes_the_grant_does_not_cover() {
            GrantId grant = districtGrant(Scope.TRANSCRIPT);

            assertThatThrownBy(() -> university.exchanges().pull(grant, DISTRICT, Set.of(Scope.TRANSCRIPT, Scope.GPA)))
                    .isInstanceOf(ConsentRefusedException.class)
                    .hasMessage("grant " + grant + " does not allow the transfer: scopes [GPA] are not granted");
            assertThatThrownBy(() -> district.module.handler().requestRecords(UNIVERSITY, Hex128.random(), grant,
                    Set.of(Scope.TRANSCRIPT, Scope.GPA), Optional.empty()))
                    .isInstanceOf(ConsentRefusedException.class)
                    .hasMessage("grant " + grant + " does not allow the transfer: scopes [GPA] are not granted");
            assertThat(receipts(grant)).isEmpty();
        }

        @Test
        void takes_a_revocation_into_account_before_the_next_transfer() {
            GrantId grant = districtGrant(Scope.TRANSCRIPT);
            university.settle(university.exchanges().pull(grant, DISTRICT, Set.of(Scope.TRANSCRIPT)));

            district.consent().revoke(grant);
            ExchangeView after = university.settle(university.exchanges().pull(grant, DISTRICT,
                    Set.of(Scope.TRANSCRIPT)));

            assertThat(after.state()).isEqualTo(ExchangeState.REFUSED);
            assertThat(after.failure().orElseThrow()).contains("revoked");
            assertThat(receipts(grant)).hasSize(1);
        }

        @Test
        void refuses_after_the_grant_expired() {
            GrantId grant = districtGrant(Scope.TRANSCRIPT);
            university.settle(university.exchanges().pull(grant, DISTRICT, Set.of(Scope.TRANSCRIPT)));

            harness.clock.advance(Duration.ofDays(91));

            assertThatThrownBy(() -> district.module.handler().requestRecords(UNIVERSITY, Hex128.random(), grant,
                    Set.of(Scope.TRANSCRIPT), Optional.empty()))
                    .isInstanceOf(ConsentRefusedException.class)
                    .hasMessage("grant " + grant + " does not allow the transfer: it is expired");
            assertThat(receipts(grant)).hasSize(1);
        }

        @Test
        void fails_closed_while_the_ledger_cannot_answer_and_completes_once_when_it_does() {
            GrantId grant = districtGrant(Scope.TRANSCRIPT);
            district.ledgerView.off();

            assertThatThrownBy(() -> district.module.handler().requestRecords(UNIVERSITY, Hex128.random(), grant,
                    Set.of(Scope.TRANSCRIPT), Optional.empty()))
                    .isInstanceOf(LedgerUnavailableException.class);
            ExchangeId pull = university.exchanges().pull(grant, DISTRICT, Set.of(Scope.TRANSCRIPT));
            Eventually.until("the pull was tried", () -> university.exchanges().exchange(pull).orElseThrow()
                    .attempts() > 0);
            assertThat(university.exchanges().exchange(pull).orElseThrow().state()).isEqualTo(ExchangeState.REQUESTED);
            district.ledgerView.on();

            assertThat(university.settle(pull).state()).isEqualTo(ExchangeState.ACKNOWLEDGED);
            assertThat(receipts(grant)).hasSize(1);
            assertThat(ExchangeErrors.toStatus(new LedgerUnavailableException("x", Optional.empty(), null))
                    .getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        }

        @Test
        void refuses_a_student_whose_birth_date_differs_and_records_a_finding() {
            university.store.writeStudents(List.of(Students.record(7, UNIVERSITY.value(), 0, "Ana", "Ruiz",
                    "2008-01-01")));
            district.put(Students.record(7, DISTRICT.value(), 10, "Ana", "Ruiz", "2008-01-02"));
            StudentId student = university.store.findBySsid(org.baton.node.student.Ssid.of(Students.ssid(7)))
                    .orElseThrow().id();
            GrantId grant = university.consent().grant(new ConsentRequest(student, GrantorRole.STUDENT, UNIVERSITY,
                    Sources.named(DISTRICT), Set.of(Scope.TRANSCRIPT), Purpose.ADMISSION,
                    harness.clock.instant().plus(Duration.ofDays(30)),
                    Sha256.hash("doc".getBytes(StandardCharsets.UTF_8)))).grant().id();

            ExchangeView refused = university.settle(university.exchanges().pull(grant, DISTRICT,
                    Set.of(Scope.TRANSCRIPT)));

            assertThat(refused.state()).isEqualTo(ExchangeState.REFUSED);
            assertThat(refused.failure().orElseThrow()).contains("FAILED_PRECONDITION").contains("birth_date");
            assertThat(district.exchanges().findings()).extracting(DataQualityFinding::grant,
                    DataQualityFinding::fields).contains(org.assertj.core.groups.Tuple.tuple(grant,
                    List.of("birth_date")));
            assertThat(receipts(grant)).isEmpty();
        }

        @Test
        void refuses_a_student_it_does_not_hold() {
            StudentId onlyAtUniversity = university.put(Students.record(9, UNIVERSITY.value(), 0));
            GrantId grant = university.consent().grant(new ConsentRequest(onlyAtUniversity, GrantorRole.STUDENT,
                    UNIVERSITY, Sources.named(DISTRICT), Set.of(Scope.TRANSCRIPT), Purpose.ADMISSION,
                    harness.clock.instant().plus(Duration.ofDays(30)),
                    Sha256.hash("doc".getBytes(StandardCharsets.UTF_8)))).grant().id();

            ExchangeView refused = university.settle(university.exchanges().pull(grant, DISTRICT,
                    Set.of(Scope.TRANSCRIPT)));

            assertThat(refused.failure().orElseThrow()).contains("NOT_FOUND")
                    .contains("no records of the student of grant " + grant + " are held here");
        }

        @Test
        void answers_a_replayed_request_with_the_same_package_and_no_second_receipt() {
            GrantId grant = districtGrant(Scope.TRANSCRIPT);
            String request = Hex128.random();

            PeerClient.Pulled first = district.module.handler().requestRecords(UNIVERSITY, request, grant,
                    Set.of(Scope.TRANSCRIPT), Optional.empty());
            PeerClient.Pulled again = district.module.handler().requestRecords(UNIVERSITY, request, grant,
                    Set.of(Scope.TRANSCRIPT), Optional.empty());

            assertThat(again.pkg()).isEqualTo(first.pkg());
            assertThat(again.receipt()).isEqualTo(first.receipt());
            assertThat(receipts(grant)).hasSize(1);
            assertThatThrownBy(() -> district.module.handler().requestRecords(UNIVERSITY, request, grant,
                    Set.of(Scope.TRANSCRIPT, Scope.GPA), Optional.empty()))
                    .isInstanceOf(InvalidExchangeRequestException.class)
                    .hasMessage("request id " + request + " was already used for another grant or other scopes");
        }

        @Test
        void pulls_from_every_named_source_as_soon_as_the_recipient_learns_of_the_grant() {
            university.close();
            university = harness.start(UNIVERSITY, ExchangeHarness.fastSettings().withPullOnGrant(true));

            GrantId grant = districtGrant(Scope.TRANSCRIPT);

            Eventually.until("the transcript arrived", () -> !university.module.received().underGrant(grant).isEmpty());
            Eventually.until("it is acknowledged", () -> receipts(grant).get(0).acknowledged().isPresent());
        }
    }

    @Nested
    class PullingInBatches {

        private PeerHandler.Pull pull(String request, GrantId grant, Scope... scopes) {
            return new PeerHandler.Pull(request, grant, EnumSet.copyOf(List.of(scopes)), Optional.empty());
        }

        private List<PeerHandler.Served> batch(PeerHandler.Pull... pulls) {
            return district.module.handler().requestRecordsBatch(UNIVERSITY, List.of(pulls), true);
        }

        private SignedPackage pkg(PeerHandler.Served served) {
            return served.pulled().orElseThrow().pkg();
        }

        @Test
        void signs_the_fresh_packages_together_for_a_caller_that_verifies_batch_signatures_each_verifying_alone() {
            GrantId first = districtGrant(Scope.TRANSCRIPT);
            GrantId second = districtGrant(Scope.TRANSCRIPT);
            GrantId third = districtGrant(Scope.TRANSCRIPT);
            PeerHandler.Pull again = pull(Hex128.random(), third, Scope.TRANSCRIPT);
            PackageVerifier verifier = PackageVerifier.create(harness.consortium, harness.ca.certificate());

            List<PeerHandler.Served> served = batch(pull(Hex128.random(), first, Scope.TRANSCRIPT),
                    pull(Hex128.random(), second, Scope.TRANSCRIPT), again);

            assertThat(served).extracting(this::pkg).allSatisfy(pkg -> {
                assertThat(pkg.getBatchPathCount()).isBetween(1, 2);
                assertThat(pkg.getSignature()).isEqualTo(pkg(served.get(0)).getSignature());
                VerifiedPackage verified = PackageVerifier.create(harness.consortium, harness.ca.certificate())
                        .verifyAddressedTo(pkg, UNIVERSITY);
                assertThat(verified.hash()).isEqualTo(Sha256.hash(pkg.getContent().toByteArray()));
            });
            assertThat(served).extracting(this::pkg).allSatisfy(pkg -> verifier.verify(pkg));
            assertThat(pkg(batch(again).get(0))).as("the same request asked again, alone").isEqualTo(pkg(served.get(2)));
            assertThat(receipts(third)).hasSize(1);
        }

        @Test
        void signs_each_package_alone_for_a_caller_that_does_not_verify_batch_signatures() {
            GrantId first = districtGrant(Scope.TRANSCRIPT);
            GrantId second = districtGrant(Scope.TRANSCRIPT);

            List<PeerHandler.Served> served = district.module.handler().requestRecordsBatch(UNIVERSITY,
                    List.of(pull(Hex128.random(), first, Scope.TRANSCRIPT), pull(Hex128.random(), second,
                            Scope.TRANSCRIPT)), false);

            assertThat(served).extracting(this::pkg).allSatisfy(pkg -> {
                assertThat(pkg.getBatchPathCount()).isZero();
                PackageVerifier.create(harness.consortium, harness.ca.certificate()).verifyAddressedTo(pkg, UNIVERSITY);
            });
            assertThat(pkg(served.get(0)).getSignature()).isNotEqualTo(pkg(served.get(1)).getSignature());
        }

        @Test
        void answers_each_pull_of_a_batch_as_it_would_alone_each_with_its_own_receipt() {
            GrantId first = districtGrant(Scope.TRANSCRIPT);
            GrantId second = districtGrant(Scope.TRANSCRIPT, Scope.GPA);

            List<PeerHandler.Served> served = batch(pull(Hex128.random(), first, Scope.TRANSCRIPT),
                    pull(Hex128.random(), first, Scope.GPA),
                    pull(Hex128.random(), second, Scope.TRANSCRIPT, Scope.GPA));

            assertThat(served).hasSize(3);
            assertThat(served.get(0).pulled()).isPresent();
            assertThat(served.get(1).error().orElseThrow()).isInstanceOf(ConsentRefusedException.class)
                    .hasMessageContaining("scopes [GPA] are not granted");
            assertThat(served.get(2).pulled()).isPresent();
            assertThat(receipts(first)).extracting(r -> r.receipt().id())
                    .containsExactly(served.get(0).pulled().orElseThrow().receipt());
            assertThat(receipts(second)).extracting(r -> r.receipt().id())
                    .containsExactly(served.get(2).pulled().orElseThrow().receipt());
            // DELIVERED is written without waiting for the disk, after the answer.
            Eventually.until("both released exchanges are DELIVERED", () -> district.exchanges().recent(10).stream()
                    .filter(view -> view.direction() == ExchangeDirection.OUTBOUND)
                    .filter(view -> view.state() == ExchangeState.DELIVERED).count() == 2);
            assertThat(district.exchanges().recent(10)).filteredOn(view -> view.direction() == ExchangeDirection.OUTBOUND)
                    .hasSize(2);
        }

        @Test
        void gives_a_request_repeated_within_the_batch_the_same_package_and_records_one_receipt() {
            GrantId grant = districtGrant(Scope.TRANSCRIPT);
            String request = Hex128.random();

            List<PeerHandler.Served> served = batch(pull(request, grant, Scope.TRANSCRIPT),
                    pull(request, grant, Scope.TRANSCRIPT));

            assertThat(served.get(1).pulled().orElseThrow()).isEqualTo(served.get(0).pulled().orElseThrow());
            assertThat(receipts(grant)).hasSize(1);
        }

        @Test
        void fails_closed_for_every_pull_while_the_ledger_cannot_answer_and_releases_each_once_when_it_can() {
            GrantId first = districtGrant(Scope.TRANSCRIPT);
            GrantId second = districtGrant(Scope.TRANSCRIPT);
            PeerHandler.Pull one = pull(Hex128.random(), first, Scope.TRANSCRIPT);
            PeerHandler.Pull two = pull(Hex128.random(), second, Scope.TRANSCRIPT);
            district.ledgerView.off();

            List<PeerHandler.Served> down = batch(one, two);

            assertThat(down).allSatisfy(served -> assertThat(served.error().orElseThrow())
                    .isInstanceOf(LedgerUnavailableException.class));
            district.ledgerView.on();
            List<PeerHandler.Served> back = batch(one, two);
            assertThat(back).allSatisfy(served -> assertThat(served.pulled()).isPresent());
            assertThat(batch(one, two)).as("asked a third time").extracting(PeerHandler.Served::pulled)
                    .containsExactly(back.get(0).pulled(), back.get(1).pulled());
            assertThat(receipts(first)).hasSize(1);
            assertThat(receipts(second)).hasSize(1);
        }

        @Test
        void a_pull_under_a_revoked_grant_is_refused_and_the_rest_of_the_batch_released() {
            GrantId kept = districtGrant(Scope.TRANSCRIPT);
            GrantId revoked = districtGrant(Scope.TRANSCRIPT);
            // Revoked on the ledger directly: the district's cache may still think it active, and then it is the
            // ledger's check of the receipt that refuses it.
            harness.ledger.as(DISTRICT).writer().revokeGrant(revoked);

            List<PeerHandler.Served> served = batch(pull(Hex128.random(), revoked, Scope.TRANSCRIPT),
                    pull(Hex128.random(), kept, Scope.TRANSCRIPT));

            assertThat(served.get(0).error().orElseThrow()).isInstanceOf(ConsentRefusedException.class)
                    .hasMessageMatching("(?i).*revoked.*");
            assertThat(served.get(1).pulled()).isPresent();
            assertThat(receipts(revoked)).isEmpty();
            assertThat(receipts(kept)).hasSize(1);
        }
    }

    @Nested
    class FromEveryInstitutionAttended {

        @Test
        void tells_and_pulls_from_each_member_the_attesters_records_name_and_no_other() {
            university.close();
            university = harness.start(UNIVERSITY, ExchangeHarness.fastSettings().withPullOnGrant(true));
            ExchangeHarness.Node otherDistrict = harness.start(OTHER_DISTRICT);
            ExchangeHarness.Node college = harness.start(COLLEGE);
            otherDistrict.put(Students.record(2, OTHER_DISTRICT.value(), 8));
            college.put(Students.record(2, COLLEGE.value(), 2));
            StudentRecord base = Students.record(2, DISTRICT.value(), 6);
            // Enrolled at the other district before, a dual-enrollment course at the college, and a school that is
            // no member of the consortium.
            StudentId student = district.put(base.toBuilder()
                    .addEnrollments(enrollment(OTHER_DISTRICT.value(), 9, 2022))
                    .addEnrollments(enrollment("30664640000000", 10, 2023))
                    .setCourses(0, base.getCourses(0).toBuilder()
                            .setCollege(CollegeCourse.newBuilder().setInstitutionId(COLLEGE.value())))
                    .build());

            assertThat(district.consent().attended(student, UNIVERSITY))
                    .containsExactly(OTHER_DISTRICT, COLLEGE, DISTRICT);
            assertThat(district.consent().attended(student, COLLEGE)).containsExactly(OTHER_DISTRICT, DISTRICT);
            GrantId grant = everyAttendedGrant(student);

            Eventually.until("a transcript from each of the three arrived",
                    () -> university.module.received().underGrant(grant).size() == 3);
            assertThat(university.module.received().underGrant(grant)).extracting(ReceivedPackage::source)
                    .containsExactlyInAnyOrder(DISTRICT, OTHER_DISTRICT, COLLEGE);
            Eventually.until("each is acknowledged",
                    () -> receipts(grant).stream().allMatch(receipt -> receipt.acknowledged().isPresent()));
            assertThat(receipts(grant)).extracting(receipt -> receipt.receipt().sender())
                    .containsExactlyInAnyOrder(DISTRICT, OTHER_DISTRICT, COLLEGE);
            assertThat(harness.ledger.as(DISTRICT).reader().grant(grant).orElseThrow().grant().sources().named())
                    .isEmpty();
            assertThat(district.module.store().grant(grant).orElseThrow().getAttendedList())
                    .containsExactly(OTHER_DISTRICT.value(), COLLEGE.value(), DISTRICT.value());
            assertThat(district.consent().grants(student)).singleElement()
                    .satisfies(summary -> assertThat(summary.attended())
                            .containsExactly(OTHER_DISTRICT, COLLEGE, DISTRICT));
        }

        @Test
        void a_recipient_that_does_not_pull_on_grant_keeps_the_sources_the_notification_named() {
            // The university here does not pull on grant: its operator pulls by hand, from the sources the
            // attester found, which the ledger does not hold.
            ExchangeHarness.Node otherDistrict = harness.start(OTHER_DISTRICT);
            otherDistrict.put(Students.record(2, OTHER_DISTRICT.value(), 8));
            StudentRecord base = Students.record(2, DISTRICT.value(), 6);
            StudentId student = district.put(base.toBuilder()
                    .addEnrollments(enrollment(OTHER_DISTRICT.value(), 9, 2022))
                    .build());
            List<InstitutionId> attended = district.consent().attended(student, UNIVERSITY);
            GrantId grant = everyAttendedGrant(student);
            Eventually.until("the university knows the opening",
                    () -> university.module.store().opening(grant).isPresent());

            assertThat(attended).containsExactlyInAnyOrder(OTHER_DISTRICT, DISTRICT);
            assertThat(university.exchanges().sources(grant)).containsExactlyElementsOf(attended);
            assertThat(university.exchanges().recent(10)).isEmpty();
            for (InstitutionId source : university.exchanges().sources(grant)) {
                assertThat(university.settle(university.exchanges().pull(grant, source, Set.of(Scope.TRANSCRIPT)))
                        .state()).isEqualTo(ExchangeState.ACKNOWLEDGED);
            }
            assertThat(university.module.received().underGrant(grant)).extracting(ReceivedPackage::source)
                    .containsExactlyInAnyOrder(DISTRICT, OTHER_DISTRICT);
            // A source is not the recipient: nothing to pull.
            assertThat(district.exchanges().sources(grant)).isEmpty();
            assertThat(otherDistrict.exchanges().sources(grant)).isEmpty();
        }

        @Test
        void names_the_granted_sources_and_refuses_a_grant_it_was_never_told() {
            GrantId grant = districtGrant(Scope.TRANSCRIPT);
            GrantId unknown = GrantId.of(Hex128.random());

            assertThat(university.exchanges().sources(grant)).containsExactly(DISTRICT);
            assertThatThrownBy(() -> university.exchanges().sources(unknown))
                    .isInstanceOf(OpeningMissingException.class);
        }

        /** An enrollment at {@code school} in grade {@code grade}, from August of {@code year}. */
        private static Enrollment.Builder enrollment(String school, int grade, int year) {
            return Enrollment.newBuilder().setInstitutionId(school).setSchoolCode(school).setGradeLevel(grade)
                    .setEntryDate(year + "-08-15").setAcademicYear(year);
        }

        /** A transcript grant to the university from every institution the district's student attended. */
        private GrantId everyAttendedGrant(StudentId student) {
            return district.consent().grant(new ConsentRequest(student, GrantorRole.STUDENT, UNIVERSITY,
                    Sources.everyInstitutionAttended(), EnumSet.of(Scope.TRANSCRIPT), Purpose.ADMISSION,
                    harness.clock.instant().plus(Duration.ofDays(90)),
                    Sha256.hash("signed consent".getBytes(StandardCharsets.UTF_8)))).grant().id();
        }

        @Test
        void refuses_a_grant_when_the_records_name_no_member_but_the_recipient() {
            assertThatThrownBy(() -> university.consent().grant(new ConsentRequest(atUniversity, GrantorRole.STUDENT,
                    UNIVERSITY, Sources.everyInstitutionAttended(), EnumSet.of(Scope.TRANSCRIPT), Purpose.ADMISSION,
                    harness.clock.instant().plus(Duration.ofDays(90)),
                    Sha256.hash("signed consent".getBytes(StandardCharsets.UTF_8)))))
                    .isInstanceOf(InvalidExchangeRequestException.class)
                    .hasMessageContaining("name no consortium member the student attended other than the recipient");
        }
    }

    @Nested
    class Pushing {

        @Test
        void delivers_a_push_the_student_asked_for_and_the_recipient_acknowledges_it() {
            GrantId grant = districtGrant(Scope.TRANSCRIPT);

            ExchangeView pushed = district.settle(district.exchanges().push(grant, Set.of(Scope.TRANSCRIPT)));

            assertThat(pushed.state()).isEqualTo(ExchangeState.DELIVERED);
            Eventually.until("acknowledged", () -> !receipts(grant).isEmpty()
                    && receipts(grant).get(0).acknowledged().isPresent());
            assertThat(university.module.received().underGrant(grant)).hasSize(1);
            district.module.pollLedger();
            assertThat(district.exchanges().exchange(pushed.id()).orElseThrow().state())
                    .isEqualTo(ExchangeState.ACKNOWLEDGED);
        }

        @Test
        void retries_a_recipient_that_is_down_and_shows_it_in_the_status() {
            GrantId grant = districtGrant(Scope.TRANSCRIPT);
            harness.peers.down(UNIVERSITY);

            ExchangeId push = district.exchanges().push(grant, Set.of(Scope.TRANSCRIPT));

            Eventually.until("the university shows as failing", () -> !district.exchanges().status().peers().isEmpty());
            assertThat(district.exchanges().status().unfinishedByState()).containsEntry(ExchangeState.RECEIPTED, 1L);
            harness.peers.up(UNIVERSITY);
            assertThat(district.settle(push).state()).isEqualTo(ExchangeState.DELIVERED);
            assertThat(receipts(grant)).hasSize(1);
        }

        @Test
        void queues_the_receipt_while_the_ledger_is_down_and_sends_only_after_recording_it() {
            GrantId grant = districtGrant(Scope.TRANSCRIPT);
            district.ledgerView.off();

            ExchangeId push = district.exchanges().push(grant, Set.of(Scope.TRANSCRIPT));

            Eventually.until("the receipt is queued", () -> district.exchanges().status().queuedReceipts() == 1
                    && district.exchanges().exchange(push).orElseThrow().attempts() > 0);
            assertThat(university.module.received().underGrant(grant)).isEmpty();
            district.ledgerView.on();
            assertThat(district.settle(push).state()).isEqualTo(ExchangeState.DELIVERED);
            assertThat(receipts(grant)).hasSize(1);
        }

        @Test
        void rejects_a_tampered_package_and_says_so_on_the_ledger() {
            GrantId grant = districtGrant(Scope.TRANSCRIPT);
            harness.peers.down(UNIVERSITY);
            ExchangeId push = district.exchanges().push(grant, Set.of(Scope.TRANSCRIPT));
            Eventually.until("the receipt is recorded", () -> district.exchanges().exchange(push).orElseThrow()
                    .state() == ExchangeState.RECEIPTED);
            var view = district.exchanges().exchange(push).orElseThrow();
            var pkg = district.module.store().outboundPackage(push).orElseThrow();
            byte[] content = pkg.getContent().toByteArray();
            content[content.length - 1] ^= 1;
            var tampered = pkg.toBuilder().setContent(com.google.protobuf.ByteString.copyFrom(content)).build();

            assertThatThrownBy(() -> university.module.handler().deliverRecords(DISTRICT, tampered,
                    view.receipt().orElseThrow()))
                    .isInstanceOf(PackageVerificationException.class)
                    .hasMessageContaining("SIGNATURE_INVALID");
            Eventually.until("the rejection is on the ledger", () -> receipts(grant).get(0).acknowledged().isPresent());
            var ack = receipts(grant).get(0).acknowledged().orElseThrow().acknowledgment();
            assertThat(ack.verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(ack.reason()).contains(RejectionReason.SIGNATURE_INVALID);
            assertThat(university.module.received().underGrant(grant)).isEmpty();
            assertThat(university.module.received().forStudent(org.baton.node.student.Ssid.of(Students.ssid(1))))
                    .isEmpty();
        }

        @Test
        void rejects_a_package_that_its_receipt_does_not_describe_and_says_why_on_the_ledger() {
            GrantId grant = districtGrant(Scope.TRANSCRIPT);
            harness.peers.down(UNIVERSITY);
            ExchangeId first = district.exchanges().push(grant, Set.of(Scope.TRANSCRIPT));
            ExchangeId second = district.exchanges().push(grant, Set.of(Scope.TRANSCRIPT));
            for (ExchangeId push : List.of(first, second)) {
                Eventually.until("the receipt is recorded", () -> district.exchanges().exchange(push).orElseThrow()
                        .state() == ExchangeState.RECEIPTED);
            }
            ReceiptId firstReceipt = district.exchanges().exchange(first).orElseThrow().receipt().orElseThrow();
            var secondPackage = district.module.store().outboundPackage(second).orElseThrow();

            // A validly signed package, but delivered under the receipt of another one.
            assertThat(university.module.handler().deliverRecords(DISTRICT, secondPackage, firstReceipt)).isFalse();

            Eventually.until("the rejection is on the ledger", () -> harness.ledger.as(DISTRICT).reader()
                    .receipt(firstReceipt).orElseThrow().acknowledged().isPresent());
            var ack = harness.ledger.as(DISTRICT).reader().receipt(firstReceipt).orElseThrow()
                    .acknowledged().orElseThrow().acknowledgment();
            assertThat(ack.verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(ack.reason()).contains(RejectionReason.PACKAGE_HASH_MISMATCH);
            assertThat(university.ledgerView.calls()).containsSubsequence("accept", "receipt", "acknowledge");
            assertThat(university.module.received().underGrant(grant)).isEmpty();
        }

        @Test
        void stores_a_package_delivered_twice_once() {
            GrantId grant = districtGrant(Scope.TRANSCRIPT);
            ExchangeId push = district.exchanges().push(grant, Set.of(Scope.TRANSCRIPT));
            district.settle(push);
            var pkg = district.module.store().outboundPackage(push).orElseThrow();
            var receipt = district.exchanges().exchange(push).orElseThrow().receipt().orElseThrow();

            assertThat(university.module.handler().deliverRecords(DISTRICT, pkg, receipt)).isTrue();
            assertThat(university.module.received().underGrant(grant)).hasSize(1);
            assertThatThrownBy(() -> university.module.handler().deliverRecords(COLLEGE, pkg, receipt))
                    .isInstanceOf(CallerRefusedException.class)
                    .hasMessageContaining("it is not the signer " + DISTRICT);
        }
    }

    @Nested
    class DiscrepancyReports {

        private ReceivedPackage pulled(GrantId grant) {
            university.settle(university.exchanges().pull(grant, DISTRICT, Set.of(Scope.TRANSCRIPT)));
            return university.module.received().underGrant(grant).get(0);
        }

        @Test
        void reach_the_source_which_corrects_and_sends_the_records_again_under_the_same_grant() throws Exception {
            GrantId grant = districtGrant(Scope.TRANSCRIPT);
            ReceivedPackage first = pulled(grant);

            DiscrepancyReport filed = university.exchanges().reportDiscrepancy(first.packageId(),
                    "  Geometry (fall 2023) shows an F; the student's report card says B.  ", "Uma Registrar");

            assertThat(filed.sent()).isTrue();
            assertThat(filed.peer()).isEqualTo(DISTRICT);
            assertThat(filed.text()).isEqualTo("Geometry (fall 2023) shows an F; the student's report card says B.");
            assertThat(filed.by()).isEqualTo("Uma Registrar");
            assertThat(filed.student()).contains(atUniversity);
            assertThat(university.exchanges().discrepancyReports(10)).containsExactly(filed);
            DiscrepancyReport received = district.exchanges().discrepancyReports(10).get(0);
            assertThat(received.sent()).isFalse();
            assertThat(received.id()).isEqualTo(filed.id());
            assertThat(received.peer()).isEqualTo(UNIVERSITY);
            assertThat(received.student()).contains(atDistrict);
            assertThat(received.grant()).contains(grant);
            assertThat(received.packageId()).isEqualTo(first.packageId());
            assertThat(received.text()).isEqualTo(filed.text());
            assertThat(received.status()).isEqualTo(DiscrepancyReport.Status.OPEN);
            assertThat(district.events).contains("discrepancyReported " + UNIVERSITY + " " + first.packageId() + " "
                    + atDistrict);

            // The registrar corrects the record (one course fewer here), then sends it again.
            StudentRecord stored = district.store.student(atDistrict).orElseThrow().record();
            try (var tx = district.store.beginTransaction()) {
                tx.replaceStudent(atDistrict, stored.toBuilder().removeCourses(0).build());
                tx.commit();
            }
            harness.clock.advance(Duration.ofMinutes(5));
            ExchangeId again = district.exchanges().resendForReport(received.id(), "Dee Registrar");
            district.settle(again);

            Eventually.until("the corrected package arrived", () ->
                    university.module.received().underGrant(grant).size() == 2);
            List<ReceivedPackage> both = university.module.received().underGrant(grant);
            assertThat(both).extracting(r -> r.record().getCoursesCount()).containsExactlyInAnyOrder(40, 39);
            // The corrected package replaces the first one for the student's readiness and records page.
            assertThat(university.module.received().currentForStudent(Ssid.of(Students.ssid(1))))
                    .singleElement().satisfies(current -> assertThat(current.record().getCoursesCount()).isEqualTo(39));
            DiscrepancyReport answered = district.exchanges().discrepancyReports(10).get(0);
            assertThat(answered.status()).isEqualTo(DiscrepancyReport.Status.RESENT);
            assertThat(answered.answer()).isEqualTo(again.value());
            assertThat(answered.by()).isEqualTo("Dee Registrar");
            assertThatThrownBy(() -> district.exchanges().resendForReport(received.id(), "Dee Registrar"))
                    .isInstanceOf(InvalidExchangeRequestException.class).hasMessageContaining("no open report");
            // The university asks how its report was answered.
            assertThat(university.exchanges().discrepancyReports(10).get(0).status())
                    .isEqualTo(DiscrepancyReport.Status.OPEN);
            DiscrepancyReport answeredThere = university.exchanges().refreshReport(filed.id());
            assertThat(answeredThere.status()).isEqualTo(DiscrepancyReport.Status.RESENT);
            assertThat(answeredThere.answer()).isEqualTo(again.value());
            assertThat(answeredThere.by()).isEqualTo("Uma Registrar");
            assertThat(university.exchanges().discrepancyReports(10)).containsExactly(answeredThere);
        }

        @Test
        void a_later_package_from_its_source_replaces_the_scopes_it_carries_of_an_earlier_one() {
            GrantId grant = districtGrant(Scope.TRANSCRIPT, Scope.AG_STATUS);
            university.settle(university.exchanges().pull(grant, DISTRICT, Set.of(Scope.TRANSCRIPT)));
            harness.clock.advance(Duration.ofMinutes(1));
            university.settle(university.exchanges().pull(grant, DISTRICT, Set.of(Scope.AG_STATUS)));
            Ssid ssid = Ssid.of(Students.ssid(1));

            assertThat(university.module.received().currentForStudent(ssid)).hasSize(2);

            harness.clock.advance(Duration.ofMinutes(1));
            university.settle(university.exchanges().pull(grant, DISTRICT, Set.of(Scope.TRANSCRIPT, Scope.AG_STATUS)));

            assertThat(university.module.received().forStudent(ssid)).hasSize(3);
            ReceivedPackage both = university.module.received().currentForStudent(ssid).get(0);
            assertThat(university.module.received().currentForStudent(ssid)).singleElement()
                    .satisfies(current -> assertThat(current.scopes()).containsExactlyInAnyOrder(Scope.TRANSCRIPT,
                            Scope.AG_STATUS));
            assertThat(both.record().getCoursesCount()).isEqualTo(40);
            assertThat(both.record().getAgStatusCount()).isEqualTo(2);

            // The transcript alone again (corrected, say): it replaces the courses of the package before, whose
            // a-g status stays current.
            harness.clock.advance(Duration.ofMinutes(1));
            university.settle(university.exchanges().pull(grant, DISTRICT, Set.of(Scope.TRANSCRIPT)));

            List<ReceivedPackage> current = university.module.received().currentForStudent(ssid);
            assertThat(current).hasSize(2);
            assertThat(current.get(0).scopes()).containsExactly(Scope.TRANSCRIPT);
            assertThat(current.get(0).record().getCoursesCount()).isEqualTo(40);
            assertThat(current.get(1).packageId()).isEqualTo(both.packageId());
            assertThat(current.get(1).record().getCoursesCount()).as("replaced by the later transcript").isZero();
            assertThat(current.get(1).record().getAgStatusList()).isEqualTo(both.record().getAgStatusList());
            assertThat(current.get(1).signed()).as("the package as received").isEqualTo(both.signed());
        }

        @Test
        void can_be_closed_with_a_note_instead() {
            ReceivedPackage first = pulled(districtGrant(Scope.TRANSCRIPT));
            DiscrepancyReport filed = university.exchanges().reportDiscrepancy(first.packageId(), "GPA looks high", "Uma");

            assertThatThrownBy(() -> district.exchanges().closeReport(filed.id(), " ", "Dee"))
                    .isInstanceOf(InvalidExchangeRequestException.class);
            assertThat(district.exchanges().closeReport(filed.id(), "Checked: the GPA is right.", "Dee")).isTrue();
            assertThat(district.exchanges().closeReport(filed.id(), "again", "Dee")).isFalse();
            DiscrepancyReport closed = district.exchanges().discrepancyReports(10).get(0);
            assertThat(closed.status()).isEqualTo(DiscrepancyReport.Status.CLOSED);
            assertThat(closed.answer()).isEqualTo("Checked: the GPA is right.");
            assertThat(closed.answeredAt()).isPresent();
            assertThat(university.exchanges().refreshReport(filed.id())).satisfies(there -> {
                assertThat(there.status()).isEqualTo(DiscrepancyReport.Status.CLOSED);
                assertThat(there.answer()).isEqualTo("Checked: the GPA is right.");
                assertThat(there.answeredAt()).isEqualTo(closed.answeredAt());
            });
            assertThatThrownBy(() -> university.exchanges().refreshReport("0".repeat(32)))
                    .isInstanceOf(InvalidExchangeRequestException.class);
            assertThatThrownBy(() -> harness.peers.clientFor(COLLEGE).discrepancyAnswer(DISTRICT, filed.id()))
                    .isInstanceOf(PeerRefusedException.class).hasMessageContaining("NOT_FOUND");
        }

        @Test
        void are_taken_only_from_the_packages_recipient_and_once_per_id() {
            ReceivedPackage first = pulled(districtGrant(Scope.TRANSCRIPT));
            String id = "0123456789abcdef0123456789abcdef";
            PeerClient asUniversity = harness.peers.clientFor(UNIVERSITY);
            PeerClient asCollege = harness.peers.clientFor(COLLEGE);

            assertThatThrownBy(() -> asCollege.reportDiscrepancy(DISTRICT, id, first.receipt(), "not mine"))
                    .isInstanceOf(PeerRefusedException.class).hasMessageContaining("PERMISSION_DENIED");
            assertThatThrownBy(() -> asUniversity.reportDiscrepancy(DISTRICT, id, ReceiptId.random(), "no package"))
                    .isInstanceOf(PeerRefusedException.class).hasMessageContaining("NOT_FOUND");
            assertThat(asUniversity.reportDiscrepancy(DISTRICT, id, first.receipt(), "grade looks wrong")).isFalse();
            assertThat(asUniversity.reportDiscrepancy(DISTRICT, id, first.receipt(), "grade looks wrong")).isTrue();
            assertThatThrownBy(() -> asUniversity.reportDiscrepancy(DISTRICT, id, first.receipt(), "other text"))
                    .isInstanceOf(PeerRefusedException.class).hasMessageContaining("INVALID_ARGUMENT")
                    .hasMessageContaining("another report");
            assertThat(district.exchanges().discrepancyReports(10)).hasSize(1);
        }

        @Test
        void are_refused_for_a_package_never_received_or_without_words() {
            assertThatThrownBy(() -> university.exchanges().reportDiscrepancy(PackageId.of(
                    "00000000000000000000000000000000"), "wrong", "Uma"))
                    .isInstanceOf(InvalidExchangeRequestException.class).hasMessageContaining("was received here");
            ReceivedPackage first = pulled(districtGrant(Scope.TRANSCRIPT));
            assertThatThrownBy(() -> university.exchanges().reportDiscrepancy(first.packageId(), "   ", "Uma"))
                    .isInstanceOf(InvalidExchangeRequestException.class).hasMessageContaining("empty");
            assertThatThrownBy(() -> university.exchanges().reportDiscrepancy(first.packageId(), "x".repeat(2_001), "Uma"))
                    .isInstanceOf(InvalidExchangeRequestException.class).hasMessageContaining("2000");
            assertThat(district.exchanges().discrepancyReports(10)).isEmpty();
            assertThat(university.exchanges().discrepancyReports(10)).isEmpty();
        }

        @Test
        void keep_nothing_when_the_source_cannot_be_reached() {
            ReceivedPackage first = pulled(districtGrant(Scope.TRANSCRIPT));
            harness.peers.down(DISTRICT);

            assertThatThrownBy(() -> university.exchanges().reportDiscrepancy(first.packageId(), "grade looks wrong", "Uma"))
                    .isInstanceOf(PeerUnavailableException.class);
            assertThat(university.exchanges().discrepancyReports(10)).isEmpty();
        }
    }

    @Nested
    class UnderALegalBasis {

        @Test
        void uploads_a_class_larger_than_one_write_each_senior_once() {
            harness.start(CSAC);
            int seniors = SourceSide.UPLOAD_CHUNK + 44;
            List<StudentRecord> records = new java.util.ArrayList<>();
            for (int i = 0; i < seniors; i++) {
                records.add(Students.record(100 + i, DISTRICT.value(), 3));
            }
            district.store.writeStudents(records);

            CalGrantUploadReport report = district.exchanges().uploadCalGrantGpas(2026);

            // The student the harness starts with is a senior too.
            assertThat(report.queued()).hasSize(seniors + 1).doesNotHaveDuplicates();
            report.queued().forEach(id -> assertThat(district.settle(id).state()).isEqualTo(ExchangeState.DELIVERED));
            assertThat(harness.ledger.as(CSAC).reader().receiptsByInstitution(CSAC, new TimeRange(java.time.Instant.EPOCH,
                    harness.clock.instant().plusSeconds(60)), new PageRequest(1_000, Optional.empty())).items())
                    .hasSize(seniors + 1);
            CalGrantUploadReport again = district.exchanges().uploadCalGrantGpas(2026);
            assertThat(again.queued()).isEmpty();
            assertThat(again.alreadyUploaded()).isEqualTo(seniors + 1);
        }

        @Test
        void uploads_the_cal_grant_gpa_of_every_senior_who_did_not_opt_out_once_a_year() throws Exception {
            ExchangeHarness.Node csac = harness.start(CSAC);
            StudentRecord optedOut = Students.record(2, DISTRICT.value(), 5);
            district.put(optedOut.toBuilder().setStudent(optedOut.getStudent().toBuilder().setCalGrantGpaOptOut(true))
                    .build());
            StudentRecord noGpa = Students.record(3, DISTRICT.value(), 5);
            StudentId withoutGpa = district.put(noGpa.toBuilder().clearReportedGpas().build());
            StudentRecord junior = Students.record(4, DISTRICT.value(), 5);
            district.put(junior.toBuilder().setStudent(junior.getStudent().toBuilder().setGradeLevel(11)).build());

            CalGrantUploadReport report = district.exchanges().uploadCalGrantGpas(2026);

            assertThat(report.queued()).hasSize(1);
            assertThat(report.optedOut()).isEqualTo(1);
            assertThat(report.withoutGpa()).containsExactly(withoutGpa);
            district.settle(report.queued().get(0));
            Eventually.until("CSAC acknowledged", () -> csac.exchanges().status().unfinished() == 0
                    && csac.exchanges().recent(1).size() == 1
                    && csac.exchanges().recent(1).get(0).state() == ExchangeState.ACKNOWLEDGED);
            ExchangeView atCsac = csac.exchanges().recent(1).get(0);
            assertThat(atCsac.basis()).isEqualTo(LegalBasis.CAL_GRANT_GPA_UPLOAD);
            StudentRecord sent = content(csac.module.received().find(atCsac.packageId().orElseThrow()).orElseThrow())
                    .getRecord();
            assertThat(sent.getReportedGpasList()).singleElement()
                    .satisfies(gpa -> assertThat(gpa.getKind()).isEqualTo(GpaKind.GPA_CAL_GRANT));
            assertThat(sent.getCoursesCount()).isZero();
            assertThat(harness.ledger.as(CSAC).reader().receipt(atCsac.receipt().orElseThrow()).orElseThrow()
                    .receipt().basis()).isEqualTo(LegalBasis.CAL_GRANT_GPA_UPLOAD);

            CalGrantUploadReport again = district.exchanges().uploadCalGrantGpas(2026);

            assertThat(again.queued()).isEmpty();
            assertThat(again.alreadyUploaded()).isEqualTo(1);
        }

        @Test
        void lets_only_a_district_upload_cal_grant_gpas() {
            ExchangeHarness.Node college = harness.start(COLLEGE);

            assertThatThrownBy(() -> college.exchanges().uploadCalGrantGpas(2026))
                    .isInstanceOf(BasisNotApplicableException.class)
                    .hasMessage("legal basis CAL_GRANT_GPA_UPLOAD does not cover the disclosure: only a K-12 district"
                            + " uploads Cal Grant GPAs; " + COLLEGE + " is a COMMUNITY_COLLEGE");
        }

        @Test
        void sends_records_to_a_school_the_student_seeks_to_enroll_in_but_never_eligibility_flags() {
            ExchangeHarness.Node college = harness.start(COLLEGE);

            ExchangeView sent = district.settle(district.exchanges().disclose(LegalBasis.SEEKS_ENROLLMENT, atDistrict,
                    COLLEGE, Set.of(Scope.TRANSCRIPT)));

            assertThat(sent.state()).isEqualTo(ExchangeState.DELIVERED);
            Eventually.until("the college acknowledged", () -> college.exchanges().recent(1).size() == 1
                    && college.exchanges().recent(1).get(0).state() == ExchangeState.ACKNOWLEDGED);
            assertThat(harness.ledger.as(DISTRICT).reader().receipt(sent.receipt().orElseThrow()).orElseThrow()
                    .receipt().basis()).isEqualTo(LegalBasis.SEEKS_ENROLLMENT);
            assertThatThrownBy(() -> district.exchanges().disclose(LegalBasis.SEEKS_ENROLLMENT, atDistrict, COLLEGE,
                    Set.of(Scope.ELIGIBILITY_FOSTER_YOUTH)))
                    .isInstanceOf(BasisNotApplicableException.class)
                    .hasMessage("legal basis SEEKS_ENROLLMENT does not cover the disclosure: eligibility flags are"
                            + " disclosed only under consent");
        }
    }

    @Nested
    class LearningVerdicts {

        @Test
        void the_source_takes_the_verdict_from_the_acknowledgment_event() {
            assertThat(pullAndFollowAtTheSource().verdict()).contains(Verdict.ACCEPTED);
            assertThat(district.ledgerView.calls()).doesNotContain("receiptsByInstitution", "receipt");
        }

        @Test
        void the_source_reads_the_verdict_when_the_event_does_not_carry_it() {
            district.ledgerView.eventsWithoutVerdicts();

            assertThat(pullAndFollowAtTheSource().verdict()).contains(Verdict.ACCEPTED);
            assertThat(district.ledgerView.calls()).contains("receiptsByInstitution");
        }

        /** The university pulls from the district, which then follows the ledger: the district's exchange. */
        private ExchangeView pullAndFollowAtTheSource() {
            GrantId grant = districtGrant(Scope.TRANSCRIPT);
            assertThat(university.settle(university.exchanges().pull(grant, DISTRICT, Set.of(Scope.TRANSCRIPT)))
                    .state()).isEqualTo(ExchangeState.ACKNOWLEDGED);

            district.module.pollLedger();

            ExchangeView sent = district.exchanges().recent(1).get(0);
            assertThat(sent.state()).isEqualTo(ExchangeState.ACKNOWLEDGED);
            return sent;
        }
    }

    @Nested
    class AfterARestart {

        @Test
        void the_source_learns_the_verdict_of_a_receipt_it_saw_recorded_before_it_restarted() {
            GrantId grant = districtGrant(Scope.TRANSCRIPT);
            university.ledgerView.off();
            ExchangeId pull = university.exchanges().pull(grant, DISTRICT, Set.of(Scope.TRANSCRIPT));
            Eventually.until("the package is stored and its acknowledgment queued",
                    () -> university.exchanges().status().queuedAcknowledgments() == 1);
            district.module.pollLedger();
            district.restart();
            university.ledgerView.on();
            assertThat(university.settle(pull).state()).isEqualTo(ExchangeState.ACKNOWLEDGED);

            district.module.pollLedger();

            ExchangeView sent = district.exchanges().recent(1).get(0);
            assertThat(sent.state()).isEqualTo(ExchangeState.ACKNOWLEDGED);
            assertThat(sent.verdict()).contains(Verdict.ACCEPTED);
        }

        @Test
        void accepts_once_when_the_answer_to_its_acceptance_was_lost() {
            GrantId grant = districtGrant(Scope.TRANSCRIPT);
            university.ledgerView.loseNextAnswer("accept");

            ExchangeView done = university.settle(university.exchanges().pull(grant, DISTRICT, Set.of(Scope.TRANSCRIPT)));

            assertThat(done.state()).isEqualTo(ExchangeState.ACKNOWLEDGED);
            assertThat(done.verdict()).contains(Verdict.ACCEPTED);
            // The retry is refused as already acknowledged; the receipt, read, shows the first acceptance.
            assertThat(university.ledgerView.calls()).containsSubsequence("accept", "accept", "receipt");
            assertThat(receipts(grant)).singleElement().satisfies(receipt -> assertThat(receipt.acknowledged()
                    .orElseThrow().acknowledgment().verdict()).isEqualTo(Verdict.ACCEPTED));
            assertThat(university.module.received().underGrant(grant)).hasSize(1);
        }

        @Test
        void resumes_a_pull_queued_while_the_source_was_down() {
            GrantId grant = districtGrant(Scope.TRANSCRIPT);
            harness.peers.down(DISTRICT);
            ExchangeId pull = university.exchanges().pull(grant, DISTRICT, Set.of(Scope.TRANSCRIPT));
            Eventually.until("the pull was tried", () -> university.exchanges().exchange(pull).orElseThrow()
                    .attempts() > 0);

            university.restart();
            harness.peers.up(DISTRICT);

            assertThat(university.settle(pull).state()).isEqualTo(ExchangeState.ACKNOWLEDGED);
            assertThat(receipts(grant)).hasSize(1);
        }

        @Test
        void resumes_an_acknowledgment_queued_during_a_ledger_outage() {
            GrantId grant = districtGrant(Scope.TRANSCRIPT);
            university.ledgerView.off();
            ExchangeId pull = university.exchanges().pull(grant, DISTRICT, Set.of(Scope.TRANSCRIPT));
            Eventually.until("the package is stored and its acknowledgment queued",
                    () -> university.exchanges().status().queuedAcknowledgments() == 1);

            university.restart();
            assertThat(university.exchanges().exchange(pull).orElseThrow().state()).isEqualTo(ExchangeState.RECEIVED);
            university.ledgerView.on();

            assertThat(university.settle(pull).state()).isEqualTo(ExchangeState.ACKNOWLEDGED);
            assertThat(receipts(grant).get(0).acknowledged()).isPresent();
        }
    }

    @Nested
    class AccessLog {

        @Test
        void lists_every_disclosure_of_the_students_records_newest_first() {
            GrantId grant = districtGrant(Scope.TRANSCRIPT, Scope.GPA);
            university.settle(university.exchanges().pull(grant, DISTRICT, Set.of(Scope.TRANSCRIPT)));
            harness.clock.advance(Duration.ofMinutes(1));
            university.settle(university.exchanges().pull(grant, DISTRICT, Set.of(Scope.GPA)));
            harness.clock.advance(Duration.ofMinutes(1));
            harness.start(COLLEGE);
            district.settle(district.exchanges().disclose(LegalBasis.SEEKS_ENROLLMENT, atDistrict, COLLEGE,
                    Set.of(Scope.TRANSCRIPT)));

            List<Disclosure> log = district.consent().accessLog(atDistrict);

            assertThat(log).extracting(Disclosure::recipient, Disclosure::basis).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(COLLEGE, LegalBasis.SEEKS_ENROLLMENT),
                    org.assertj.core.groups.Tuple.tuple(UNIVERSITY, LegalBasis.CONSENT),
                    org.assertj.core.groups.Tuple.tuple(UNIVERSITY, LegalBasis.CONSENT));
            assertThat(log.get(1).scopes()).containsExactly(Scope.GPA);
            assertThat(district.consent().grants(atDistrict)).singleElement()
                    .satisfies(summary -> assertThat(summary.attestedHere()).isTrue());
        }

        @Test
        void keeps_one_index_key_per_link_with_no_student_id_in_the_clear() {
            GrantId grant = districtGrant(Scope.TRANSCRIPT);
            ExchangeView pulled = university.settle(university.exchanges().pull(grant, DISTRICT,
                    Set.of(Scope.TRANSCRIPT)));

            List<String> keys = linkKeys(district);

            assertThat(keys).hasSize(2).allSatisfy(key -> assertThat(key)
                    .startsWith(StudentLinks.PREFIX)
                    .doesNotContain("/" + atDistrict.value() + "/"));
            assertThat(keys).anySatisfy(key -> assertThat(key).endsWith("/g/" + grant.value()));
            assertThat(district.module.store().records().get(ExchangeStore.STUDENT_LINKS, atDistrict)).isEmpty();
            assertThat(pulled.state()).isEqualTo(ExchangeState.ACKNOWLEDGED);
        }

        @Test
        void still_reads_the_links_a_store_kept_in_one_list_per_student() {
            GrantId grant = districtGrant(Scope.TRANSCRIPT, Scope.GPA);
            university.settle(university.exchanges().pull(grant, DISTRICT, Set.of(Scope.TRANSCRIPT)));
            // Rewrite the links as a store written before the per-link keys kept them.
            StoredStudentLinks old = district.module.store().studentLinks(atDistrict);
            try (StoreTransaction tx = district.store.beginTransaction()) {
                tx.put(ExchangeStore.STUDENT_LINKS, atDistrict, old);
                linkKeys(district).forEach(key -> tx.delete(ExchangeStore.INDEX, key));
                tx.commit();
            }
            district.restart();
            harness.clock.advance(Duration.ofMinutes(1));
            university.settle(university.exchanges().pull(grant, DISTRICT, Set.of(Scope.GPA)));

            List<Disclosure> log = district.consent().accessLog(atDistrict);

            assertThat(old.getExchangeIdsList()).hasSize(1);
            assertThat(log).extracting(Disclosure::scopes).containsExactly(Set.of(Scope.GPA), Set.of(Scope.TRANSCRIPT));
            assertThat(district.module.store().studentLinks(atDistrict).getGrantIdsList()).containsExactly(grant.value());
        }

        private List<String> linkKeys(ExchangeHarness.Node node) {
            try (Stream<ColumnEntry<String, String>> entries = node.store.scan(ExchangeStore.INDEX,
                    StudentLinks.PREFIX, "student-link0")) {
                return entries.map(ColumnEntry::key).toList();
            }
        }
    }
}
