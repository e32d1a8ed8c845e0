package org.baton.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

    @Test
    void gives_distinct_ports_a_server_can_bind() throws Exception {
        int[] ports = LoopbackPorts.free(64);

        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(64);
        try (ServerSocket server = new ServerSocket(ports[0], 1, InetAddress.getLoopbackAddress())) {
            assertThat(server.getLocalPort()).isEqualTo(ports[0]);
        }
    }

    @Test
    void chooses_below_the_ephemeral_range_where_outgoing_connections_take_their_ports() throws Exception {
        int[] ports = LoopbackPorts.free(16);

        int ephemeral = LoopbackPorts.ephemeralStart();
        assertThat(ephemeral).isGreaterThan(LoopbackPorts.LOWEST);
        assertThat(Arrays.stream(ports).boxed())
                .allSatisfy(port -> assertThat(port).isBetween(LoopbackPorts.LOWEST, ephemeral - 1));
    }

    @Test
    void lets_the_kernel_choose_where_the_ephemeral_range_leaves_no_room_below_it() throws Exception {
        int[] ports = LoopbackPorts.free(8, 1024);

        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(8);
        assertThat(Arrays.stream(ports).boxed()).allSatisfy(port -> assertThat(port).isBetween(1, 65_535));
        try (ServerSocket server = new ServerSocket(ports[0], 1, InetAddress.getLoopbackAddress())) {
            assertThat(server.getLocalPort()).isEqualTo(ports[0]);
        }
    }

    @Test
    void never_hands_out_a_port_twice_even_after_it_is_free_again() throws Exception {
        Set<Integer> seen = new HashSet<>();
        for (int round = 0; round < 20; round++) {
            for (int port : LoopbackPorts.free(8)) {
                assertThat(seen.add(port)).as("port %d handed out again", port).isTrue();
            }
        }
    }

    @Test
    void skips_a_port_another_server_holds() throws Exception {
        int[] first = LoopbackPorts.free(1);
        try (ServerSocket holder = new ServerSocket(first[0] + 1, 1, InetAddress.getLoopbackAddress())) {
            for (int round = 0; round < 50; round++) {
                assertThat(LoopbackPorts.free(4)).doesNotContain(holder.getLocalPort());
            }
        } catch (java.net.BindException alreadyTaken) {
            // The neighbouring port was taken by someone else: nothing to hold.
        }
    }
}
