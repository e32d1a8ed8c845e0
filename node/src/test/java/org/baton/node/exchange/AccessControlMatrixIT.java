package org.baton.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.baton.node.exchange.ExchangeNetwork.COLLEGE;
import static org.baton.node.exchange.ExchangeNetwork.CSAC;
import static org.baton.node.exchange.ExchangeNetwork.DISTRICT;
import static org.baton.node.exchange.ExchangeNetwork.OPERATOR;
import static org.baton.node.exchange.ExchangeNetwork.UNIVERSITY;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantorRole;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.Purpose;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.ledger.Sources;
import org.baton.ledger.testing.LedgerFixtures;
import org.baton.ledger.testing.MutableClock;
import org.baton.ledger.tx.LedgerTransaction;
import org.baton.ledger.tx.TransactionCodec;
import org.baton.ledger.tx.TxBody;
import org.baton.node.student.Ssid;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.CreateCheckpointRequest;
import org.baton.proto.v1.DeliverRecordsRequest;
import org.baton.proto.v1.DiscrepancyStatus;
import org.baton.proto.v1.GetDiscrepancyAnswerRequest;
import org.baton.proto.v1.GetDiscrepancyAnswerResponse;
import org.baton.proto.v1.GetGrantRequest;
import org.baton.proto.v1.GetReceiptRequest;
import org.baton.proto.v1.GetStatusRequest;
import org.baton.proto.v1.GetTransactionRequest;
import org.baton.proto.v1.IssueAccountRequest;
import org.baton.proto.v1.LedgerServiceGrpc;
import org.baton.proto.v1.ListEventsRequest;
import org.baton.proto.v1.ListGrantsByInstitutionRequest;
import org.baton.proto.v1.ListReceiptsByGrantRequest;
import org.baton.proto.v1.ListReceiptsByInstitutionRequest;
import org.baton.proto.v1.NodeAdminGrpc;
import org.baton.proto.v1.NotifyGrantRequest;
import org.baton.proto.v1.PeerExchangeGrpc;
import org.baton.proto.v1.PortalRole;
import org.baton.proto.v1.ReportDiscrepancyRequest;
import org.baton.proto.v1.RequestRecordsBatchRequest;
import org.baton.proto.v1.RequestRecordsRequest;
import org.baton.proto.v1.RequestRecordsResult;
import org.baton.proto.v1.SubjectOpening;
import org.baton.proto.v1.SubmitTransactionRequest;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.InstitutionId;
import org.baton.trust.PeerEndpoint;
import org.baton.trust.Validity;
import org.baton.trust.testing.AlwaysPresentKeyManager;
import org.baton.trust.testing.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The access-control matrix of every peer, ledger and admin RPC: each rpc, with one fixed request, called by
 * each kind of caller over real mutual TLS to real nodes and the embedded ledger on 127.0.0.1, answers OK or
 * exactly the refusal status in its cell.
 *
 * <p>Callers: the right institution for the rpc; another member that is no party of the grant; the party of a
 * different grant; a certificate for the right institution from another consortium's CA; a certificate from this
 * consortium's CA for an institution no longer listed in the signed consortium file (a revoked member); an
 * expired certificate for the right institution.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlMatrixIT {

    /** Who calls. */
    enum Caller {
        RIGHT_INSTITUTION, NON_PARTY_MEMBER, PARTY_TO_ANOTHER_GRANT, OTHER_CONSORTIUM_CA, REVOKED_MEMBER,
        EXPIRED_CERTIFICATE
    }

    /** Where an rpc is served, who the right caller is, and the call itself. */
    private record Rpc(String name, Target target, InstitutionId right, Function<ManagedChannel, Object> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    private enum Target { DISTRICT_PEER, UNIVERSITY_PEER, LEDGER }

    private static final InstitutionId UNLISTED = InstitutionId.of("110680");

    @TempDir
    static Path dir;

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private ExchangeNetwork network;
    private final Map<InstitutionId, InstitutionCredentials> foreign = new java.util.HashMap<>();
    private final Map<InstitutionId, InstitutionCredentials> expired = new java.util.HashMap<>();
    private InstitutionCredentials unlisted;
    /** Grant 1: the district's student to the university. Grant 2: the same student to the college. */
    private GrantId grant;
    private GrantId otherGrant;
    private SubjectOpening opening;
    private String receiptOfGrant;
    private String txOfGrant;

    @BeforeAll
    void start() {
        network = new ExchangeNetwork(dir, "exchange:\n  retryInitialMillis: 20\n  retryMaxMillis: 500\n");
        network.startLedger(clock);
        for (InstitutionId id : List.of(DISTRICT, UNIVERSITY, COLLEGE, CSAC)) {
            network.startNode(id, clock, List.of());
        }
        TestPki otherConsortium = TestPki.create(dir.resolve("other-consortium"), "Other Consortium CA");
        Validity lapsed = new Validity(Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1)));
        for (InstitutionId id : List.of(DISTRICT, UNIVERSITY, OPERATOR)) {
            foreign.put(id, InstitutionCredentials.load(otherConsortium.issue(id.value(),
                    new PeerEndpoint("127.0.0.1", ExchangeNetwork.freePort()))));
            expired.put(id, network.issueUnlisted(id, lapsed, "expired-" + id.value()));
        }
        unlisted = network.issueUnlisted(UNLISTED, Validity.startingAt(Instant.now().minus(Duration.ofDays(1)),
                Duration.ofDays(365)), "revoked-" + UNLISTED.value());

        network.node(DISTRICT).store().writeStudents(List.of(Students.record(1, DISTRICT.value(), 5)));
        StudentId student = network.node(DISTRICT).store().findBySsid(Ssid.of(Students.ssid(1))).orElseThrow().id();
        grant = grantTo(student, UNIVERSITY);
        otherGrant = grantTo(student, COLLEGE);
        Eventually.until("the university pulled under the grant",
                () -> !network.ledger().ledger().reader().receiptsByGrant(grant).isEmpty());
        opening = network.node(DISTRICT).exchange().orElseThrow().store().opening(grant).orElseThrow().getOpening();
        receiptOfGrant = network.ledger().ledger().reader().receiptsByGrant(grant).get(0).receipt().id().value();
        txOfGrant = call(Caller.RIGHT_INSTITUTION, DISTRICT, Target.LEDGER, channel -> LedgerServiceGrpc
                .newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .getGrant(GetGrantRequest.newBuilder().setGrantId(grant.value()).build()))
                .getGrant().getCreated().getTxId();
    }

    private GrantId grantTo(StudentId student, InstitutionId recipient) {
        return network.node(DISTRICT).exchange().orElseThrow().consent().grant(new ConsentRequest(student,
                GrantorRole.STUDENT, recipient, Sources.named(DISTRICT), EnumSet.of(Scope.TRANSCRIPT),
                Purpose.ADMISSION, clock.instant().plus(Duration.ofDays(30)),
                Sha256.hash("signed consent".getBytes(StandardCharsets.UTF_8)))).grant().id();
    }

    @AfterAll
    void stop() {
        if (network != null) {
            network.close();
        }
    }

    // ---------------------------------------------------------------------------------------------- the table

    private List<Rpc> rpcs() {
        List<Rpc> rpcs = new ArrayList<>();
        rpcs.add(new Rpc("PeerExchange.NotifyGrant", Target.UNIVERSITY_PEER, DISTRICT, channel -> peer(channel)
                .notifyGrant(NotifyGrantRequest.newBuilder().setGrantId(grant.value()).setOpening(opening).build())));
        rpcs.add(new Rpc("PeerExchange.RequestRecords", Target.DISTRICT_PEER, UNIVERSITY, channel -> peer(channel)
                .requestRecords(RequestRecordsRequest.newBuilder().setRequestId(Hex128.random())
                        .setGrantId(grant.value()).addAllScopes(ExchangeProtos.scopesToProto(EnumSet.of(Scope.TRANSCRIPT)))
                        .setOpening(opening).build())));
        rpcs.add(new Rpc("PeerExchange.RequestRecordsBatch", Target.DISTRICT_PEER, UNIVERSITY, channel -> {
            RequestRecordsResult result = peer(channel).requestRecordsBatch(RequestRecordsBatchRequest.newBuilder()
                    .addRequests(pullUnderGrant(Hex128.random())).build()).getResults(0);
            if (result.hasError()) {
                // Judged as RequestRecords would judge it alone, but reported in the result: the same status.
                throw Status.fromCodeValue(result.getError().getCode()).withDescription(result.getError().getMessage())
                        .asRuntimeException();
            }
            return result;
        }));
        rpcs.add(new Rpc("PeerExchange.DeliverRecords", Target.UNIVERSITY_PEER, DISTRICT, channel -> peer(channel)
                .deliverRecords(DeliverRecordsRequest.newBuilder().setReceiptId(ReceiptId.random().value())
                        .setPackage(packageFromDistrict()).build())));
        rpcs.add(new Rpc("PeerExchange.ReportDiscrepancy", Target.DISTRICT_PEER, UNIVERSITY, channel -> peer(channel)
                .reportDiscrepancy(ReportDiscrepancyRequest.newBuilder().setReportId(Hex128.random())
                        .setReceiptId(receiptOfGrant).setText("Algebra I shows an F; the report card says B.")
                        .build())));
        rpcs.add(new Rpc("LedgerService.SubmitTransaction", Target.LEDGER, DISTRICT, channel -> ledger(channel)
                .submitTransaction(grantSignedByDistrict())));
        rpcs.add(new Rpc("LedgerService.SubmitTransactions", Target.LEDGER, DISTRICT, channel -> {
            org.baton.proto.v1.TransactionResult result = ledger(channel).submitTransactions(
                    org.baton.proto.v1.SubmitTransactionsRequest.newBuilder()
                            .addTransactions(grantSignedByDistrict()).build()).getResults(0);
            if (result.hasRefusal()) {
                // Judged as SubmitTransaction would judge it alone, but reported in the result: the same refusal.
                throw Status.PERMISSION_DENIED.withDescription("refused in its result: " + result.getRefusal())
                        .asRuntimeException();
            }
            return result;
        }));
        rpcs.add(new Rpc("LedgerService.GetGrant", Target.LEDGER, DISTRICT, channel -> ledger(channel)
                .getGrant(GetGrantRequest.newBuilder().setGrantId(grant.value()).build())));
        rpcs.add(new Rpc("LedgerService.GetReceipt", Target.LEDGER, DISTRICT, channel -> ledger(channel)
                .getReceipt(GetReceiptRequest.newBuilder().setReceiptId(receiptOfGrant).build())));
        rpcs.add(new Rpc("LedgerService.GetReceipts", Target.LEDGER, DISTRICT, channel -> ledger(channel)
                .getReceipts(org.baton.proto.v1.GetReceiptsRequest.newBuilder().addReceiptIds(receiptOfGrant).build())));
        rpcs.add(new Rpc("LedgerService.GetTransaction", Target.LEDGER, DISTRICT, channel -> ledger(channel)
                .getTransaction(GetTransactionRequest.newBuilder().setTxId(txOfGrant).build())));
        rpcs.add(new Rpc("LedgerService.ListReceiptsByGrant", Target.LEDGER, DISTRICT, channel -> ledger(channel)
                .listReceiptsByGrant(ListReceiptsByGrantRequest.newBuilder().setGrantId(grant.value()).build())));
        rpcs.add(new Rpc("LedgerService.ListGrantsByInstitution", Target.LEDGER, DISTRICT, channel -> ledger(channel)
                .listGrantsByInstitution(ListGrantsByInstitutionRequest.newBuilder()
                        .setInstitutionId(DISTRICT.value()).setFrom(ts(Instant.EPOCH))
                        .setUntil(ts(clock.instant().plus(Duration.ofDays(1)))).setPageSize(10).build())));
        rpcs.add(new Rpc("LedgerService.ListReceiptsByInstitution", Target.LEDGER, DISTRICT, channel -> ledger(channel)
                .listReceiptsByInstitution(ListReceiptsByInstitutionRequest.newBuilder()
                        .setInstitutionId(DISTRICT.value()).setFrom(ts(Instant.EPOCH))
                        .setUntil(ts(clock.instant().plus(Duration.ofDays(1)))).setPageSize(10).build())));
        rpcs.add(new Rpc("LedgerService.ListEvents", Target.LEDGER, DISTRICT, channel -> ledger(channel)
                .listEvents(ListEventsRequest.newBuilder().setAfterSequence(0).setMaxEvents(10).build())));
        return rpcs;
    }

    /** The status each caller gets, per rpc: the member reads of the ledger are open to every member by design. */
    private static Map<Caller, Status.Code> expected(String rpc) {
        Map<Caller, Status.Code> cells = new EnumMap<>(Caller.class);
        boolean memberRead = rpc.startsWith("LedgerService.") && !rpc.startsWith("LedgerService.Submit");
        cells.put(Caller.RIGHT_INSTITUTION, Status.Code.OK);
        cells.put(Caller.NON_PARTY_MEMBER, memberRead ? Status.Code.OK : Status.Code.PERMISSION_DENIED);
        cells.put(Caller.PARTY_TO_ANOTHER_GRANT, memberRead ? Status.Code.OK : Status.Code.PERMISSION_DENIED);
        // Refused in the TLS handshake: the connection never opens.
        cells.put(Caller.OTHER_CONSORTIUM_CA, Status.Code.UNAVAILABLE);
        // Issued by our CA, but not in the signed consortium file: refused by the peer authenticator.
        cells.put(Caller.REVOKED_MEMBER, Status.Code.PERMISSION_DENIED);
        cells.put(Caller.EXPIRED_CERTIFICATE, Status.Code.UNAVAILABLE);
        return cells;
    }

    Stream<Arguments> matrix() {
        List<Arguments> cells = new ArrayList<>();
        for (Rpc rpc : rpcs()) {
            expected(rpc.name()).forEach((caller, code) -> cells.add(Arguments.of(rpc, caller, code)));
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} by {1}: {2}")
    @MethodSource("matrix")
    void every_rpc_answers_each_caller_as_the_matrix_says(Rpc rpc, Caller caller, Status.Code expected) {
        Status.Code actual;
        String description;
        try {
            call(caller, rpc.right(), rpc.target(), rpc.call());
            actual = Status.Code.OK;
            description = "";
        } catch (StatusRuntimeException e) {
            actual = e.getStatus().getCode();
            description = String.valueOf(e.getStatus().getDescription());
        }
        assertThat(actual).as("%s by %s (%s)", rpc, caller, description).isEqualTo(expected);
        if (expected == Status.Code.PERMISSION_DENIED) {
            assertThat(description).as("the refusal names the reason").isNotBlank().isNotEqualTo("null");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Admin {

        Stream<Arguments> adminRpcs() {
            return Stream.of(
                    Arguments.of("NodeAdmin.GetStatus", (Function<ManagedChannel, Object>) channel -> admin(channel)
                            .getStatus(GetStatusRequest.getDefaultInstance())),
                    Arguments.of("NodeAdmin.CreateCheckpoint", (Function<ManagedChannel, Object>) channel ->
                            admin(channel).createCheckpoint(CreateCheckpointRequest.newBuilder()
                                    .setPath(dir.resolve("checkpoint-" + System.nanoTime()).toString()).build())),
                    Arguments.of("NodeAdmin.IssueAccount", (Function<ManagedChannel, Object>) channel ->
                            admin(channel).issueAccount(IssueAccountRequest.newBuilder()
                                    .setRole(PortalRole.PORTAL_ROLE_AUDITOR).setDisplayName("Auditor").build())),
                    Arguments.of("NodeAdmin.GetReadiness", (Function<ManagedChannel, Object>) channel ->
                            admin(channel).getReadiness(org.baton.proto.v1.GetReadinessRequest.newBuilder()
                                    .setSsid(Students.ssid(1)).build())),
                    Arguments.of("NodeAdmin.UploadCalGrantGpas", (Function<ManagedChannel, Object>) channel ->
                            admin(channel).uploadCalGrantGpas(org.baton.proto.v1.UploadCalGrantGpasRequest
                                    .newBuilder().setAcademicYear(2026).build())),
                    Arguments.of("NodeAdmin.PullRecords", (Function<ManagedChannel, Object>) channel ->
                            admin(channel).pullRecords(org.baton.proto.v1.PullRecordsRequest.newBuilder()
                                    .setGrantId(grant.value()).setSourceInstitutionId(DISTRICT.value())
                                    .addScopes("TRANSCRIPT").build())),
                    Arguments.of("NodeAdmin.GetGrantSources", (Function<ManagedChannel, Object>) channel ->
                            admin(channel).getGrantSources(org.baton.proto.v1.GetGrantSourcesRequest.newBuilder()
                                    .setGrantId(grant.value()).build())),
                    Arguments.of("NodeAdmin.ListExchanges", (Function<ManagedChannel, Object>) channel ->
                            admin(channel).listExchanges(org.baton.proto.v1.ListExchangesRequest.newBuilder()
                                    .setLimit(10).build())));
        }

        @ParameterizedTest(name = "{0} is not served on the peer port, whoever calls")
        @MethodSource("adminRpcs")
        void admin_rpcs_are_not_served_to_peers(String rpc, Function<ManagedChannel, Object> call) {
            for (Caller caller : Caller.values()) {
                // gRPC answers an unknown service before any interceptor runs, so a revoked member learns only
                // that the method is not there.
                Status.Code expected = switch (caller) {
                    case OTHER_CONSORTIUM_CA, EXPIRED_CERTIFICATE -> Status.Code.UNAVAILABLE;
                    default -> Status.Code.UNIMPLEMENTED;
                };
                Status.Code actual;
                try {
                    call(caller, DISTRICT, Target.DISTRICT_PEER, call);
                    actual = Status.Code.OK;
                } catch (StatusRuntimeException e) {
                    actual = e.getStatus().getCode();
                }
                assertThat(actual).as("%s by %s on the peer port", rpc, caller).isEqualTo(expected);
            }
        }

        @ParameterizedTest(name = "{0} answers on the loopback admin port")
        @MethodSource("adminRpcs")
        void admin_rpcs_answer_on_the_loopback_admin_port(String rpc, Function<ManagedChannel, Object> call) {
            InetSocketAddress admin = network.node(DISTRICT).adminAddress();
            assertThat(admin.getAddress().isLoopbackAddress()).isTrue();
            ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", admin.getPort(),
                    InsecureChannelCredentials.create()).build();
            try {
                Status.Code actual;
                try {
                    call.apply(channel);
                    actual = Status.Code.OK;
                } catch (StatusRuntimeException e) {
                    actual = e.getStatus().getCode();
                }
                // Answered: OK, or the rpc's own refusal of this request; never a transport or access refusal.
                assertThat(actual).as(rpc).isNotIn(Status.Code.UNIMPLEMENTED, Status.Code.UNAVAILABLE,
                        Status.Code.PERMISSION_DENIED, Status.Code.UNAUTHENTICATED, Status.Code.INTERNAL,
                        Status.Code.UNKNOWN);
            } finally {
                channel.shutdownNow();
            }
        }

        @org.junit.jupiter.api.Test
        void the_admin_port_does_not_listen_beyond_loopback() throws Exception {
            int port = network.node(DISTRICT).adminAddress().getPort();
            Optional<java.net.InetAddress> external = java.util.Collections.list(
                            java.net.NetworkInterface.getNetworkInterfaces()).stream()
                    .flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
                    .filter(a -> !a.isLoopbackAddress() && a instanceof java.net.Inet4Address)
                    .findFirst();
            org.junit.jupiter.api.Assumptions.assumeTrue(external.isPresent(), "no non-loopback address here");
            try (Socket socket = new Socket()) {
                assertThat(org.assertj.core.api.Assertions.catchThrowable(() ->
                        socket.connect(new InetSocketAddress(external.get(), port), 2000)))
                        .isInstanceOf(java.io.IOException.class);
            }
        }
    }

    @Nested
    class Discrepancy_reports {

        private StatusRuntimeException report(ReportDiscrepancyRequest request) {
            return org.assertj.core.api.Assertions.catchThrowableOfType(StatusRuntimeException.class,
                    () -> call(Caller.RIGHT_INSTITUTION, UNIVERSITY, Target.DISTRICT_PEER,
                            channel -> peer(channel).reportDiscrepancy(request)));
        }

        @org.junit.jupiter.api.Test
        void a_malformed_report_is_refused_as_invalid_and_says_which_field() {
            ReportDiscrepancyRequest good = ReportDiscrepancyRequest.newBuilder().setReportId(Hex128.random())
                    .setReceiptId(receiptOfGrant).setText("The GPA looks high.").build();

            assertThat(report(good.toBuilder().setReportId("R-1").build()).getStatus().getDescription())
                    .startsWith("report_id");
            assertThat(report(good.toBuilder().setReceiptId("nope").build()).getStatus().getDescription())
                    .startsWith("receipt_id");
            assertThat(report(good.toBuilder().setText(" ").build()).getStatus().getDescription())
                    .isEqualTo("text is empty");
            StatusRuntimeException tooLong = report(good.toBuilder().setText("x".repeat(2_001)).build());
            assertThat(tooLong.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(tooLong.getStatus().getDescription()).isEqualTo("text is longer than 2000 characters");
        }

        @org.junit.jupiter.api.Test
        void only_the_reporter_reads_the_answer_to_its_report() {
            String id = Hex128.random();
            call(Caller.RIGHT_INSTITUTION, UNIVERSITY, Target.DISTRICT_PEER, channel -> peer(channel)
                    .reportDiscrepancy(ReportDiscrepancyRequest.newBuilder().setReportId(id)
                            .setReceiptId(receiptOfGrant).setText("The GPA looks high.").build()));
            GetDiscrepancyAnswerRequest ask = GetDiscrepancyAnswerRequest.newBuilder().setReportId(id).build();

            GetDiscrepancyAnswerResponse answer = call(Caller.RIGHT_INSTITUTION, UNIVERSITY, Target.DISTRICT_PEER,
                    channel -> peer(channel).getDiscrepancyAnswer(ask));
            StatusRuntimeException other = org.assertj.core.api.Assertions.catchThrowableOfType(
                    StatusRuntimeException.class, () -> call(Caller.RIGHT_INSTITUTION, COLLEGE, Target.DISTRICT_PEER,
                            channel -> peer(channel).getDiscrepancyAnswer(ask)));
            StatusRuntimeException malformed = org.assertj.core.api.Assertions.catchThrowableOfType(
                    StatusRuntimeException.class, () -> call(Caller.RIGHT_INSTITUTION, UNIVERSITY,
                            Target.DISTRICT_PEER, channel -> peer(channel).getDiscrepancyAnswer(
                                    GetDiscrepancyAnswerRequest.newBuilder().setReportId("R-1").build())));

            assertThat(answer.getStatus()).isEqualTo(DiscrepancyStatus.DISCREPANCY_OPEN);
            assertThat(other.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(malformed.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        }

        @org.junit.jupiter.api.Test
        void a_report_on_a_package_never_sent_is_not_found() {
            StatusRuntimeException refused = report(ReportDiscrepancyRequest.newBuilder().setReportId(Hex128.random())
                    .setReceiptId(ReceiptId.random().value()).setText("The GPA looks high.").build());

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        }
    }

    private RequestRecordsRequest pullUnderGrant(String requestId) {
        return RequestRecordsRequest.newBuilder().setRequestId(requestId).setGrantId(grant.value())
                .addAllScopes(ExchangeProtos.scopesToProto(EnumSet.of(Scope.TRANSCRIPT))).setOpening(opening).build();
    }

    @Nested
    class Batched_pulls {

        private List<RequestRecordsResult> batch(RequestRecordsRequest... pulls) {
            return call(Caller.RIGHT_INSTITUTION, UNIVERSITY, Target.DISTRICT_PEER, channel -> peer(channel)
                    .requestRecordsBatch(RequestRecordsBatchRequest.newBuilder().addAllRequests(List.of(pulls)).build())
                    .getResultsList());
        }

        private int receiptsOfGrant() {
            return network.ledger().ledger().reader().receiptsByGrant(grant).size();
        }

        @org.junit.jupiter.api.Test
        void each_pull_of_a_batch_is_answered_as_it_would_be_alone_and_in_order() {
            String id = Hex128.random();
            int before = receiptsOfGrant();

            List<RequestRecordsResult> results = batch(pullUnderGrant(id),
                    pullUnderGrant("R-1"),
                    pullUnderGrant(Hex128.random()).toBuilder().setGrantId(otherGrant.value()).build(),
                    pullUnderGrant(id));

            assertThat(results).hasSize(4);
            assertThat(results.get(0).hasRecords()).as("the pull under the grant").isTrue();
            assertThat(results.get(1).getError().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT.value());
            assertThat(results.get(1).getError().getMessage()).startsWith("requests[1]: request_id");
            assertThat(results.get(2).getError().getCode())
                    .as("a pull under a grant to another recipient").isEqualTo(Status.Code.PERMISSION_DENIED.value());
            assertThat(results.get(2).getError().getMessage()).contains("is not its recipient");
            assertThat(results.get(3).getRecords()).as("the same request again: the same package and receipt")
                    .isEqualTo(results.get(0).getRecords());
            assertThat(receiptsOfGrant()).as("one receipt for the two copies of one request").isEqualTo(before + 1);
            assertThat(network.ledger().ledger().reader().receipt(ReceiptId.of(results.get(0).getRecords()
                    .getReceiptId()))).isPresent();
        }

        @org.junit.jupiter.api.Test
        void a_request_repeated_in_a_later_batch_gets_the_same_package_and_no_second_receipt() {
            String id = Hex128.random();
            RequestRecordsResult first = batch(pullUnderGrant(id)).get(0);
            int after = receiptsOfGrant();

            RequestRecordsResult again = batch(pullUnderGrant(Hex128.random()), pullUnderGrant(id)).get(1);

            assertThat(again.getRecords()).isEqualTo(first.getRecords());
            assertThat(receiptsOfGrant()).as("only the new request recorded a receipt").isEqualTo(after + 1);
        }

        @org.junit.jupiter.api.Test
        void an_empty_batch_or_one_over_the_limit_is_refused_as_invalid() {
            StatusRuntimeException empty = org.assertj.core.api.Assertions.catchThrowableOfType(
                    StatusRuntimeException.class, this::batch);
            RequestRecordsRequest[] many = new RequestRecordsRequest[PeerExchangeService.MAX_BATCH_PULLS + 1];
            java.util.Arrays.fill(many, pullUnderGrant(Hex128.random()));
            StatusRuntimeException over = org.assertj.core.api.Assertions.catchThrowableOfType(
                    StatusRuntimeException.class, () -> batch(many));

            assertThat(empty.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(empty.getStatus().getDescription()).isEqualTo("requests: 0 pulls, not 1..64");
            assertThat(over.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(over.getStatus().getDescription()).isEqualTo("requests: 65 pulls, not 1..64");
        }
    }

    @Nested
    class Notification_sources {

        private StatusRuntimeException notify(NotifyGrantRequest request) {
            return org.assertj.core.api.Assertions.catchThrowableOfType(StatusRuntimeException.class,
                    () -> call(Caller.RIGHT_INSTITUTION, DISTRICT, Target.UNIVERSITY_PEER,
                            channel -> peer(channel).notifyGrant(request)));
        }

        @org.junit.jupiter.api.Test
        void a_notification_naming_more_sources_than_a_grant_reaches_is_refused_as_invalid() {
            NotifyGrantRequest.Builder many = NotifyGrantRequest.newBuilder().setGrantId(grant.value())
                    .setOpening(opening);
            for (int i = 0; i <= PeerExchangeService.MAX_SOURCES; i++) {
                many.addSources(String.format(java.util.Locale.ROOT, "%014d", i));
            }

            StatusRuntimeException refused = notify(many.build());

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(refused.getStatus().getDescription()).contains("sources: 65 institutions, over the limit of 64");
        }

        @org.junit.jupiter.api.Test
        void a_notification_naming_a_malformed_source_is_refused_as_invalid_and_says_which() {
            StatusRuntimeException refused = notify(NotifyGrantRequest.newBuilder().setGrantId(grant.value())
                    .setOpening(opening).addSources(DISTRICT.value()).addSources("no such id!").build());

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(refused.getStatus().getDescription()).startsWith("sources[1]: ");
        }
    }

    @Nested
    class Oversized_messages {

        @org.junit.jupiter.api.Test
        void a_peer_accepts_a_delivery_up_to_the_peer_limit() {
            // Over gRPC's 4 MiB default, under the 32 MiB peer limit: parsed, then refused for what it is.
            DeliverRecordsRequest big = DeliverRecordsRequest.newBuilder().setReceiptId(ReceiptId.random().value())
                    .setPackage(org.baton.proto.v1.SignedPackage.newBuilder()
                            .setContent(ByteString.copyFrom(new byte[8 << 20]))).build();

            StatusRuntimeException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                    StatusRuntimeException.class, () -> call(Caller.RIGHT_INSTITUTION, DISTRICT,
                            Target.UNIVERSITY_PEER, channel -> peer(channel).deliverRecords(big)));

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        }

        @org.junit.jupiter.api.Test
        void a_peer_refuses_a_message_over_the_peer_limit_before_reading_it() {
            DeliverRecordsRequest huge = DeliverRecordsRequest.newBuilder().setReceiptId(ReceiptId.random().value())
                    .setPackage(org.baton.proto.v1.SignedPackage.newBuilder()
                            .setContent(ByteString.copyFrom(new byte[ExchangeModule.MAX_MESSAGE_BYTES]))).build();

            StatusRuntimeException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                    StatusRuntimeException.class, () -> call(Caller.RIGHT_INSTITUTION, DISTRICT,
                            Target.UNIVERSITY_PEER, channel -> peer(channel).deliverRecords(huge)));

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(refused.getStatus().getDescription()).startsWith("gRPC message exceeds maximum size " + ExchangeModule.MAX_MESSAGE_BYTES);
        }

        @org.junit.jupiter.api.Test
        void the_ledger_refuses_a_message_over_its_limit_before_reading_it() {
            SubmitTransactionRequest huge = SubmitTransactionRequest.newBuilder()
                    .setTransaction(ByteString.copyFrom(new byte[(4 << 20) + 1])).build();

            StatusRuntimeException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                    StatusRuntimeException.class, () -> call(Caller.RIGHT_INSTITUTION, DISTRICT, Target.LEDGER,
                            channel -> ledger(channel).submitTransaction(huge)));

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(refused.getStatus().getDescription()).startsWith("gRPC message exceeds maximum size " + (4 << 20));
        }
    }

    // ---------------------------------------------------------------------------------------------- requests

    private org.baton.proto.v1.SignedPackage packageFromDistrict() {
        PackageSigner signer = new PackageSigner(network.credentials(DISTRICT));
        PackageSigner.Header header = new PackageSigner.Header(PackageId.random(), Optional.of(grant),
                LegalBasis.CONSENT, UNIVERSITY, EnumSet.of(Scope.TRANSCRIPT), clock.instant(), Hex128.random());
        return signer.sign(header, ScopeFilter.filter(Students.record(1, DISTRICT.value(), 2),
                EnumSet.of(Scope.TRANSCRIPT)));
    }

    private SubmitTransactionRequest grantSignedByDistrict() {
        ConsentGrant fresh = LedgerFixtures.grant(clock.instant()).build();
        byte[] bytes = TransactionCodec.encode(LedgerTransaction.create(DISTRICT, new TxBody.CreateGrant(fresh),
                clock.instant()));
        byte[] signature = network.credentials(DISTRICT).signingKey().sign(TransactionCodec.signingPayload(bytes));
        return SubmitTransactionRequest.newBuilder().setTransaction(ByteString.copyFrom(bytes))
                .setSignature(ByteString.copyFrom(signature)).build();
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static PeerExchangeGrpc.PeerExchangeBlockingStub peer(ManagedChannel channel) {
        return PeerExchangeGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private static LedgerServiceGrpc.LedgerServiceBlockingStub ledger(ManagedChannel channel) {
        return LedgerServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private static NodeAdminGrpc.NodeAdminBlockingStub admin(ManagedChannel channel) {
        return NodeAdminGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    // ---------------------------------------------------------------------------------------------- callers

    private InstitutionCredentials credentials(Caller caller, InstitutionId right) {
        return switch (caller) {
            case RIGHT_INSTITUTION -> network.credentials(right);
            case NON_PARTY_MEMBER -> network.credentials(CSAC);
            case PARTY_TO_ANOTHER_GRANT -> network.credentials(COLLEGE);
            case OTHER_CONSORTIUM_CA -> foreign.get(right);
            case REVOKED_MEMBER -> unlisted;
            case EXPIRED_CERTIFICATE -> expired.get(right);
        };
    }

    private <T> T call(Caller caller, InstitutionId right, Target target, Function<ManagedChannel, T> call) {
        InstitutionCredentials own = credentials(caller, right);
        int port = switch (target) {
            case DISTRICT_PEER -> network.node(DISTRICT).peerAddress().getPort();
            case UNIVERSITY_PEER -> network.node(UNIVERSITY).peerAddress().getPort();
            case LEDGER -> network.ledgerPort();
        };
        // The client presents its certificate whatever the server asks and trusts any server: every refusal in the
        // matrix is the server's.
        ChannelCredentials credentials = TlsChannelCredentials.newBuilder()
                .keyManager(new AlwaysPresentKeyManager(own.tlsPrivateKey(), own.tlsCertificate()))
                .trustManager(new TrustAnyServer())
                .build();
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port, credentials).build();
        try {
            return call.apply(channel);
        } finally {
            channel.shutdownNow();
        }
    }

    /** A client-side trust manager that accepts any server, so that only the server decides. */
    private static final class TrustAnyServer extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
