package org.baton.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.baton.trust.InstitutionId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FabricNetworkFileTest {

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("network.properties"), text);
    }

    private static final String NETWORK = """
            chaincode.name=baton
            channels=baton1,baton2
            members=19647330000000,CSAC
            peer.19647330000000.endpoint=127.0.0.1:27060
            peer.19647330000000.tlsCaCert=/n/peer-tls-ca.pem
            peer.19647330000000.tlsServerName=peer0.19647330000000.baton.local
            member.19647330000000.peer=19647330000000
            member.19647330000000.certPath=/n/district/cert.pem
            member.19647330000000.keyPath=/n/district/key.pem
            member.CSAC.peer=19647330000000
            member.CSAC.certPath=/n/csac/cert.pem
            member.CSAC.keyPath=/n/csac/key.pem
            """;

    @Test
    void gives_a_member_without_a_peer_the_gateway_of_the_peer_it_names() throws IOException {
        FabricNetworkFile network = FabricNetworkFile.read(write(NETWORK));

        FabricLedgerConfig config = network.config(InstitutionId.of("CSAC"), "baton2",
                FabricLedgerConfig.Timeouts.DEFAULT);

        assertThat(config).isEqualTo(new FabricLedgerConfig(InstitutionId.of("CSAC"), "baton2", "baton", "127.0.0.1",
                27060, Path.of("/n/peer-tls-ca.pem"), Optional.of("peer0.19647330000000.baton.local"),
                Path.of("/n/csac/cert.pem"), Path.of("/n/csac/key.pem"), FabricLedgerConfig.Timeouts.DEFAULT));
        assertThat(network.channels()).containsExactly("baton1", "baton2");
        assertThat(network.members()).containsExactly(InstitutionId.of("19647330000000"), InstitutionId.of("CSAC"));
    }

    @Test
    void names_the_file_and_the_key_it_lacks() throws IOException {
        Path file = write(NETWORK.replace("member.CSAC.keyPath=/n/csac/key.pem\n", ""));
        FabricNetworkFile network = FabricNetworkFile.read(file);

        assertThatThrownBy(() -> network.config(InstitutionId.of("CSAC"), "baton1", FabricLedgerConfig.Timeouts.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + " has no member.CSAC.keyPath");
    }

    @Test
    void refuses_an_endpoint_without_a_port() throws IOException {
        FabricNetworkFile network = FabricNetworkFile.read(write(NETWORK.replace("127.0.0.1:27060", "peer0")));

        assertThatThrownBy(() -> network.config(InstitutionId.of("CSAC"), "baton1", FabricLedgerConfig.Timeouts.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("peer.19647330000000.endpoint 'peer0' is not host:port");
    }

    @Test
    void says_which_file_it_cannot_read() {
        Path missing = dir.resolve("none.properties");

        assertThatThrownBy(() -> FabricNetworkFile.read(missing))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot read the Fabric network file " + missing);
    }
}
