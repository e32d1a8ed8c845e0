package org.baton.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for the servers a benchmark or a test cluster starts on one machine, chosen before the servers
 * bind them (their certificates and the consortium file name them first).
 *
 * <p>The ports come from below the kernel's range for ephemeral ports. A port from that range, free when chosen, can
 * be taken before its server binds it: the kernel gives every outgoing connection on the machine a local port from
 * that range, a node's own connection to the ledger included, and a test run lost a node that way ("Failed to bind
 * to address"). Below the range only a process that binds that very port can take it.
 */
public final class LoopbackPorts {

    /** The lowest port handed out, well above the ports services usually claim. */
    static final int LOWEST = 20_000;
    /** The fewest ports below the ephemeral range worth choosing from. */
    private static final int MIN_SPAN = 1_000;
    /** Where Linux's ephemeral range starts by default, if {@code /proc} does not say. */
    private static final int DEFAULT_EPHEMERAL_START = 32_768;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Ports handed out in this JVM: a server may not have bound one yet, so a later probe would find it free. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private LoopbackPorts() {
    }

    /**
     * {@code count} distinct ports free on the loopback address now and not handed out before in this JVM, below the
     * ephemeral range. Every probing socket stays open until all are chosen, and the search starts at a random
     * port, so that two processes choosing at once rarely meet. Where the ephemeral range starts too low to leave
     * room below it, the kernel chooses, as it would for any server asking for port 0.
     *
     * @throws IOException if fewer than {@code count} such ports are free
     */
    public static int[] free(int count) throws IOException {
        return free(count, ephemeralStart());
    }

    /** {@link #free(int)} with the ephemeral range starting at {@code ephemeralStart}. */
    static int[] free(int count, int ephemeralStart) throws IOException {
        int highest = ephemeralStart - 1;
        int span = highest - LOWEST + 1;
        if (span < MIN_SPAN) {
            return fromKernel(count);
        }
        int start = ThreadLocalRandom.current().nextInt(span);
        List<ServerSocket> probes = new ArrayList<>(count);
        int[] ports = new int[count];
        int found = 0;
        try {
            for (int i = 0; i < span && found < count; i++) {
                int port = LOWEST + (start + i) % span;
                if (HANDED_OUT.contains(port)) {
                    continue;
                }
                ServerSocket probe = bound(port);
                if (probe != null) {
                    probes.add(probe);
                    ports[found++] = port;
                }
            }
            if (found < count) {
                throw new IOException("only " + found + " of " + count + " loopback ports are free in " + LOWEST
                        + ".." + highest);
            }
            // Marked while still held, so that another thread of this JVM cannot find them free in between.
            for (int port : ports) {
                HANDED_OUT.add(port);
            }
            return ports;
        } finally {
            for (ServerSocket probe : probes) {
                probe.close();
            }
        }
    }

    /** {@code count} ports the kernel picks from its ephemeral range, none handed out before in this JVM. */
    private static int[] fromKernel(int count) throws IOException {
        List<ServerSocket> probes = new ArrayList<>(count);
        int[] ports = new int[count];
        try {
            for (int found = 0; found < count; ) {
                ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                probes.add(probe);
                if (HANDED_OUT.add(probe.getLocalPort())) {
                    ports[found++] = probe.getLocalPort();
                }
            }
            return ports;
        } finally {
            for (ServerSocket probe : probes) {
                probe.close();
            }
        }
    }

    /** A socket bound to {@code port} as a server binds it (reusing the address), or null if the port is taken. */
    private static ServerSocket bound(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return socket;
        } catch (IOException e) {
            socket.close();
            return null;
        }
    }

    /**
     * The first port of the kernel's ephemeral range: from {@code /proc} on Linux, else Linux's default. Read by lines:
     * {@code Files.readAllBytes} trusts the size {@code /proc} reports and returned one byte of the file here.
     */
    static int ephemeralStart() {
        try {
            String[] range = String.join(" ", Files.readAllLines(EPHEMERAL_RANGE)).trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_START;
        }
    }
}
