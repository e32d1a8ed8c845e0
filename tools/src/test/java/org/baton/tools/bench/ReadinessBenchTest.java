package org.baton.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.baton.node.readiness.ReadinessEngine;
import org.baton.node.readiness.ReadinessInput;
import org.baton.node.readiness.ReadinessReport;
import org.baton.node.readiness.rules.RuleBook;
import org.baton.proto.v1.StudentRecord;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReadinessBenchTest {

    @TempDir
    Path dir;

    @Test
    void synthetic_students_are_realistic_high_school_transcripts() {
        StudentRecord student = SyntheticTranscripts.student(7, 2026);
        ReadinessReport report = ReadinessEngine.create(RuleBook.loadDefault())
                .evaluate(ReadinessInput.of(student, java.time.LocalDate.of(2025, 11, 15)));

        assertThat(student.getCoursesCount()).isBetween(40, 56);
        assertThat(report.uc().semestersCompleted()).isPositive();
        assertThat(report.ucGpa().grades()).isPositive();
        assertThat(report.excluded()).isEmpty();
        assertThat(SyntheticTranscripts.student(7, 2026)).isEqualTo(student);
    }

    @Test
    void reports_students_per_second_and_writes_the_figures_as_json() throws Exception {
        Path json = dir.resolve("bench.json");
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new ReadinessBench());
        cli.setOut(new PrintWriter(out));

        int code = cli.execute("--students", "20", "--warmup-seconds", "0", "--rounds", "1", "--json", json.toString());

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("baton bench readiness: ").contains("  full ").contains("  summary ")
                .contains("students/s");
        JsonNode figures = new ObjectMapper().readTree(json.toFile());
        assertThat(figures.path("schema").asText()).isEqualTo("baton-bench/1");
        assertThat(figures.path("benchmark").asText()).isEqualTo("readiness");
        JsonNode full = figures.path("measurements").get(0);
        assertThat(full.path("name").asText()).isEqualTo("full");
        assertThat(full.path("operations").asInt()).isEqualTo(20);
        assertThat(full.path("perSecond").asDouble()).isPositive();
        assertThat(figures.path("measurements").get(1).path("name").asText()).isEqualTo("summary");
    }

    @Test
    void a_summary_evaluation_has_the_same_statuses_and_gpas_without_the_trail() {
        StudentRecord student = SyntheticTranscripts.student(11, 2026);
        ReadinessInput input = ReadinessInput.of(student, java.time.LocalDate.of(2025, 11, 15));
        ReadinessReport full = ReadinessEngine.create(RuleBook.loadDefault()).evaluate(input);
        ReadinessReport summary = ReadinessEngine.create(RuleBook.loadDefault(),
                org.baton.node.readiness.EvaluationOptions.defaults().withoutExplanation()).evaluate(input);

        assertThat(summary.trail()).isEmpty();
        assertThat(summary.uc()).isEqualTo(full.uc());
        assertThat(summary.csu()).isEqualTo(full.csu());
        assertThat(summary.ucGpa()).isEqualTo(full.ucGpa());
        assertThat(summary.calGrantGpa()).isEqualTo(full.calGrantGpa());
        assertThat(summary.aid()).isEqualTo(full.aid());
    }

    @Test
    void refuses_zero_students() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ReadinessBench());
        cli.setErr(new PrintWriter(err));

        assertThat(cli.execute("--students", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--students and --rounds must be at least 1 and --warmup-seconds at least 0");
    }
}
