package org.baton.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
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
            assertThat(out.toString()).contains("run 1:").contains("run 2:").contains("median of 2:")
                    .contains("course rows/s").contains("peak heap");
            JsonNode figures = new ObjectMapper().readTree(json.toFile());
            assertThat(figures.get("benchmark").asText()).isEqualTo("import");
            assertThat(figures.get("runs")).hasSize(2);
            assertThat(figures.get("median").get("courseRowsPerSecond").asDouble()).isPositive();
            assertThat(figures.get("runs").get(0).get("rowsRejected").asLong()).isZero();
        }

        @Test
        void takes_the_median_of_the_runs() {
            assertThat(ImportBenchCommand.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
            assertThat(ImportBenchCommand.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
        }
    }
}
