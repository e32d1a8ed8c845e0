package org.baton.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.baton.node.config.NodeConfig;
import org.baton.node.portal.PortalClient;
import org.baton.node.portal.PortalHarness;
import org.baton.node.portal.PortalServer;
import org.baton.node.store.Column;
import org.baton.node.store.DataKey;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoreConfig;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.GetStatusRequest;
import org.baton.proto.v1.IssueAccountRequest;
import org.baton.proto.v1.IssueAccountResponse;
import org.baton.proto.v1.LocalId;
import org.baton.proto.v1.NodeAdminGrpc;
import org.baton.proto.v1.PersonName;
import org.baton.proto.v1.PortalRole;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.baton.trust.InstitutionId;
import org.baton.trust.InstitutionKind;
import org.baton.trust.PeerEndpoint;
import org.baton.trust.testing.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node started from a YAML config with a portal section serves its portal over HTTPS with the institution's
 * certificate; accounts are issued over the admin service and signed in to over HTTPS.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodePortalIT {

    private static final String ID = "19647330000000";

    @TempDir
    static Path dir;

    private final List<String> events = new CopyOnWriteArrayList<>();
    private TestPki pki;
    private NodeApp node;
    private StudentId ana;

    @BeforeAll
    void startNode() throws Exception {
        pki = TestPki.create(dir.resolve("pki"), "Test Consortium CA");
        Path credentials = pki.issue(ID, PeerEndpoint.parse("127.0.0.1:7443"));
        Path consortium = pki.writeConsortium("consortium.json", List.of(TestPki.member(credentials,
                InstitutionKind.K12_DISTRICT, "Sierra Unified", PeerEndpoint.parse("127.0.0.1:7443"))));
        Path nodeDir = Files.createDirectories(dir.resolve("node"));
        Path file = nodeDir.resolve("node.yaml");
        Files.writeString(file, """
                institution:
                  id: "%s"
                  kind: K12_DISTRICT
                  name: Sierra Unified
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
                portal:
                  host: 127.0.0.1
                  port: 0
                """.formatted(ID, credentials, consortium, pki.caCertificateFile()));
        NodeConfig config = NodeConfig.load(file);
        ana = importStudent(config);
        NodeEventListener recorder = new NodeEventListener() {
            @Override
            public void nodeStarted(InstitutionId institution, InetSocketAddress peer, InetSocketAddress admin,
                    Optional<InetSocketAddress> portal) {
                events.add("started " + institution + " portal " + portal.map(InetSocketAddress::getPort).orElse(-1));
            }
        };
        node = NodeApp.create(config, List.of(recorder)).start();
    }

    /** A student in the node's store before it starts, as the importer leaves it. */
    private static StudentId importStudent(NodeConfig config) throws Exception {
        Files.createDirectories(config.dataDir());
        StoreConfig storeConfig = StoreConfig.of(config.dataDir().resolve("store"),
                DataKey.loadOrCreate(config.store().dataKeyFile()))
                .withColumns(PortalServer.storeColumns().toArray(new Column<?, ?>[0]));
        try (RecordStore store = RecordStore.open(storeConfig)) {
            return store.writeStudents(List.of(StudentRecord.newBuilder().setStudent(Student.newBuilder()
                    .setSsid("1234567890")
                    .addLocalIds(LocalId.newBuilder().setIssuer(ID).setValue("S-1"))
                    .setLegalName(PersonName.newBuilder().setFirst("Ana").setLast("Martínez"))
                    .setBirthDate("2007-09-01").setGradeLevel(12)).build())).get(0);
        }
    }

    @AfterAll
    void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Nested
    class Serving {

        @Test
        void reports_the_portal_in_the_started_event_and_the_admin_status() {
            int port = node.portalAddress().orElseThrow().getPort();

            assertThat(port).isPositive();
            assertThat(events).containsExactly("started " + ID + " portal " + port);
            assertThat(admin(stub -> stub.getStatus(GetStatusRequest.getDefaultInstance())).getPortalUrl())
                    .isEqualTo("https://127.0.0.1:" + port + "/");
        }

        @Test
        void lets_an_issued_student_activate_and_sign_in_over_https() throws Exception {
            IssueAccountResponse issued = admin(stub -> stub.issueAccount(IssueAccountRequest.newBuilder()
                    .setRole(PortalRole.PORTAL_ROLE_STUDENT).setDisplayName("Ana").addStudentIds(ana.value())
                    .build()));
            assertThat(issued.getActivationCode()).matches("[A-Z0-9]{4}(-[A-Z0-9]{4}){3}");

            PortalClient client = new PortalClient(node.portalAddress().orElseThrow().getPort(), trustingTheCa());
            client.get("/activate");
            PortalClient.Response activated = client.post("/activate", Map.of("code", issued.getActivationCode(),
                    "username", "ana.m", "password", PortalHarness.PASSWORD,
                    "confirmation", PortalHarness.PASSWORD));
            assertThat(activated.status()).isEqualTo(303);
            assertThat(activated.location()).isEqualTo("/sign-in?notice=activated");

            client.get("/sign-in");
            PortalClient.Response signedIn = client.post("/sign-in", Map.of("username", "ana.m",
                    "password", PortalHarness.PASSWORD));
            assertThat(signedIn.status()).isEqualTo(303);
            PortalClient.Response records = client.get("/students/" + ana + "/records");
            assertThat(records.status()).isEqualTo(200);
            assertThat(records.body()).contains("Records of Ana Martínez");

            PortalClient.Response consent = client.get("/students/" + ana + "/consent");
            assertThat(consent.status()).isEqualTo(503);
            assertThat(consent.body()).contains("Consent is not available on this node yet.");
            PortalClient.Response log = client.get("/students/" + ana + "/access-log", Map.of("Accept-Language", "es"));
            assertThat(log.status()).isEqualTo(503);
            assertThat(log.body()).contains("El consentimiento aún no está disponible en este nodo.");
            assertThat(client.post("/students/" + ana + "/consent", Map.of("purpose", "PURPOSE_ADMISSION")).status())
                    .isEqualTo(503);
        }

        private SSLContext trustingTheCa() throws Exception {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", pki.ca().certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls;
        }
    }

    @Nested
    class Issuing_an_account_refuses {

        @Test
        void an_unset_role() {
            assertRefused(IssueAccountRequest.newBuilder().setDisplayName("Someone").build(),
                    Status.Code.INVALID_ARGUMENT,
                    "role is not set (one of student, guardian, counselor, registrar, admin, auditor)");
        }

        @Test
        void a_student_that_is_not_in_the_store() {
            assertRefused(IssueAccountRequest.newBuilder().setRole(PortalRole.PORTAL_ROLE_GUARDIAN)
                            .setDisplayName("Rosa").addStudentIds(ana.value() + 1000).build(),
                    Status.Code.NOT_FOUND, "student " + (ana.value() + 1000) + " is not in this node's store");
        }

        @Test
        void a_student_account_without_its_student() {
            assertRefused(IssueAccountRequest.newBuilder().setRole(PortalRole.PORTAL_ROLE_STUDENT)
                            .setDisplayName("Ana").build(),
                    Status.Code.INVALID_ARGUMENT, "a student account links exactly one student record, not 0");
        }

        private void assertRefused(IssueAccountRequest request, Status.Code code, String description) {
            assertThatThrownBy(() -> admin(stub -> stub.issueAccount(request)))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(code);
                        assertThat(e.getStatus().getDescription()).isEqualTo(description);
                    });
        }
    }

    private <T> T admin(Function<NodeAdminGrpc.NodeAdminBlockingStub, T> call) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", node.adminAddress().getPort(),
                InsecureChannelCredentials.create()).build();
        try {
            return call.apply(NodeAdminGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS));
        } finally {
            channel.shutdownNow();
        }
    }
}
