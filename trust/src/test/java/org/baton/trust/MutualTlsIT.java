package org.baton.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.CallOptions;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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

/** A real peer server on 127.0.0.1 with mutual TLS and the peer authenticator, called by real clients. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MutualTlsIT {

    private static final PeerEndpoint LOOPBACK = PeerEndpoint.parse("127.0.0.1:7443");
    private static final MethodDescriptor.Marshaller<String> UTF8 = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    private static final MethodDescriptor<String, String> WHO_AM_I = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("baton.test.Probe/WhoAmI")
            .setRequestMarshaller(UTF8)
            .setResponseMarshaller(UTF8)
            .build();

    @TempDir
    static Path dir;

    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private final List<InstitutionId> connections = new CopyOnWriteArrayList<>();
    private Consortium consortium;
    private InstitutionCredentials server;
    private Member serverMember;
    private Path client;
    private Path expired;
    private Path outsider;
    private Path foreign;
    private Server peerServer;
    private int port;

    @BeforeAll
    void start() throws Exception {
        TestPki pki = TestPki.create(dir, "Test CA");
        client = pki.issue("110635", LOOPBACK);
        Path serverDir = pki.issue("110644", LOOPBACK);
        Instant now = Instant.now();
        expired = pki.issue("CSAC", LOOPBACK, new Validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))),
                "CSAC");
        outsider = pki.issue("110680", LOOPBACK);
        foreign = TestPki.create(dir.resolve("foreign"), "Foreign CA").issue("110635", LOOPBACK);

        serverMember = TestPki.member(serverDir, InstitutionKind.UC, "Server U", PeerEndpoint.parse("127.0.0.1:2"));
        consortium = Consortium.load(pki.writeConsortium("consortium.json", List.of(
                TestPki.member(client, InstitutionKind.UC, "Client U", PeerEndpoint.parse("127.0.0.1:1")),
                serverMember,
                TestPki.member(expired, InstitutionKind.CSAC, "Expired", PeerEndpoint.parse("127.0.0.1:3")))),
                pki.ca().certificate());
        server = InstitutionCredentials.load(serverDir);

        PeerAuthenticationListener listener = new PeerAuthenticationListener() {
            @Override
            public void peerConnected(Member member, SocketAddress remoteAddress) {
                connections.add(member.id());
            }

            @Override
            public void peerRefused(Optional<SocketAddress> remoteAddress, String reason) {
                refusals.add(reason);
            }
        };
        ServerServiceDefinition probe = ServerServiceDefinition.builder("baton.test.Probe")
                .addMethod(WHO_AM_I, ServerCalls.asyncUnaryCall((request, response) -> {
                    response.onNext(PeerIdentity.current().value());
                    response.onCompleted();
                }))
                .build();
        peerServer = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0),
                        MutualTls.serverCredentials(server, listener))
                .addService(ServerInterceptors.intercept(probe, MutualTls.authenticator(consortium, listener)))
                .addTransportFilter(MutualTls.connectionObserver(consortium, listener))
                .build()
                .start();
        port = peerServer.getPort();
    }

    @AfterAll
    void stop() throws InterruptedException {
        peerServer.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void clearEvents() {
        refusals.clear();
        connections.clear();
    }

    @Nested
    class Accepted {

        @Test
        void a_member_with_a_valid_certificate_is_seen_as_its_institution() {
            assertThat(call(MutualTls.channelCredentials(InstitutionCredentials.load(client), serverMember)))
                    .isEqualTo("110635");
            assertThat(connections).containsExactly(InstitutionId.of("110635"));
            assertThat(refusals).isEmpty();
        }

        @Test
        void every_call_of_a_member_is_seen_as_its_institution_also_once_its_certificate_is_remembered() {
            ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port,
                    MutualTls.channelCredentials(InstitutionCredentials.load(client), serverMember)).build();
            List<String> answers = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    answers.add(ClientCalls.blockingUnaryCall(channel, WHO_AM_I,
                            CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), ""));
                }
            } finally {
                channel.shutdownNow();
            }

            assertThat(answers).containsExactly("110635", "110635", "110635");
            assertThat(refusals).isEmpty();
        }

        @Test
        void an_outsider_is_refused_on_every_call_not_only_the_first() {
            StatusRuntimeException first = callFails(
                    MutualTls.channelCredentials(InstitutionCredentials.load(outsider), serverMember));
            StatusRuntimeException second = callFails(
                    MutualTls.channelCredentials(InstitutionCredentials.load(outsider), serverMember));

            assertThat(List.of(first.getStatus().getCode(), second.getStatus().getCode()))
                    .containsExactly(Status.Code.PERMISSION_DENIED, Status.Code.PERMISSION_DENIED);
            assertThat(second.getStatus().getDescription()).endsWith(
                    " is not listed in consortium file 'Test Consortium' version 1");
            assertThat(refusals).hasSize(2);
        }
    }

    @Nested
    class Refused {

        @Test
        void a_certificate_from_another_ca() throws Exception {
            // A client that trusts our CA but presents a certificate for a member's id from a CA of its own.
            InstitutionCredentials foreignCredentials = InstitutionCredentials.load(foreign);
            ChannelCredentials impostor = TlsChannelCredentials.newBuilder()
                    .keyManager(new AlwaysPresentKeyManager(foreignCredentials.tlsPrivateKey(),
                            foreignCredentials.tlsCertificate()))
                    .trustManager(dir.resolve("ca").resolve("ca.pem").toFile())
                    .build();

            StatusRuntimeException refused = callFails(impostor);

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(refusals).singleElement().asString()
                    .startsWith("TLS handshake refused: the client certificate CN=110635 (SHA-256 ")
                    .endsWith(" was not issued by the consortium CA CN=Test CA (issuer: CN=Foreign CA)");
        }

        @Test
        void an_expired_certificate() {
            StatusRuntimeException refused = callFails(
                    MutualTls.channelCredentials(InstitutionCredentials.load(expired), serverMember));

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(refusals).singleElement().asString()
                    .startsWith("TLS handshake refused: the client certificate CN=CSAC (SHA-256 ")
                    .contains(" expired at ");
        }

        @Test
        void an_institution_not_in_the_consortium_file() {
            StatusRuntimeException refused = callFails(
                    MutualTls.channelCredentials(InstitutionCredentials.load(outsider), serverMember));

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(refused.getStatus().getDescription())
                    .startsWith("the client certificate CN=110680 (SHA-256 ")
                    .endsWith(" is not listed in consortium file 'Test Consortium' version 1");
            assertThat(refusals).containsExactly(refused.getStatus().getDescription());
        }

        @Test
        void a_client_without_a_certificate() throws Exception {
            ChannelCredentials anonymous = TlsChannelCredentials.newBuilder()
                    .trustManager(new ServerCertificateTrustManager(
                            new ConsortiumTrust(server.caCertificate(), Clock.systemUTC()), serverMember))
                    .build();

            StatusRuntimeException refused = callFails(anonymous);

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        }

        @Test
        void a_plaintext_client() {
            StatusRuntimeException refused = callFails(InsecureChannelCredentials.create());

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        }
    }

    @Nested
    class ServerChecks {

        @Test
        void a_client_refuses_a_server_that_is_not_the_member_it_called() {
            Member expected = consortium.member(InstitutionId.of("110635")).orElseThrow();

            StatusRuntimeException refused = callFails(
                    MutualTls.channelCredentials(InstitutionCredentials.load(client), expected));

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(causes(refused)).anySatisfy(message -> assertThat(message)
                    .startsWith("the server certificate CN=110644 (SHA-256 ")
                    .endsWith(" is not the certificate the consortium file lists for institution 110635 (SHA-256 "
                            + expected.tlsCertificate().shortForm() + "…)"));
        }

        @Test
        void a_client_refuses_a_server_certificate_that_does_not_name_the_host_dialled() {
            ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port,
                            MutualTls.channelCredentials(InstitutionCredentials.load(client), serverMember))
                    .overrideAuthority("elsewhere.example")
                    .build();
            try {
                assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, WHO_AM_I,
                        CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), ""))
                        .isInstanceOfSatisfying(StatusRuntimeException.class, refused -> {
                            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                            assertThat(causes(refused)).anySatisfy(message -> assertThat(message)
                                    .contains("No subject alternative DNS name matching elsewhere.example found"));
                        });
            } finally {
                channel.shutdownNow();
            }
        }

        @Test
        void peer_identity_is_unavailable_outside_an_authenticated_call() {
            assertThatThrownBy(PeerIdentity::current)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("no authenticated peer in this gRPC context: the service must be registered on a "
                            + "server intercepted by MutualTls.authenticator");
        }
    }

    private String call(ChannelCredentials credentials) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port, credentials).build();
        try {
            return ClientCalls.blockingUnaryCall(channel, WHO_AM_I,
                    CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), "");
        } finally {
            channel.shutdownNow();
        }
    }

    private StatusRuntimeException callFails(ChannelCredentials credentials) {
        try {
            String answer = call(credentials);
            throw new AssertionError("call succeeded as " + answer);
        } catch (StatusRuntimeException e) {
            return e;
        }
    }

    private static List<String> causes(Throwable throwable) {
        List<String> messages = new java.util.ArrayList<>();
        for (Throwable t = throwable; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return messages;
    }
}
