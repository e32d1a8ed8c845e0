package org.baton.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DemoPortsTest {

    @Nested
    class Plan {

        @Test
        void puts_the_ledger_on_the_base_and_each_node_ten_ports_apart() {
            DemoPorts ports = new DemoPorts(7700);

            assertThat(ports.ledger()).isEqualTo(7700);
            assertThat(ports.peer(DemoInstitution.DISTRICT)).isEqualTo(7710);
            assertThat(ports.admin(DemoInstitution.DISTRICT)).isEqualTo(7711);
            assertThat(ports.portal(DemoInstitution.DISTRICT)).isEqualTo(7712);
            assertThat(ports.peer(DemoInstitution.CSAC)).isEqualTo(7750);
            assertThat(ports.portal(DemoInstitution.CSAC)).isLessThanOrEqualTo(7700 + DemoPorts.SPAN);
        }

        @Test
        void refuses_a_base_port_whose_plan_does_not_fit() {
            assertThatThrownBy(() -> new DemoPorts(65500))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("--base-port 65500 is outside 1024..65476 (the demo uses ports BASE..BASE+59)");
            assertThatThrownBy(() -> new DemoPorts(80))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("--base-port 80 is outside 1024..");
        }

        @Test
        void the_ledger_operator_has_no_node_ports() {
            assertThatThrownBy(() -> new DemoPorts(7700).peer(DemoInstitution.OPERATOR))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("California Department of Education (ledger operator) runs no node");
        }
    }

    @Nested
    class RequireFree {

        @Test
        void names_a_taken_port_and_what_it_was_for() throws IOException {
            try (ServerSocket taken = new ServerSocket()) {
                taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                int peerPort = taken.getLocalPort();
                DemoPorts ports = new DemoPorts(peerPort - 30);

                // Other ports of the plan may be taken too on a busy machine (it lies among the ephemeral ports).
                assertThatThrownBy(ports::requireFree)
                        .isInstanceOf(DemoException.class)
                        .hasMessageStartingWith("ports in use: ")
                        .hasMessageContaining(peerPort + " (UC Sierra peer server)")
                        .hasMessageContaining("--base-port");
            }
        }
    }
}
