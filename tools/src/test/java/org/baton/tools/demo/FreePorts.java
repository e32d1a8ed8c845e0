package org.baton.tools.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Port plans for tests that run the demo: a random base in 20000..32690 whose ports are all free now. The plan stays
 * below Linux's ephemeral range (32768 and up), where a client connection of any process could take one of its
 * ports (and hold it while the connection closes) between the plan and the check that every port is free again.
 */
final class FreePorts {

    private FreePorts() {
    }

    static DemoPorts plan() {
        for (int attempt = 0; attempt < 50; attempt++) {
            DemoPorts ports = new DemoPorts(20000 + 10 * ThreadLocalRandom.current().nextInt(1270));
            if (allFree(ports)) {
                return ports;
            }
        }
        throw new IllegalStateException("no free run of " + (DemoPorts.SPAN + 1) + " ports found");
    }

    /** Whether every port of the plan can be bound on 127.0.0.1 now. */
    static boolean allFree(DemoPorts ports) {
        for (int port = ports.base(); port <= ports.base() + DemoPorts.SPAN; port++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
