package org.baton.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.baton.tools.Baton;
import org.baton.trust.ConsortiumCa;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code baton demo} (not --check) until it says it is running, then signs in to the portals it left running,
 * over HTTPS as a browser would, with the sign-ins it printed; then stops it as Ctrl-C would (an interrupt).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DemoPortalsIT {

    @TempDir
    Path dir;

    @Test
    void the_portals_left_running_sign_in_the_printed_demo_accounts() throws Exception {
        DemoPorts ports = FreePorts.plan();
        Path data = dir.resolve("demo");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread demo = new Thread(() -> exitCode.set(Baton.run(new String[] {"demo", "--data", data.toString(),
            "--base-port", Integer.toString(ports.base())}, new PrintWriter(out, true), new PrintWriter(err, true))),
                "demo");
        demo.start();
        try {
            while (!out.toString().contains("Ctrl-C stops everything.")) {
                assertThat(demo.isAlive()).as("demo still running; output so far:%n%s%n%s", out, err).isTrue();
                Thread.sleep(200);
            }
            assertThat(out.toString())
                    .contains(String.format("%-34s https://127.0.0.1:%d/", "Sunrise Unified School District",
                            ports.portal(DemoInstitution.DISTRICT)))
                    .contains("password " + DemoAccounts.PASSWORD)
                    .contains("counselor  counselor")
                    .contains("registrar  registrar")
                    .contains("student    senior")
                    .contains("guardian   guardian");

            X509Certificate districtCa = ConsortiumCa.readCertificate(data.resolve("pki/ca/ca.pem"));
            java.net.URI district = java.net.URI.create("https://127.0.0.1:" + ports.portal(DemoInstitution.DISTRICT)
                    + "/");
            assertThat(new PortalClient(district, districtCa).signIn("senior", DemoAccounts.PASSWORD))
                    .as("the student").isEqualTo(new PortalClient.Answer(303, Optional.of("/students")));
            assertThat(new PortalClient(district, districtCa).signIn("guardian", DemoAccounts.PASSWORD))
                    .as("the guardian").isEqualTo(new PortalClient.Answer(303, Optional.of("/students")));

            X509Certificate ca = ConsortiumCa.readCertificate(data.resolve("pki/ca/ca.pem"));
            for (DemoInstitution node : DemoInstitution.NODES) {
                String portal = "https://127.0.0.1:" + ports.portal(node) + "/";
                PortalClient.Answer counselor = new PortalClient(java.net.URI.create(portal), ca)
                        .signIn("counselor", DemoAccounts.PASSWORD);
                PortalClient.Answer registrar = new PortalClient(java.net.URI.create(portal), ca)
                        .signIn("registrar", DemoAccounts.PASSWORD);
                PortalClient.Answer stranger = new PortalClient(java.net.URI.create(portal), ca)
                        .signIn("nobody", DemoAccounts.PASSWORD);

                assertThat(counselor).as(node.name() + " counselor")
                        .isEqualTo(new PortalClient.Answer(303, Optional.of("/sign-in/enroll")));
                assertThat(registrar).as(node.name() + " registrar")
                        .isEqualTo(new PortalClient.Answer(303, Optional.of("/sign-in/enroll")));
                assertThat(stranger.status()).as(node.name() + " unknown user").isEqualTo(401);
            }
        } finally {
            demo.interrupt();
            demo.join();
        }
        assertThat(err.toString()).as("standard error").isEmpty();
        assertThat(exitCode.get()).isEqualTo(0);
        assertThat(FreePorts.allFree(ports)).as("every process stopped").isTrue();
    }
}
