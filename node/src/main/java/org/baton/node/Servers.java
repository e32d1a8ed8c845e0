package org.baton.node;

import io.grpc.Server;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Lifecycle helpers shared by the node's gRPC servers. */
final class Servers {

    private Servers() {
    }

    /** Stops accepting calls, lets running calls finish for up to {@code grace}, then cancels the rest. */
    static void stop(Server server, Duration grace) {
        server.shutdown();
        try {
            if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                server.shutdownNow();
                server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** The address the server is bound to (its first listen socket). */
    static InetSocketAddress boundAddress(Server server) {
        for (SocketAddress address : server.getListenSockets()) {
            if (address instanceof InetSocketAddress inet) {
                return inet;
            }
        }
        throw new IllegalStateException("server has no TCP listen socket");
    }
}
