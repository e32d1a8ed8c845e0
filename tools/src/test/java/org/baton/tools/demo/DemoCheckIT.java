package org.baton.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.baton.tools.Baton;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code baton demo --check} as CI does: a fresh consortium, the ledger and five nodes as real processes on
 * loopback with mutual TLS, the scenario, the summary. Steps the demo cannot play yet must be reported as
 * missing (and make the check fail); none may be reported as failed.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DemoCheckIT {

    @TempDir
    Path dir;

    @Test
    void check_plays_the_scenario_reports_every_step_and_stops_every_process() throws IOException {
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
                .containsPattern("MISSING 2\\. Synthetic students are loaded")
                .containsPattern("MISSING 8\\. An auditor's query")
                .contains("Steps passed: 1 of 8 (0 failed, 7 missing: not played yet)")
                .contains("Exchanges: 0, receipts on the ledger: 0, grants on the ledger: 0")
                .contains("RESULT: not all steps passed");
        assertThat(exitCode).as("exit code while steps are missing").isEqualTo(1);
        assertThat(Files.readString(dir.resolve("demo/logs/uc.log"))).contains("Node 110901 running");
        assertThat(Files.readString(dir.resolve("demo/logs/ledger.log"))).contains("ledger listening on port "
                + ports.ledger());
        assertThat(FreePorts.allFree(ports)).as("every process stopped after --check").isTrue();
    }
}
