package org.baton.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PortalBenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void signs_students_in_over_https_and_reports_sign_ins_and_pages() throws Exception {
        Path json = dir.resolve("portal.json");
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new PortalBenchCommand());
        cli.setOut(new PrintWriter(out));

        int code = cli.execute("--users", "2", "--pages", "2", "--warmup-seconds", "0", "--seconds", "10",
                "--json", json.toString());

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("baton bench portal: ").contains("sign-ins/s").contains("pages/s");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.path("benchmark").asText()).isEqualTo("portal");
        JsonNode signIns = report.path("measurements").get(0);
        assertThat(signIns.path("name").asText()).isEqualTo("sign-ins");
        assertThat(signIns.path("operations").asLong()).isPositive();
        assertThat(signIns.path("figures").path("failures").asLong()).isZero();
        assertThat(report.path("measurements").get(1).path("operations").asLong()).isPositive();
        assertThat(report.path("measurements").get(1).path("latencyMillis").path("p95").asDouble()).isPositive();
    }

    @Test
    void refuses_no_users() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new PortalBenchCommand());
        cli.setErr(new PrintWriter(err));

        assertThat(cli.execute("--users", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--users must be 1..1000, --pages 0..10000");
    }
}
