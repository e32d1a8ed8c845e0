package org.baton.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.baton.tools.Baton;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code baton demo --check} as CI does: a fresh consortium, the ledger and five nodes as real processes on
 * loopback with mutual TLS, synthetic students imported, the whole scenario through the portals, the admin services,
 * the exchange and the ledger, the summary. Every step must pass and the check must exit 0.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DemoCheckIT {

    @TempDir
    Path dir;

    @Test
    void check_plays_the_whole_scenario_passes_every_step_and_stops_every_process() throws IOException {
        DemoPorts ports = FreePorts.plan();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exitCode = Baton.run(new String[] {"demo", "--data", dir.resolve("demo").toString(), "--check",
            "--base-port", Integer.toString(ports.base())}, new PrintWriter(out, true), new PrintWriter(err, true));

        String output = out.toString();
        assertThat(err.toString()).as("standard error").isEmpty();
        assertThat(output)
                .contains("new consortium: CA and certificates issued")
                .contains("Ready in ")
                .contains("PASSED  1. The consortium is up")
                .contains(String.format("%-34s portal https://127.0.0.1:%d/: counselor signed in (next: enroll an "
                        + "authenticator); wrong password refused", "UC Sierra", ports.portal(DemoInstitution.UC)))
                .contains("PASSED  2. Synthetic students are loaded")
                .contains("PASSED  3. A senior with dual-enrollment courses signs in")
                .contains("PASSED  4. UC Sierra pulls from both sources")
                .contains("PASSED  5. At UC Sierra the student's a-g status and UC/CSU GPAs include the college")
                .contains("PASSED  6. Sunrise Unified uploads Cal Grant GPAs to CSAC")
                .contains("PASSED  7. The student revokes the grant; a further request from UC Sierra is refused")
                .contains("PASSED  8. An auditor's query")
                .contains("Steps passed: 8 of 8 (0 failed, 0 missing: not played yet)")
                .contains("RESULT: all steps passed")
                .doesNotContain("FAILED  ");
        Matcher counts = Pattern.compile("Exchanges: (\\d+), receipts on the ledger: (\\d+), grants on the ledger: "
                + "(\\d+)").matcher(output);
        assertThat(counts.find()).as("the counts line").isTrue();
        assertThat(Integer.parseInt(counts.group(1))).as("exchanges").isGreaterThanOrEqualTo(3);
        assertThat(Integer.parseInt(counts.group(2))).as("receipts").isGreaterThanOrEqualTo(3);
        assertThat(Integer.parseInt(counts.group(3))).as("grants").isEqualTo(1);
        assertThat(exitCode).as("exit code when every step passed").isZero();
        assertThat(Files.readString(dir.resolve("demo/logs/uc.log"))).contains("Node 110901 running");
        assertThat(Files.readString(dir.resolve("demo/logs/ledger.log"))).contains("ledger listening on port "
                + ports.ledger());
        assertThat(FreePorts.allFree(ports)).as("every process stopped after --check").isTrue();
    }
}
