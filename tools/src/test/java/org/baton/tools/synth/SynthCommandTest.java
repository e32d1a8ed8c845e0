package org.baton.tools.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SynthCommandTest {

    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cli = new CommandLine(new SynthCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Nested
    class synth {

        @Test
        void writes_the_data_set_and_says_how_to_import_it() throws Exception {
            int code = run("--students", "60", "--seed", "3", "--out", dir.toString(), "--error-rate", "0.1");

            assertThat(code).isZero();
            assertThat(out.toString()).contains("wrote 60 students").contains("--format calpads --input")
                    .contains("deliberate errors: " + dir.resolve("errors.csv"));
            try (var dirs = Files.list(dir)) {
                Path district = dirs.filter(p -> p.getFileName().toString().startsWith("district-")).findFirst()
                        .orElseThrow();
                assertThat(district.resolve("SINF.csv")).exists();
                assertThat(Files.readAllLines(district.resolve("SINF.csv")).size()).isGreaterThanOrEqualTo(61);
            }
        }

        @Test
        void refuses_an_error_rate_out_of_range() {
            int code = run("--students", "10", "--out", dir.toString(), "--error-rate", "0.9");

            assertThat(code).isEqualTo(2);
            assertThat(err.toString()).contains("errorRate must be between 0 and 0.5, was 0.9");
        }

        @Test
        void requires_the_number_of_students() {
            int code = run("--out", dir.toString());

            assertThat(code).isEqualTo(2);
            assertThat(err.toString()).contains("Missing required option: '--students=N'");
        }
    }
}
