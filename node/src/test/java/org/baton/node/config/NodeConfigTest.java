package org.baton.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.baton.node.quality.QualityOptions;
import org.baton.trust.InstitutionId;
import org.baton.trust.InstitutionKind;
import org.baton.trust.PeerEndpoint;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NodeConfigTest {

    private static final String SAMPLE = """
            institution:
              id: "110635"
              kind: UC
              name: University of California-Berkeley
            dataDir: data/110635
            peer:
              host: 0.0.0.0
              port: 7443
            admin:
              port: 7444
            pki:
              dir: pki/110635
            consortium:
              file: pki/consortium.json
              caCertificate: /etc/baton/ca.pem
            ledger:
              endpoint: 127.0.0.1:7600
            store:
              dataKeyFile: data/110635/data.key
            """;

    @TempDir
    Path dir;

    @Nested
    class Load {

        @Test
        void reads_every_key_and_resolves_relative_paths_against_the_file() throws Exception {
            NodeConfig config = NodeConfig.load(write(SAMPLE));

            assertThat(config.institution()).isEqualTo(new NodeConfig.Institution(InstitutionId.of("110635"),
                    InstitutionKind.UC, "University of California-Berkeley"));
            assertThat(config.dataDir()).isEqualTo(dir.resolve("data/110635"));
            assertThat(config.peer()).isEqualTo(new NodeConfig.Peer("0.0.0.0", 7443));
            assertThat(config.admin()).isEqualTo(new NodeConfig.Admin(7444));
            assertThat(config.pkiDir()).isEqualTo(dir.resolve("pki/110635"));
            assertThat(config.consortium()).isEqualTo(new NodeConfig.ConsortiumFiles(
                    dir.resolve("pki/consortium.json"), Path.of("/etc/baton/ca.pem")));
            assertThat(config.ledger()).contains(new NodeConfig.EmbeddedLedger(PeerEndpoint.parse("127.0.0.1:7600"),
                    InstitutionId.of("CDE")));
            assertThat(config.exchange()).isEqualTo(NodeConfig.Exchange.defaults());
            assertThat(config.store().dataKeyFile()).isEqualTo(dir.resolve("data/110635/data.key"));
        }

        @Test
        void leaves_the_ledger_out_when_not_configured() throws Exception {
            NodeConfig config = NodeConfig.load(write(SAMPLE.replace("ledger:\n  endpoint: 127.0.0.1:7600\n", "")));

            assertThat(config.ledger()).isEmpty();
        }

        @Test
        void reads_a_ledger_on_fabric() throws Exception {
            NodeConfig config = NodeConfig.load(write(SAMPLE.replace("ledger:\n  endpoint: 127.0.0.1:7600\n",
                    "ledger:\n  type: fabric\n  channel: baton\n  gateway: 127.0.0.1:27051\n"
                            + "  tlsCaCertificate: fabric/tls-ca.pem\n  tlsServerName: peer0.district.baton.test\n"
                            + "  clientCertificate: fabric/cert.pem\n  clientPrivateKey: fabric/key.pem\n")));

            assertThat(config.ledger()).contains(new NodeConfig.FabricLedger("baton", "baton",
                    PeerEndpoint.parse("127.0.0.1:27051"), dir.resolve("fabric/tls-ca.pem"),
                    Optional.of("peer0.district.baton.test"), dir.resolve("fabric/cert.pem"),
                    dir.resolve("fabric/key.pem")));
        }

        @Test
        void reads_back_the_fabric_section_it_writes() throws Exception {
            NodeConfig.FabricLedger written = new NodeConfig.FabricLedger("baton2", "baton",
                    PeerEndpoint.parse("127.0.0.1:27070"), dir.resolve("tls-ca.pem"), Optional.empty(),
                    dir.resolve("cert.pem"), dir.resolve("key.pem"));

            NodeConfig config = NodeConfig.load(write(SAMPLE.replace("ledger:\n  endpoint: 127.0.0.1:7600\n",
                    written.yaml())));

            assertThat(config.ledger()).contains(written);
            assertThat(written.config(InstitutionId.of("110662")).gatewayPort()).isEqualTo(27070);
        }

        @Test
        void refuses_an_unknown_ledger_type_and_embedded_keys_on_fabric() throws Exception {
            Path unknown = write(SAMPLE.replace("ledger:\n  endpoint: 127.0.0.1:7600\n", "ledger:\n  type: paper\n"));
            assertThatThrownBy(() -> NodeConfig.load(unknown)).isInstanceOf(NodeConfigException.class)
                    .hasMessageContaining("ledger.type").hasMessageContaining("'paper' is not embedded or fabric");

            Path mixed = write(SAMPLE.replace("ledger:\n  endpoint: 127.0.0.1:7600\n",
                    "ledger:\n  type: fabric\n  endpoint: 127.0.0.1:7600\n  channel: baton\n"));
            assertThatThrownBy(() -> NodeConfig.load(mixed)).isInstanceOf(NodeConfigException.class)
                    .hasMessageContaining("'ledger.endpoint': unknown key");
        }

        @Test
        void leaves_the_portal_out_when_not_configured() throws Exception {
            assertThat(NodeConfig.load(write(SAMPLE)).portal()).isEmpty();
        }

        @Test
        void reads_the_portal_section() throws Exception {
            NodeConfig config = NodeConfig.load(write(SAMPLE + "portal:\n  host: 127.0.0.1\n  port: 8443\n"));

            assertThat(config.portal()).contains(new NodeConfig.Portal("127.0.0.1", 8443));
        }

        @Test
        void reads_the_ledger_operator_and_exchange_tuning() throws Exception {
            NodeConfig config = NodeConfig.load(write(SAMPLE.replace("  endpoint: 127.0.0.1:7600\n",
                    "  endpoint: 127.0.0.1:7600\n  operator: CSAC\n")
                    + "exchange:\n  pullOnGrant: false\n  workers: 8\n  retryMaxMillis: 1000\n"));

            assertThat(config.ledger()).containsInstanceOf(NodeConfig.EmbeddedLedger.class);
            assertThat(((NodeConfig.EmbeddedLedger) config.ledger().orElseThrow()).operator())
                    .isEqualTo(InstitutionId.of("CSAC"));
            assertThat(config.exchange()).isEqualTo(new NodeConfig.Exchange(false, 8, 10_000, 200, 1000));
        }

        @Test
        void reads_the_data_quality_options_and_defaults_them() throws Exception {
            assertThat(NodeConfig.load(write(SAMPLE)).quality()).isEqualTo(QualityOptions.defaults());

            NodeConfig config = NodeConfig.load(write(SAMPLE + "dataQuality:\n  ssidCheckDigit: luhn\n"
                    + "  gpaTolerance: 0.1\n"));

            assertThat(config.quality()).isEqualTo(new QualityOptions(true, new java.math.BigDecimal("0.1")));
        }

        @Test
        void names_a_missing_file() {
            Path missing = dir.resolve("missing.yaml");

            assertThatThrownBy(() -> NodeConfig.load(missing))
                    .isInstanceOf(NodeConfigException.class)
                    .hasMessage("node config " + missing + ": file does not exist");
        }
    }

    @Nested
    class Refuses {

        @Test
        void an_unknown_key() throws Exception {
            assertRefused(SAMPLE.replace("  port: 7444", "  prot: 7444"),
                    "key 'admin.prot': unknown key (expected one of admin.port)");
        }

        @Test
        void an_unquoted_id_that_yaml_reads_as_a_number() throws Exception {
            assertRefused(SAMPLE.replace("id: \"110635\"", "id: 110635"),
                    "key 'institution.id': write the value in quotes (\"110635\"): unquoted, YAML reads it as a "
                            + "number, which drops leading zeros");
        }

        @Test
        void an_unknown_kind() throws Exception {
            assertRefused(SAMPLE.replace("kind: UC", "kind: PRIVATE"),
                    "key 'institution.kind': 'PRIVATE' is not one of K12_DISTRICT, COMMUNITY_COLLEGE, CSU, UC, CSAC, CDE");
        }

        @Test
        void an_id_of_the_wrong_form_for_the_kind() throws Exception {
            assertRefused(SAMPLE.replace("kind: UC", "kind: K12_DISTRICT"),
                    "key 'institution.id': '110635' is not valid for kind K12_DISTRICT: expected a 14-digit CDS code");
        }

        @Test
        void a_missing_section() throws Exception {
            assertRefused(SAMPLE.replace("pki:\n  dir: pki/110635\n", ""), "key 'pki': is missing");
        }

        @Test
        void a_port_out_of_range() throws Exception {
            assertRefused(SAMPLE.replace("port: 7443", "port: 70000"),
                    "key 'peer.port': '70000' is not a port number between 0 and 65535");
        }

        @Test
        void the_same_port_for_peer_and_admin() throws Exception {
            assertRefused(SAMPLE.replace("port: 7444", "port: 7443"), "key 'admin.port': is the same as peer.port (7443)");
        }

        @Test
        void a_bad_ledger_endpoint() throws Exception {
            assertRefused(SAMPLE.replace("endpoint: 127.0.0.1:7600", "endpoint: ledger"),
                    "key 'ledger.endpoint': endpoint 'ledger' is not host:port");
        }

        @Test
        void an_unknown_portal_key() throws Exception {
            assertRefused(SAMPLE + "portal:\n  host: 127.0.0.1\n  port: 8443\n  tls: off\n",
                    "key 'portal.tls': unknown key (expected one of portal.host, portal.port)");
        }

        @Test
        void a_portal_without_a_port() throws Exception {
            assertRefused(SAMPLE + "portal:\n  host: 127.0.0.1\n", "key 'portal.port': is missing");
        }

        @Test
        void a_portal_port_out_of_range() throws Exception {
            assertRefused(SAMPLE + "portal:\n  host: 127.0.0.1\n  port: -1\n",
                    "key 'portal.port': '-1' is not a port number between 0 and 65535");
        }

        @Test
        void a_portal_on_the_admin_port() throws Exception {
            assertRefused(SAMPLE + "portal:\n  host: 127.0.0.1\n  port: 7444\n",
                    "key 'portal.port': is the same as admin.port (7444)");
        }

        @Test
        void a_portal_section_that_is_not_a_mapping() throws Exception {
            assertRefused(SAMPLE + "portal: 8443\n", "key 'portal': must be a mapping");
        }

        @Test
        void exchange_tuning_out_of_range() throws Exception {
            assertRefused(SAMPLE + "exchange:\n  retryInitialMillis: 5000\n  retryMaxMillis: 1000\n",
                    "key 'exchange': retryInitialMillis 5000 is not between 1 and retryMaxMillis (1000)");
        }

        @Test
        void data_quality_options_that_are_not_known() throws Exception {
            assertRefused(SAMPLE + "dataQuality:\n  ssidCheckDigit: mod11\n",
                    "key 'dataQuality.ssidCheckDigit': 'mod11' is not none or luhn");
            assertRefused(SAMPLE + "dataQuality:\n  gpaTolerance: 2\n",
                    "key 'dataQuality.gpaTolerance': the GPA tolerance must be between 0 and 1, not 2");
            assertRefused(SAMPLE + "dataQuality:\n  gpaTolerance: low\n",
                    "key 'dataQuality.gpaTolerance': 'low' is not a number");
            assertRefused(SAMPLE + "dataQuality:\n  checkDigit: luhn\n",
                    "key 'dataQuality.checkDigit': unknown key (expected one of dataQuality.ssidCheckDigit, "
                            + "dataQuality.gpaTolerance)");
        }

        @Test
        void a_document_that_is_not_a_mapping() throws Exception {
            assertRefused("- a\n- b\n", "must be a YAML mapping with the keys institution, dataDir, peer, admin, pki, "
                    + "consortium, store");
        }

        @Test
        void a_duplicate_key() throws Exception {
            Path file = write(SAMPLE + "dataDir: elsewhere\n");

            assertThatThrownBy(() -> NodeConfig.load(file))
                    .isInstanceOf(NodeConfigException.class)
                    .hasMessageStartingWith("node config " + file + ": not valid YAML: Duplicate field 'dataDir'");
        }

        private void assertRefused(String yaml, String reason) throws Exception {
            Path file = write(yaml);

            assertThatThrownBy(() -> NodeConfig.load(file))
                    .isInstanceOf(NodeConfigException.class)
                    .hasMessage("node config " + file + ": " + reason);
        }
    }

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("node.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
