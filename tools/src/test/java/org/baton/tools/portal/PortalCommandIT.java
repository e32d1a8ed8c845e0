package org.baton.tools.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.baton.node.NodeApp;
import org.baton.node.config.NodeConfig;
import org.baton.tools.Baton;
import org.baton.trust.InstitutionKind;
import org.baton.trust.PeerEndpoint;
import org.baton.trust.testing.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code baton portal issue-account} against a running node started from a YAML config with a portal section. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalCommandIT {

    @TempDir
    static Path dir;

    private NodeApp withPortal;
    private NodeApp withoutPortal;

    record Result(int exitCode, String out, String err) {
    }

    @BeforeAll
    void startNodes() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"), "Test Consortium CA");
        Path a = pki.issue("110635", PeerEndpoint.parse("127.0.0.1:7443"));
        Path b = pki.issue("110644", PeerEndpoint.parse("127.0.0.1:7444"));
        Path consortium = pki.writeConsortium("consortium.json", List.of(
                TestPki.member(a, InstitutionKind.UC, "Node A", PeerEndpoint.parse("127.0.0.1:7443")),
                TestPki.member(b, InstitutionKind.UC, "Node B", PeerEndpoint.parse("127.0.0.1:7444"))));
        String portal = "portal:\n  host: 127.0.0.1\n  port: 0\n";
        withPortal = NodeApp.create(NodeConfig.load(config(pki, "110635", "Node A", a, consortium, portal))).start();
        withoutPortal = NodeApp.create(NodeConfig.load(config(pki, "110644", "Node B", b, consortium, ""))).start();
    }

    @AfterAll
    void stopNodes() {
        if (withPortal != null) {
            withPortal.close();
        }
        if (withoutPortal != null) {
            withoutPortal.close();
        }
    }

    @Nested
    class Issue_account {

        @Test
        void prints_the_account_and_its_one_time_activation_code() {
            Result result = baton("portal", "issue-account", "--admin", admin(withPortal), "--role", "Admin",
                    "--name", "Pat Lee");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).matches("(?s)Issued admin account \\S+\\.\\R"
                    + "Activation code \\(shown once; give it to the holder\\): [A-Z0-9]{4}(-[A-Z0-9]{4}){3}\\R");
        }

        @Test
        void says_why_the_node_refused() {
            Result result = baton("portal", "issue-account", "--admin", admin(withPortal), "--role", "guardian",
                    "--name", "Rosa", "--student", "987654");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).isEqualTo("baton issue-account: IssueAccount on node admin "
                    + admin(withPortal) + " failed: student 987654 is not in this node's store" + System.lineSeparator());
        }

        @Test
        void says_when_the_node_serves_no_portal() {
            Result result = baton("portal", "issue-account", "--admin", admin(withoutPortal), "--role", "admin",
                    "--name", "Pat Lee");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).isEqualTo("baton issue-account: IssueAccount on node admin "
                    + admin(withoutPortal) + " failed: this node serves no portal; add a portal section to its config"
                    + System.lineSeparator());
        }

        @Test
        void refuses_an_unknown_role_as_a_usage_error() {
            Result result = baton("portal", "issue-account", "--admin", admin(withPortal), "--role", "principal",
                    "--name", "Pat Lee");

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).startsWith("--role: 'principal' is not one of student, guardian, counselor, "
                    + "registrar, admin, auditor");
        }

        @Test
        void refuses_an_admin_endpoint_that_is_not_host_and_port() {
            Result result = baton("portal", "issue-account", "--admin", "localhost", "--role", "admin",
                    "--name", "Pat Lee");

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).startsWith("--admin: endpoint 'localhost' is not host:port");
        }
    }

    private static String admin(NodeApp node) {
        return "127.0.0.1:" + node.adminAddress().getPort();
    }

    private static Result baton(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Baton.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private static Path config(TestPki pki, String id, String name, Path credentials, Path consortium, String portal)
            throws Exception {
        Path nodeDir = Files.createDirectories(dir.resolve("nodes").resolve(id));
        Path file = nodeDir.resolve("node.yaml");
        Files.writeString(file, """
                institution:
                  id: "%s"
                  kind: UC
                  name: %s
                dataDir: data
                peer:
                  host: 127.0.0.1
                  port: 0
                admin:
                  port: 0
                pki:
                  dir: %s
                consortium:
                  file: %s
                  caCertificate: %s
                store:
                  dataKeyFile: data/data.key
                """.formatted(id, name, credentials, consortium, pki.caCertificateFile()) + portal);
        return file;
    }
}
