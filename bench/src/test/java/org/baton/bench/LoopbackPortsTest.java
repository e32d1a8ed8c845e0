package org.baton.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

    @Test
    void gives_distinct_ports_a_server_can_bind() throws Exception {
        int[] ports = LoopbackPorts.free(64);

        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(64);
        assertThat(Arrays.stream(ports).boxed()).allSatisfy(port -> assertThat(port).isBetween(1, 65_535));
        try (ServerSocket server = new ServerSocket(ports[0], 1, InetAddress.getLoopbackAddress())) {
            assertThat(server.getLocalPort()).isEqualTo(ports[0]);
        }
    }
}
