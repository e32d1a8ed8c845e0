package org.baton.node;

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.baton.node.config.NodeConfig;
import org.baton.node.exchange.ExchangeModule;
import org.baton.trust.MutualTls;
import org.baton.trust.PeerAuthenticationListener;

/**
 * The node's peer server: mutual TLS only (no plaintext listener exists), every call — health and reflection
 * included — authenticated against the consortium file by the trust layer's interceptor. It serves gRPC health
 * checking, server reflection (so {@code grpcurl} with a member's client certificate can list services) and the
 * peer services the composition root hands it.
 */
final class PeerServer {

    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** Peer calls carry only a deadline and gRPC's own headers. */
    static final int MAX_METADATA_BYTES = 8 * 1024;

    private final Server server;
    private final HealthStatusManager health;
    private final List<ServerServiceDefinition> services;

    PeerServer(NodeConfig.Peer config, NodeTrust trust, NodeEvents events, List<ServerServiceDefinition> services) {
        this.health = new HealthStatusManager();
        this.services = List.copyOf(services);
        PeerAuthenticationListener listener = events.peerAuthentication();
        NettyServerBuilder builder = NettyServerBuilder
                .forAddress(new InetSocketAddress(config.host(), config.port()),
                        MutualTls.serverCredentials(trust.credentials(), listener))
                .handshakeTimeout(HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                // The peer client sends packages up to this size; gRPC's 4 MiB default would refuse large pushes.
                .maxInboundMessageSize(ExchangeModule.MAX_MESSAGE_BYTES)
                .maxInboundMetadataSize(MAX_METADATA_BYTES)
                .intercept(MutualTls.authenticator(trust.consortium(), listener))
                .addTransportFilter(MutualTls.connectionObserver(trust.consortium(), listener))
                .addService(health.getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance())
                .addService(legacyReflection());
        this.services.forEach(builder::addService);
        this.server = builder.build();
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.NOT_SERVING);
    }

    /** grpc.reflection.v1alpha, for clients (older grpcurl) that do not speak v1 yet. */
    @SuppressWarnings("deprecation")
    private static io.grpc.BindableService legacyReflection() {
        return io.grpc.protobuf.services.ProtoReflectionService.newInstance();
    }

    void start() throws IOException {
        server.start();
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
        for (ServerServiceDefinition service : services) {
            health.setStatus(service.getServiceDescriptor().getName(), ServingStatus.SERVING);
        }
    }

    InetSocketAddress address() {
        return Servers.boundAddress(server);
    }

    /** Reports NOT_SERVING to health watchers, then stops. */
    void stop(Duration grace) {
        health.enterTerminalState();
        Servers.stop(server, grace);
    }
}
