package org.baton.node;

import io.grpc.BindableService;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.baton.node.config.NodeConfig;

/**
 * The node admin server for the {@code baton} command line on the same machine: plaintext, and bound to
 * 127.0.0.1 whatever the configuration says, so it is never reachable from another machine.
 */
final class AdminServer {

    /** Admin requests are small (a status query, an account to issue): gRPC's default, stated. */
    static final int MAX_MESSAGE_BYTES = 4 << 20;

    private final Server server;

    AdminServer(NodeConfig.Admin config, BindableService adminService) {
        this.server = NettyServerBuilder
                .forAddress(new InetSocketAddress(NodeConfig.Admin.HOST, config.port()),
                        InsecureServerCredentials.create())
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .addService(adminService)
                .addService(ProtoReflectionServiceV1.newInstance())
                .build();
    }

    void start() throws IOException {
        server.start();
    }

    InetSocketAddress address() {
        return Servers.boundAddress(server);
    }

    void stop(Duration grace) {
        Servers.stop(server, grace);
    }
}
