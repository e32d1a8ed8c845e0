package org.baton.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.baton.node.exchange.ExchangeNetwork.COLLEGE;
import static org.baton.node.exchange.ExchangeNetwork.CSAC;
import static org.baton.node.exchange.ExchangeNetwork.DISTRICT;
import static org.baton.node.exchange.ExchangeNetwork.OTHER_DISTRICT;
import static org.baton.node.exchange.ExchangeNetwork.UNIVERSITY;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantorRole;
import org.baton.ledger.LedgerReader;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.Purpose;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.RejectionReason;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.ledger.Sources;
import org.baton.ledger.Verdict;
import org.baton.ledger.embedded.RemoteLedger;
import org.baton.ledger.testing.MutableClock;
import org.baton.node.NodeApp;
import org.baton.node.quality.QualityRule;
import org.baton.node.quality.ReceivedQuality;
import org.baton.node.student.Ssid;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.DeliverRecordsRequest;
import org.baton.proto.v1.GetStatusRequest;
import org.baton.proto.v1.GpaKind;
import org.baton.proto.v1.NodeAdminGrpc;
import org.baton.proto.v1.PackageContent;
import org.baton.proto.v1.ReportedGpa;
import org.baton.proto.v1.RequestRecordsRequest;
import org.baton.proto.v1.RequestRecordsResponse;
import org.baton.proto.v1.SignedPackage;
import org.baton.proto.v1.StudentRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Five real nodes and the embedded ledger on 127.0.0.1: nodes started from their YAML files (real mutual TLS,
 * real RocksDB stores, the ledger reached through its gRPC service), exchanging records under consent and under a
 * legal basis, and refusing what they must refuse.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExchangeIT {

    @TempDir
    static Path dir;

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final AtomicLong students = new AtomicLong(100);
    private ExchangeNetwork network;

    @BeforeAll
    void start() {
        network = new ExchangeNetwork(dir, "exchange:\n  retryInitialMillis: 20\n  retryMaxMillis: 500\n");
        network.startLedger(clock);
        for (var id : List.of(DISTRICT, COLLEGE, UNIVERSITY, CSAC, OTHER_DISTRICT)) {
            network.startNode(id, clock, List.of());
        }
    }

    @AfterAll
    void stop() {
        network.close();
    }

    private Exchanges exchanges(org.baton.trust.InstitutionId id) {
        return network.node(id).exchange().orElseThrow().exchanges();
    }

    private ExchangeModule module(org.baton.trust.InstitutionId id) {
        return network.node(id).exchange().orElseThrow();
    }

    private LedgerReader ledger() {
        return network.ledger().ledger().reader();
    }

    /** A new student, held by each of {@code holders} (same SSID, name and birth date). */
    private long student(org.baton.trust.InstitutionId... holders) {
        long n = students.incrementAndGet();
        for (var holder : holders) {
            network.node(holder).store().writeStudents(List.of(Students.record(n, holder.value(), 40)));
        }
        return n;
    }

    private StudentId id(org.baton.trust.InstitutionId holder, long n) {
        return network.node(holder).store().findBySsid(Ssid.of(Students.ssid(n))).orElseThrow().id();
    }

    /** The student grants at {@code attester}'s portal. */
    private GrantId grant(org.baton.trust.InstitutionId attester, long n, Sources sources, Duration validFor,
            Scope... scopes) {
        return module(attester).consent().grant(new ConsentRequest(id(attester, n), GrantorRole.STUDENT, UNIVERSITY,
                sources, EnumSet.copyOf(List.of(scopes)), Purpose.ADMISSION, clock.instant().plus(validFor),
                Sha256.hash("signed consent".getBytes(StandardCharsets.UTF_8)))).grant().id();
    }

    private static void settled(ExchangeView view, ExchangeState state) {
        assertThat(view.state()).as("exchange %s: %s", view.id(), view).isEqualTo(state);
    }

    private ExchangeView settle(org.baton.trust.InstitutionId at, ExchangeId id) {
        try {
            return exchanges(at).whenSettled(id).toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("exchange " + id + " at " + at + " did not settle: " + exchanges(at).exchange(id), e);
        }
    }

    private List<ReceiptRecord> acknowledgedReceipts(GrantId grant, int expected) {
        Eventually.until(expected + " receipts of grant " + grant + " acknowledged", () -> {
            List<ReceiptRecord> receipts = ledger().receiptsByGrant(grant);
            return receipts.size() == expected && receipts.stream().allMatch(r -> r.acknowledged().isPresent());
        });
        return ledger().receiptsByGrant(grant);
    }

    private static PackageContent content(SignedPackage pkg) throws Exception {
        return PackageContent.parseFrom(pkg.getContent());
    }

    @Nested
    class Under_consent {

        @Test
        void the_recipient_pulls_from_every_source_as_soon_as_it_learns_of_the_grant() throws Exception {
            long n = student(DISTRICT, COLLEGE, UNIVERSITY);

            GrantId grant = grant(DISTRICT, n, Sources.named(DISTRICT, COLLEGE), Duration.ofDays(90), Scope.TRANSCRIPT,
                    Scope.GPA);

            List<ReceiptRecord> receipts = acknowledgedReceipts(grant, 2);
            assertThat(receipts).extracting(r -> r.receipt().sender()).containsExactlyInAnyOrder(DISTRICT, COLLEGE);
            assertThat(receipts).allSatisfy(r -> assertThat(r.acknowledged().orElseThrow().acknowledgment().verdict())
                    .isEqualTo(Verdict.ACCEPTED));
            List<ReceivedPackage> received = module(UNIVERSITY).received().underGrant(grant);
            assertThat(received).extracting(ReceivedPackage::source).containsExactlyInAnyOrder(DISTRICT, COLLEGE);
            for (ReceivedPackage pkg : received) {
                StudentRecord record = content(pkg.signed()).getRecord();
                assertThat(record.getCoursesCount()).isEqualTo(40);
                assertThat(record.getStudent().hasDemographics()).isFalse();
                assertThat(receipts).anySatisfy(r -> assertThat(r.receipt().packageHash()).isEqualTo(pkg.hash()));
            }
        }

        @Test
        void a_source_pushes_what_the_student_asked_it_to_send() {
            long n = student(DISTRICT);
            GrantId grant = grant(DISTRICT, n, Sources.named(DISTRICT), Duration.ofDays(90), Scope.AWARDS);
            acknowledgedReceipts(grant, 1);

            ExchangeView pushed = settle(DISTRICT, exchanges(DISTRICT).push(grant, Set.of(Scope.AWARDS)));

            settled(pushed, ExchangeState.DELIVERED);
            List<ReceiptRecord> receipts = acknowledgedReceipts(grant, 2);
            assertThat(receipts).extracting(r -> r.receipt().id()).contains(pushed.receipt().orElseThrow());
            assertThat(module(UNIVERSITY).received().underGrant(grant)).hasSize(2);
        }

        @Test
        void what_the_rules_find_in_a_received_transcript_is_queued_until_the_source_sends_it_corrected() {
            long n = students.incrementAndGet();
            StudentRecord wrong = Students.record(n, DISTRICT.value(), 40).toBuilder()
                    .addReportedGpas(ReportedGpa.newBuilder().setKind(GpaKind.GPA_CUMULATIVE_UNWEIGHTED)
                            .setValue(2000).setAsOf("2026-06-10")).build();
            network.node(DISTRICT).store().writeStudents(List.of(wrong));
            ReceivedQuality queue = network.node(UNIVERSITY).receivedQuality().orElseThrow();

            GrantId grant = grant(DISTRICT, n, Sources.named(DISTRICT), Duration.ofDays(90), Scope.TRANSCRIPT,
                    Scope.GPA);
            acknowledgedReceipts(grant, 1);
            PackageId first = module(UNIVERSITY).received().underGrant(grant).get(0).packageId();

            Eventually.until("the university's rules checked the transcript", () -> queue.list(false, 0, 10_000)
                    .stream().anyMatch(l -> l.packageId().equals(first.value())));
            List<ReceivedQuality.Listed> found = queue.list(false, 0, 10_000).stream()
                    .filter(l -> l.packageId().equals(first.value())).toList();
            assertThat(found).isNotEmpty().allSatisfy(l -> assertThat(l.finding().rule())
                    .isEqualTo(QualityRule.GPA_MISMATCH));
            assertThat(found).anySatisfy(l -> assertThat(l.finding().detail()).contains("stored as 2.000"));
            // The node's status counts them (the other tests' packages may add to the counts).
            ManagedChannel channel = io.grpc.Grpc.newChannelBuilderForAddress("127.0.0.1",
                    network.node(UNIVERSITY).adminAddress().getPort(), io.grpc.InsecureChannelCredentials.create())
                    .build();
            try {
                var status = NodeAdminGrpc.newBlockingStub(channel).withDeadlineAfter(10,
                        java.util.concurrent.TimeUnit.SECONDS).getStatus(GetStatusRequest.getDefaultInstance());
                assertThat(status.getExchange().getReceivedOpenFindings()).isGreaterThanOrEqualTo(found.size());
                assertThat(status.getExchange().getReceivedPackagesWithFindings()).isPositive();
            } finally {
                channel.shutdownNow();
            }

            // The district corrects its SIS and sends the transcript again: the old package's finding leaves.
            network.node(DISTRICT).store().writeStudents(List.of(wrong.toBuilder().clearReportedGpas()
                    .addReportedGpas(ReportedGpa.newBuilder().setKind(GpaKind.GPA_CUMULATIVE_UNWEIGHTED)
                            .setValue(3333).setAsOf("2026-06-10")).build()));
            clock.advance(Duration.ofMinutes(1));
            settled(settle(DISTRICT, exchanges(DISTRICT).push(grant, Set.of(Scope.TRANSCRIPT, Scope.GPA))),
                    ExchangeState.DELIVERED);
            acknowledgedReceipts(grant, 2);
            Eventually.until("the corrected transcript replaced the first", () -> queue.list(false, 0, 10_000)
                    .stream().noneMatch(l -> l.packageId().equals(first.value())));
            assertThat(module(UNIVERSITY).received().underGrant(grant)).hasSize(2);
            assertThat(queue.list(false, 0, 10_000)).noneMatch(l -> module(UNIVERSITY).received().underGrant(grant)
                    .stream().anyMatch(p -> p.packageId().value().equals(l.packageId())));
        }

        @Test
        void pulls_waiting_for_one_source_go_together_and_each_completes_once() {
            int count = 48;
            List<GrantId> grants = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                grants.add(grant(DISTRICT, student(DISTRICT, UNIVERSITY), Sources.named(DISTRICT), Duration.ofDays(90),
                        Scope.TRANSCRIPT));
            }
            grants.forEach(grant -> acknowledgedReceipts(grant, 1));
            PullBatcher batcher = module(UNIVERSITY).pullBatcher().orElseThrow();
            long callsBefore = batcher.calls();
            long pullsBefore = batcher.pulls();

            List<ExchangeId> pulls = grants.stream()
                    .map(grant -> exchanges(UNIVERSITY).pull(grant, DISTRICT, Set.of(Scope.TRANSCRIPT))).toList();

            for (ExchangeId pull : pulls) {
                settled(settle(UNIVERSITY, pull), ExchangeState.ACKNOWLEDGED);
            }
            for (GrantId grant : grants) {
                List<ReceiptRecord> receipts = acknowledgedReceipts(grant, 2);
                assertThat(module(UNIVERSITY).received().underGrant(grant)).hasSize(2);
                assertThat(receipts).extracting(r -> r.receipt().sender()).containsOnly(DISTRICT);
            }
            assertThat(batcher.pulls() - pullsBefore).isEqualTo(count);
            assertThat(batcher.calls() - callsBefore).as("calls for %d pulls sent at once", count).isLessThan(count);
        }

        @Test
        void a_revocation_takes_effect_before_the_next_transfer() {
            long n = student(DISTRICT, UNIVERSITY);
            GrantId grant = grant(DISTRICT, n, Sources.named(DISTRICT), Duration.ofDays(90), Scope.TRANSCRIPT);
            acknowledgedReceipts(grant, 1);

            module(DISTRICT).consent().revoke(grant);
            ExchangeView after = settle(UNIVERSITY, exchanges(UNIVERSITY).pull(grant, DISTRICT, Set.of(Scope.TRANSCRIPT)));

            settled(after, ExchangeState.REFUSED);
            assertThat(after.failure().orElseThrow()).contains("PERMISSION_DENIED").contains("revoked");
            assertThat(ledger().receiptsByGrant(grant)).hasSize(1);
        }

        @Test
        void an_expired_grant_releases_nothing() {
            long n = student(DISTRICT, UNIVERSITY);
            GrantId grant = grant(DISTRICT, n, Sources.named(DISTRICT), Duration.ofHours(1), Scope.TRANSCRIPT);
            acknowledgedReceipts(grant, 1);

            clock.advance(Duration.ofHours(2));

            assertThatThrownBy(() -> exchanges(UNIVERSITY).pull(grant, DISTRICT, Set.of(Scope.TRANSCRIPT)))
                    .isInstanceOf(ConsentRefusedException.class)
                    .hasMessage("grant " + grant + " does not allow the transfer: it is expired");
            ManagedChannel channel = network.channel(UNIVERSITY, DISTRICT);
            try {
                assertThatThrownBy(() -> ExchangeNetwork.stub(channel).requestRecords(RequestRecordsRequest.newBuilder()
                        .setRequestId(Hex128.random()).setGrantId(grant.value())
                        .addScopes(org.baton.proto.v1.Scope.SCOPE_TRANSCRIPT).build()))
                        .isInstanceOf(StatusRuntimeException.class)
                        .hasMessage("PERMISSION_DENIED: grant " + grant + " does not allow the transfer: it is expired");
            } finally {
                channel.shutdownNow();
            }
            assertThat(ledger().receiptsByGrant(grant)).hasSize(1);
        }

        @Test
        void a_student_whose_identity_disagrees_is_refused_and_reported() {
            long n = students.incrementAndGet();
            network.node(DISTRICT).store().writeStudents(List.of(Students.record(n, DISTRICT.value(), 10, "Lee",
                    "Nguyen", "2008-02-03")));
            network.node(UNIVERSITY).store().writeStudents(List.of(Students.record(n, UNIVERSITY.value(), 0, "Lee",
                    "Nguyen", "2008-03-02")));

            GrantId grant = module(UNIVERSITY).consent().grant(new ConsentRequest(id(UNIVERSITY, n),
                    GrantorRole.STUDENT, UNIVERSITY, Sources.named(DISTRICT), Set.of(Scope.TRANSCRIPT),
                    Purpose.ADMISSION, clock.instant().plus(Duration.ofDays(30)),
                    Sha256.hash("doc".getBytes(StandardCharsets.UTF_8)))).grant().id();

            ExchangeView pull = settle(UNIVERSITY, Consents.pullId(grant, DISTRICT));
            settled(pull, ExchangeState.REFUSED);
            assertThat(pull.failure().orElseThrow()).contains("FAILED_PRECONDITION").contains("birth_date");
            assertThat(exchanges(DISTRICT).findings()).anySatisfy(finding -> {
                assertThat(finding.grant()).isEqualTo(grant);
                assertThat(finding.fields()).containsExactly("birth_date");
            });
            assertThat(ledger().receiptsByGrant(grant)).isEmpty();
        }
    }

    @Nested
    class Over_the_wire {

        @Test
        void a_caller_that_is_not_the_grants_recipient_is_refused() {
            long n = student(DISTRICT);
            GrantId grant = grant(DISTRICT, n, Sources.named(DISTRICT), Duration.ofDays(90), Scope.TRANSCRIPT);
            acknowledgedReceipts(grant, 1);
            ManagedChannel channel = network.channel(OTHER_DISTRICT, DISTRICT);
            try {
                assertThatThrownBy(() -> ExchangeNetwork.stub(channel).requestRecords(request(Hex128.random(), grant)))
                        .isInstanceOf(StatusRuntimeException.class)
                        .satisfies(e -> assertThat(((StatusRuntimeException) e).getStatus().getCode())
                                .isEqualTo(Status.Code.PERMISSION_DENIED))
                        .hasMessageContaining("institution " + OTHER_DISTRICT + " is not its recipient");
            } finally {
                channel.shutdownNow();
            }
            assertThat(ledger().receiptsByGrant(grant)).hasSize(1);
        }

        @Test
        void a_replayed_request_gets_the_same_package_and_no_second_receipt() {
            long n = student(DISTRICT);
            GrantId grant = grant(DISTRICT, n, Sources.named(DISTRICT), Duration.ofDays(90), Scope.TRANSCRIPT);
            acknowledgedReceipts(grant, 1);
            String request = Hex128.random();
            ManagedChannel channel = network.channel(UNIVERSITY, DISTRICT);
            ManagedChannel other = network.channel(OTHER_DISTRICT, DISTRICT);
            try {
                RequestRecordsResponse first = ExchangeNetwork.stub(channel).requestRecords(request(request, grant));
                RequestRecordsResponse replay = ExchangeNetwork.stub(channel).requestRecords(request(request, grant));

                assertThat(replay).isEqualTo(first);
                assertThat(ledger().receiptsByGrant(grant)).hasSize(2);
                assertThatThrownBy(() -> ExchangeNetwork.stub(other).requestRecords(request(request, grant)))
                        .isInstanceOf(StatusRuntimeException.class)
                        .satisfies(e -> assertThat(((StatusRuntimeException) e).getStatus().getCode())
                                .isEqualTo(Status.Code.PERMISSION_DENIED));
            } finally {
                channel.shutdownNow();
                other.shutdownNow();
            }
            assertThat(ledger().receiptsByGrant(grant)).hasSize(2);
        }

        @Test
        void a_tampered_package_is_refused_and_rejected_on_the_ledger() throws Exception {
            long n = student(DISTRICT);
            GrantId grant = grant(DISTRICT, n, Sources.named(DISTRICT), Duration.ofDays(90), Scope.TRANSCRIPT);
            acknowledgedReceipts(grant, 1);
            var districtCredentials = network.credentials(DISTRICT);
            SignedPackage signed = new PackageSigner(districtCredentials).sign(new PackageSigner.Header(
                    PackageId.random(), Optional.of(grant), LegalBasis.CONSENT, UNIVERSITY, EnumSet.of(Scope.TRANSCRIPT),
                    clock.instant(), Hex128.random()), ScopeFilter.filter(Students.record(n, DISTRICT.value(), 3),
                    EnumSet.of(Scope.TRANSCRIPT)));
            ReceiptId receipt = ReceiptId.random();
            try (RemoteLedger asDistrict = RemoteLedger.connect(new org.baton.trust.PeerEndpoint("127.0.0.1",
                    network.ledgerPort()), network.consortium().member(ExchangeNetwork.OPERATOR).orElseThrow(),
                    districtCredentials, Duration.ofSeconds(10))) {
                asDistrict.writer().recordReceipt(ExchangeReceipt.underGrant(receipt, grant, DISTRICT, UNIVERSITY,
                        EnumSet.of(Scope.TRANSCRIPT), Sha256.hash(signed.getContent().toByteArray()), clock.instant()));
            }
            byte[] content = signed.getContent().toByteArray();
            content[content.length - 3] ^= 0x01;
            SignedPackage tampered = signed.toBuilder().setContent(ByteString.copyFrom(content)).build();
            ManagedChannel channel = network.channel(DISTRICT, UNIVERSITY);
            try {
                assertThatThrownBy(() -> ExchangeNetwork.stub(channel).deliverRecords(DeliverRecordsRequest.newBuilder()
                        .setPackage(tampered).setReceiptId(receipt.value()).build()))
                        .isInstanceOf(StatusRuntimeException.class)
                        .satisfies(e -> assertThat(((StatusRuntimeException) e).getStatus().getCode())
                                .isEqualTo(Status.Code.INVALID_ARGUMENT))
                        .hasMessageContaining("SIGNATURE_INVALID");
            } finally {
                channel.shutdownNow();
            }
            Eventually.until("the rejection is on the ledger",
                    () -> ledger().receipt(receipt).orElseThrow().acknowledged().isPresent());
            var ack = ledger().receipt(receipt).orElseThrow().acknowledged().orElseThrow().acknowledgment();
            assertThat(ack.verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(ack.reason()).contains(RejectionReason.SIGNATURE_INVALID);
            assertThat(module(UNIVERSITY).received().underGrant(grant)).hasSize(1);
        }

        private RequestRecordsRequest request(String id, GrantId grant) {
            return RequestRecordsRequest.newBuilder().setRequestId(id).setGrantId(grant.value())
                    .addScopes(org.baton.proto.v1.Scope.SCOPE_TRANSCRIPT).build();
        }
    }

    @Nested
    class Under_a_legal_basis {

        @Test
        void the_district_uploads_cal_grant_gpas_to_csac_for_seniors_who_did_not_opt_out() throws Exception {
            long n = student(DISTRICT);
            long optedOut = students.incrementAndGet();
            StudentRecord record = Students.record(optedOut, DISTRICT.value(), 5);
            network.node(DISTRICT).store().writeStudents(List.of(record.toBuilder()
                    .setStudent(record.getStudent().toBuilder().setCalGrantGpaOptOut(true)).build()));

            CalGrantUploadReport report = exchanges(DISTRICT).uploadCalGrantGpas(2026);

            assertThat(report.optedOut()).isPositive();
            for (ExchangeId id : report.queued()) {
                settled(settle(DISTRICT, id), ExchangeState.DELIVERED);
            }
            ExchangeId mine = report.queued().stream()
                    .filter(id -> exchanges(DISTRICT).exchange(id).orElseThrow().scopes().equals(Set.of(Scope.GPA)))
                    .findFirst().orElseThrow();
            ReceiptId receipt = exchanges(DISTRICT).exchange(mine).orElseThrow().receipt().orElseThrow();
            Eventually.until("CSAC acknowledged", () -> ledger().receipt(receipt).orElseThrow().acknowledged()
                    .isPresent());
            ReceiptRecord onLedger = ledger().receipt(receipt).orElseThrow();
            assertThat(onLedger.receipt().basis()).isEqualTo(LegalBasis.CAL_GRANT_GPA_UPLOAD);
            assertThat(onLedger.receipt().recipient()).isEqualTo(CSAC);
            assertThat(onLedger.receipt().grant()).isEmpty();
            SignedPackage sent = exchanges(DISTRICT).disclosedPackage(receipt).orElseThrow();
            assertThat(content(sent).getRecord().getReportedGpasList()).singleElement()
                    .satisfies(gpa -> assertThat(gpa.getKind()).isEqualTo(GpaKind.GPA_CAL_GRANT));
            assertThat(report.queued()).hasSizeGreaterThanOrEqualTo(1);
            assertThat(n).isPositive();
            assertThat(exchanges(DISTRICT).uploadCalGrantGpas(2026).queued()).isEmpty();
        }
    }

    @Nested
    class Status_of_the_node {

        @Test
        void the_admin_status_reports_the_exchange() {
            NodeApp node = network.node(UNIVERSITY);
            ManagedChannel channel = io.grpc.Grpc.newChannelBuilderForAddress("127.0.0.1", node.adminAddress().getPort(),
                    io.grpc.InsecureChannelCredentials.create()).build();
            try {
                var status = NodeAdminGrpc.newBlockingStub(channel).withDeadlineAfter(10,
                        java.util.concurrent.TimeUnit.SECONDS).getStatus(GetStatusRequest.getDefaultInstance());

                assertThat(status.hasExchange()).isTrue();
                assertThat(status.getExchange().getLedgerReachable()).isTrue();
            } finally {
                channel.shutdownNow();
            }
        }
    }
}
