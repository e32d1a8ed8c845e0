package org.baton.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ImportBenchCommandTest {

    @TempDir
    Path dir;

    @Nested
    class bench_import {

        @Test
        void prints_the_figures_of_each_run_and_writes_them_as_json() throws Exception {
            StringWriter out = new StringWriter();
            CommandLine cli = new CommandLine(new ImportBenchCommand());
            cli.setOut(new PrintWriter(out));
            Path json = dir.resolve("bench.json");

            int code = cli.execute("--students", "150", "--runs", "2", "--work", dir.resolve("work").toString(),
                    "--json", json.toString());

            assertThat(code).isZero();
            assertThat(out.toString()).contains("run 1:").contains("run 2:").contains("baton bench import: ")
                    .contains("  median ").contains("courseRowsPerSecond").contains("peak heap");
            JsonNode figures = new ObjectMapper().readTree(json.toFile());
            assertThat(figures.get("benchmark").asText()).isEqualTo("import");
            JsonNode measurements = figures.get("measurements");
            assertThat(measurements).hasSize(3);
            assertThat(measurements.get(2).get("name").asText()).isEqualTo("median");
            assertThat(measurements.get(2).get("figures").get("courseRowsPerSecond").asDouble()).isPositive();
            assertThat(measurements.get(0).get("figures").get("rowsRejected").asLong()).isZero();
        }

    }
}
