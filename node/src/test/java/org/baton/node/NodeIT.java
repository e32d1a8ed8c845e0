package org.baton.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.baton.node.config.NodeConfig;
import org.baton.proto.v1.CreateCheckpointRequest;
import org.baton.proto.v1.GetGrantSourcesRequest;
import org.baton.proto.v1.GetReadinessRequest;
import org.baton.proto.v1.GetStatusRequest;
import org.baton.proto.v1.GetStatusResponse;
import org.baton.proto.v1.ListExchangesRequest;
import org.baton.proto.v1.NodeAdminGrpc;
import org.baton.proto.v1.PullRecordsRequest;
import org.baton.proto.v1.PullRecordsResponse;
import org.baton.proto.v1.UploadCalGrantGpasRequest;
import org.baton.trust.Consortium;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.InstitutionId;
import org.baton.trust.InstitutionKind;
import org.baton.trust.Member;
import org.baton.trust.MutualTls;
import org.baton.trust.PeerEndpoint;
import org.baton.trust.Validity;
import org.baton.trust.testing.AlwaysPresentKeyManager;
import org.baton.trust.testing.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real nodes on 127.0.0.1 with certificates from the code `baton pki` runs: mutual TLS between members works,
 * and every other kind of peer is refused with a clear status.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeIT {

    private static final String A = "110635";
    private static final String B = "110644";

    @TempDir
    static Path dir;

    private final List<String> eventsOfB = new CopyOnWriteArrayList<>();
    private TestPki pki;
    private Path consortiumFile;
    private Member memberB;
    private NodeApp nodeA;
    private NodeApp nodeB;

    @BeforeAll
    void startTwoNodes() throws Exception {
        pki = TestPki.create(dir, "Test Consortium CA");
        Path a = pki.issue(A, PeerEndpoint.parse("127.0.0.1:7443"));
        Path b = pki.issue(B, PeerEndpoint.parse("127.0.0.1:7444"));
        Instant now = Instant.now();
        Path expired = pki.issue("CSAC", PeerEndpoint.parse("127.0.0.1:7445"),
                new Validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))), "CSAC");
        pki.issue("110680", PeerEndpoint.parse("127.0.0.1:7446"));
        TestPki.create(dir.resolve("foreign"), "Foreign CA").issue(A, PeerEndpoint.parse("127.0.0.1:7443"));

        consortiumFile = pki.writeConsortium("consortium.json", List.of(
                TestPki.member(a, InstitutionKind.UC, "Node A", PeerEndpoint.parse("127.0.0.1:7443")),
                TestPki.member(b, InstitutionKind.UC, "Node B", PeerEndpoint.parse("127.0.0.1:7444")),
                TestPki.member(expired, InstitutionKind.CSAC, "Expired", PeerEndpoint.parse("127.0.0.1:7445"))));
        memberB = Consortium.load(consortiumFile, pki.ca().certificate()).member(InstitutionId.of(B)).orElseThrow();

        nodeA = NodeApp.create(NodeConfig.load(writeConfig(A, "UC", "Node A", a))).start();
        NodeEventListener recorder = new NodeEventListener() {
            @Override
            public void peerConnected(InstitutionId peer, SocketAddress remoteAddress) {
                eventsOfB.add("connected " + peer);
            }

            @Override
            public void peerRefused(Optional<SocketAddress> remoteAddress, String reason) {
                eventsOfB.add("refused " + reason);
            }
        };
        nodeB = NodeApp.create(NodeConfig.load(writeConfig(B, "UC", "Node B", b)), List.of(recorder)).start();
    }

    @AfterAll
    void stopNodes() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    @BeforeEach
    void clearEvents() {
        eventsOfB.clear();
    }

    @Nested
    class Peer_server {

        @Test
        void accepts_a_member_over_mutual_tls_and_knows_who_it_is() {
            HealthCheckResponse health = callB(credentialsOf(A), channel -> HealthGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()));

            assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
            assertThat(eventsOfB).containsExactly("connected " + A);
        }

        @Test
        void lists_its_services_through_reflection_over_mutual_tls() throws Exception {
            List<String> services = callB(credentialsOf(A), NodeIT::listServices);

            assertThat(services).contains("grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection",
                    "grpc.reflection.v1alpha.ServerReflection");
        }

        @Test
        void refuses_a_certificate_from_another_ca() throws Exception {
            InstitutionCredentials foreign = InstitutionCredentials.load(dir.resolve("foreign").resolve(A));
            ChannelCredentials impostor = TlsChannelCredentials.newBuilder()
                    .keyManager(new AlwaysPresentKeyManager(foreign.tlsPrivateKey(), foreign.tlsCertificate()))
                    .trustManager(pki.caCertificateFile().toFile())
                    .build();

            StatusRuntimeException refused = healthFails(impostor);

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(eventsOfB).singleElement().asString()
                    .startsWith("refused TLS handshake refused: the client certificate CN=" + A + " (SHA-256 ")
                    .endsWith("was not issued by the consortium CA CN=Test Consortium CA (issuer: CN=Foreign CA)");
        }

        @Test
        void refuses_an_institution_not_in_the_consortium_file() {
            StatusRuntimeException refused = healthFails(credentialsOf("110680"));

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(refused.getStatus().getDescription())
                    .startsWith("the client certificate CN=110680 (SHA-256 ")
                    .endsWith(" is not listed in consortium file 'Test Consortium' version 1");
            assertThat(eventsOfB).containsExactly("refused " + refused.getStatus().getDescription());
        }

        @Test
        void refuses_an_expired_certificate() {
            StatusRuntimeException refused = healthFails(credentialsOf("CSAC"));

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(eventsOfB).singleElement().asString()
                    .startsWith("refused TLS handshake refused: the client certificate CN=CSAC (SHA-256 ")
                    .contains(" expired at ");
        }

        @Test
        void refuses_a_client_without_a_certificate() throws Exception {
            ChannelCredentials anonymous = TlsChannelCredentials.newBuilder()
                    .trustManager(pki.caCertificateFile().toFile())
                    .build();

            StatusRuntimeException refused = healthFails(anonymous);

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(eventsOfB).isEmpty();
        }

        @Test
        void refuses_plaintext() {
            StatusRuntimeException refused = healthFails(InsecureChannelCredentials.create());

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        }
    }

    @Nested
    class Admin_server {

        @Test
        void listens_on_loopback_only() {
            assertThat(nodeB.adminAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        }

        @Test
        void reports_the_node_status() {
            GetStatusResponse status = admin(nodeB, stub -> stub.getStatus(GetStatusRequest.getDefaultInstance()));

            assertThat(status.getInstitutionId()).isEqualTo(B);
            assertThat(status.getDisplayName()).isEqualTo("Node B");
            assertThat(status.getPeerEndpoint()).isEqualTo("127.0.0.1:" + nodeB.peerAddress().getPort());
            assertThat(status.getConsortiumMembers()).isEqualTo(3);
            assertThat(status.getStudentCount()).isZero();
            assertThat(status.getStoreSchemaVersion()).isPositive();
            assertThat(status.getStartedAt().getSeconds()).isPositive();
        }

        @Test
        void writes_a_checkpoint_of_the_store() {
            Path target = dir.resolve("checkpoint-1");

            String written = admin(nodeB, stub -> stub.createCheckpoint(
                    CreateCheckpointRequest.newBuilder().setPath(target.toString()).build())).getPath();

            assertThat(written).isEqualTo(target.toString());
            assertThat(target).isDirectory();
            assertThat(target.resolve("CURRENT")).exists();
        }

        @Test
        void refuses_a_relative_checkpoint_path() {
            assertThatThrownBy(() -> admin(nodeB, stub -> stub.createCheckpoint(
                    CreateCheckpointRequest.newBuilder().setPath("backups/today").build())))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                        assertThat(e.getStatus().getDescription()).isEqualTo("path 'backups/today' is not absolute");
                    });
        }

        @Test
        void refuses_a_readiness_query_without_a_valid_ssid_and_answers_not_found_for_an_unknown_student() {
            assertInvalid(() -> admin(nodeB, stub -> stub.getReadiness(GetReadinessRequest.newBuilder()
                    .setSsid("123").build())), "ssid: SSID must be exactly 10 digits (got 3 characters)");
            assertInvalid(() -> admin(nodeB, stub -> stub.getReadiness(GetReadinessRequest.newBuilder()
                    .setSsid("1234567890").setAsOf("next week").build())), "as_of 'next week' is not a YYYY-MM-DD date");
            assertThatThrownBy(() -> admin(nodeB, stub -> stub.getReadiness(GetReadinessRequest.newBuilder()
                    .setSsid("1234567890").build())))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                        assertThat(e.getStatus().getDescription()).isEqualTo("this node holds no record of the "
                                + "student, neither its own nor received");
                    });
        }

        @Test
        void refuses_a_cal_grant_upload_for_a_bad_year_or_without_an_exchange() {
            assertInvalid(() -> admin(nodeB, stub -> stub.uploadCalGrantGpas(UploadCalGrantGpasRequest.newBuilder()
                    .setAcademicYear(1999).build())), "academic_year 1999 is outside 2000..2100");
            assertThatThrownBy(() -> admin(nodeB, stub -> stub.uploadCalGrantGpas(UploadCalGrantGpasRequest
                    .newBuilder().setAcademicYear(2025).build())))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                        assertThat(e.getStatus().getDescription()).isEqualTo("this node runs no exchange; add a "
                                + "ledger section to its config");
                    });
        }

        @Test
        void refuses_a_pull_request_naming_a_bad_grant_source_scope_or_wait() {
            String grant = "0123456789abcdef0123456789abcdef";
            assertInvalid(() -> pull(PullRecordsRequest.newBuilder().setGrantId("nope").setSourceInstitutionId(A)
                    .addScopes("TRANSCRIPT").setWaitMillis(1000)), "grant_id: grant id 'nope' is not 32 lowercase "
                    + "hex digits");
            assertInvalid(() -> pull(PullRecordsRequest.newBuilder().setGrantId(grant).setSourceInstitutionId("")
                    .addScopes("TRANSCRIPT").setWaitMillis(1000)), "source_institution_id: "
                    + invalidInstitution(""));
            assertInvalid(() -> pull(PullRecordsRequest.newBuilder().setGrantId(grant).setSourceInstitutionId(A)
                    .setWaitMillis(1000)), "scopes is empty: name at least one (e.g. TRANSCRIPT)");
            assertInvalid(() -> pull(PullRecordsRequest.newBuilder().setGrantId(grant).setSourceInstitutionId(A)
                    .addScopes("GRADES").setWaitMillis(1000)), "scopes[0] 'GRADES' is not a scope (one of "
                    + java.util.Arrays.toString(org.baton.ledger.Scope.values()) + ")");
            assertInvalid(() -> pull(PullRecordsRequest.newBuilder().setGrantId(grant).setSourceInstitutionId(A)
                    .addScopes("TRANSCRIPT").setWaitMillis(0)), "wait_millis 0 is outside 1..60000");
            assertInvalid(() -> admin(nodeB, stub -> stub.listExchanges(ListExchangesRequest.newBuilder()
                    .setLimit(0).build())), "limit 0 is outside 1..10000");
            assertInvalid(() -> admin(nodeB, stub -> stub.getGrantSources(GetGrantSourcesRequest.newBuilder()
                    .setGrantId("nope").build())), "grant_id: grant id 'nope' is not 32 lowercase hex digits");
            assertThatThrownBy(() -> admin(nodeB, stub -> stub.getGrantSources(GetGrantSourcesRequest.newBuilder()
                    .setGrantId(grant).build())))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                        assertThat(e.getStatus().getDescription()).isEqualTo("this node runs no exchange; add a "
                                + "ledger section to its config");
                    });
        }

        private PullRecordsResponse pull(PullRecordsRequest.Builder request) {
            return admin(nodeB, stub -> stub.pullRecords(request.build()));
        }

        private static String invalidInstitution(String value) {
            try {
                InstitutionId.of(value);
                throw new AssertionError("'" + value + "' is a valid institution id");
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }

        private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
                String description) {
            assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(e.getStatus().getDescription()).isEqualTo(description);
            });
        }

        @Test
        void refuses_a_checkpoint_path_that_exists() throws Exception {
            Path existing = Files.createDirectories(dir.resolve("existing"));

            assertThatThrownBy(() -> admin(nodeB, stub -> stub.createCheckpoint(
                    CreateCheckpointRequest.newBuilder().setPath(existing.toString()).build())))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
                        assertThat(e.getStatus().getDescription()).isEqualTo("path '" + existing + "' already exists");
                    });
        }
    }

    @Nested
    class Start {

        @Test
        void refuses_an_institution_missing_from_the_consortium_file() throws Exception {
            NodeConfig config = NodeConfig.load(writeConfig("110680", "UC", "Outsider", dir.resolve("110680")));

            assertThatThrownBy(() -> NodeApp.create(config))
                    .isInstanceOf(NodeStartException.class)
                    .hasMessage("node 110680 cannot start: institution 110680 is not listed in consortium file "
                            + consortiumFile);
        }

        @Test
        void refuses_a_kind_that_differs_from_the_consortium_file() throws Exception {
            NodeConfig config = NodeConfig.load(writeConfig(A, "CSU", "Node A", dir.resolve(A)));

            assertThatThrownBy(() -> NodeApp.create(config))
                    .isInstanceOf(NodeStartException.class)
                    .hasMessage("node " + A + " cannot start: institution.kind is CSU but consortium file "
                            + consortiumFile + " lists " + A + " as UC");
        }

        @Test
        void refuses_an_expired_tls_certificate() throws Exception {
            NodeConfig config = NodeConfig.load(writeConfig("CSAC", "CSAC", "Expired", dir.resolve("CSAC")));

            assertThatThrownBy(() -> NodeApp.create(config))
                    .isInstanceOf(NodeStartException.class)
                    .hasMessageStartingWith("node CSAC cannot start: the TLS certificate in " + dir.resolve("CSAC")
                            + " expired at ");
        }

        @Test
        void stops_cleanly_and_only_once() throws Exception {
            Path c = pki.issue("110699", PeerEndpoint.parse("127.0.0.1:7447"));
            Path file = pki.writeConsortium("consortium-c.json", List.of(
                    TestPki.member(c, InstitutionKind.CSU, "Node C", PeerEndpoint.parse("127.0.0.1:7447"))));
            List<String> events = new CopyOnWriteArrayList<>();
            NodeEventListener recorder = new NodeEventListener() {
                @Override
                public void nodeStarted(InstitutionId institution, InetSocketAddress peer, InetSocketAddress admin) {
                    events.add("started " + institution);
                }

                @Override
                public void nodeStopped(InstitutionId institution) {
                    events.add("stopped " + institution);
                }
            };
            NodeApp node = NodeApp.create(NodeConfig.load(writeConfig("110699", "CSU", "Node C", c, file)),
                    List.of(recorder)).start();

            node.close();
            node.close();
            node.awaitTermination();

            assertThat(events).containsExactly("started 110699", "stopped 110699");
            assertThatThrownBy(node::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("node 110699 is closed; it can be started once");
        }
    }

    private ChannelCredentials credentialsOf(String id) {
        return MutualTls.channelCredentials(InstitutionCredentials.load(dir.resolve(id)), memberB);
    }

    private <T> T callB(ChannelCredentials credentials, Function<ManagedChannel, T> call) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", nodeB.peerAddress().getPort(),
                credentials).build();
        try {
            return call.apply(channel);
        } finally {
            channel.shutdownNow();
        }
    }

    private StatusRuntimeException healthFails(ChannelCredentials credentials) {
        try {
            HealthCheckResponse response = callB(credentials, channel -> HealthGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()));
            throw new AssertionError("health check succeeded: " + response);
        } catch (StatusRuntimeException e) {
            return e;
        }
    }

    private static <T> T admin(NodeApp node, Function<NodeAdminGrpc.NodeAdminBlockingStub, T> call) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", node.adminAddress().getPort(),
                InsecureChannelCredentials.create()).build();
        try {
            return call.apply(NodeAdminGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS));
        } finally {
            channel.shutdownNow();
        }
    }

    private static List<String> listServices(ManagedChannel channel) {
        CompletableFuture<List<String>> services = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        services.complete(response.getListServicesResponse().getServiceList().stream()
                                .map(ServiceResponse::getName).toList());
                    }

                    @Override
                    public void onError(Throwable error) {
                        services.completeExceptionally(error);
                    }

                    @Override
                    public void onCompleted() {
                        services.completeExceptionally(new AssertionError("no reflection response"));
                    }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        try {
            return services.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("reflection failed", e);
        } finally {
            requests.onCompleted();
        }
    }

    private Path writeConfig(String id, String kind, String name, Path pkiDir) throws Exception {
        return writeConfig(id, kind, name, pkiDir, consortiumFile);
    }

    private Path writeConfig(String id, String kind, String name, Path pkiDir, Path consortium) throws Exception {
        Path nodeDir = Files.createDirectories(dir.resolve("nodes").resolve(id + "-" + System.nanoTime()));
        Path file = nodeDir.resolve("node.yaml");
        Files.writeString(file, """
                institution:
                  id: "%s"
                  kind: %s
                  name: %s
                dataDir: data
                peer:
                  host: 127.0.0.1
                  port: 0
                admin:
                  port: 0
                pki:
                  dir: %s
                consortium:
                  file: %s
                  caCertificate: %s
                store:
                  dataKeyFile: data/data.key
                """.formatted(id, kind, name, pkiDir, consortium, pki.caCertificateFile()));
        return file;
    }
}
