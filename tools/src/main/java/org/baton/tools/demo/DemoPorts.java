package org.baton.tools.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's fixed port plan, all on 127.0.0.1, from a base port B (default {@value #DEFAULT_BASE}): the ledger on B;
 * the node in slot s (1-5) has its peer server on B+10s, its admin server on B+10s+1 and its portal on B+10s+2.
 * The whole plan spans B .. B+{@value #SPAN}.
 *
 * @param base the first port of the plan
 */
record DemoPorts(int base) {

    static final int DEFAULT_BASE = 7700;
    static final int SPAN = 59;

    DemoPorts {
        if (base < 1024 || base + SPAN > 65535) {
            throw new IllegalArgumentException("--base-port " + base + " is outside 1024.." + (65535 - SPAN)
                    + " (the demo uses ports " + "BASE..BASE+" + SPAN + ")");
        }
    }

    int ledger() {
        return base;
    }

    int peer(DemoInstitution institution) {
        return base + 10 * slot(institution);
    }

    int admin(DemoInstitution institution) {
        return base + 10 * slot(institution) + 1;
    }

    int portal(DemoInstitution institution) {
        return base + 10 * slot(institution) + 2;
    }

    private static int slot(DemoInstitution institution) {
        if (institution.slot() < 1) {
            throw new IllegalArgumentException(institution.name() + " runs no node");
        }
        return institution.slot();
    }

    /**
     * Checks that every port the demo will bind is free on 127.0.0.1.
     *
     * @throws DemoException naming each taken port and what the demo wanted it for
     */
    void requireFree() {
        List<String> taken = new ArrayList<>();
        check(ledger(), "the ledger", taken);
        for (DemoInstitution node : DemoInstitution.NODES) {
            check(peer(node), node.name() + " peer server", taken);
            check(admin(node), node.name() + " admin server", taken);
            check(portal(node), node.name() + " portal", taken);
        }
        if (!taken.isEmpty()) {
            throw new DemoException("ports in use: " + String.join(", ", taken) + ". Stop whatever uses them (an "
                    + "earlier `baton demo` still running?) or move the demo with --base-port (it uses " + base
                    + ".." + (base + SPAN) + ")");
        }
    }

    private static void check(int port, String purpose, List<String> taken) {
        try (ServerSocket socket = new ServerSocket()) {
            // As the servers bind (SO_REUSEADDR): connections of an earlier run in TIME_WAIT do not block them.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            taken.add(port + " (" + purpose + ")");
        }
    }
}
