package org.baton.tools.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.baton.node.config.NodeConfig;
import org.baton.node.store.RecordStore;
import org.baton.node.synth.SynthOptions;
import org.baton.node.synth.SynthSummary;
import org.baton.node.synth.SyntheticData;
import org.baton.tools.LocalStore;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ImportCommandTest {

    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cli = new CommandLine(new ImportCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Nested
    class import_ {

        @Test
        void loads_a_synthetic_district_into_the_node_store_and_prints_the_summary() throws Exception {
            SynthSummary synth = SyntheticData.generate(SynthOptions.of(120, 8, dir.resolve("synth")));
            Path config = NodeFixture.districtNode(dir.resolve("node"), synth.districtIds().get(0));

            int code = run("--config", config.toString(), "--format", "calpads", "--input",
                    synth.districtDirs().get(0).toString(), "--progress", "plain", "--report",
                    dir.resolve("report.txt").toString());

            assertThat(code).isZero();
            assertThat(out.toString()).startsWith("rows read " + String.format("%,d", synth.rows()))
                    .contains("rejected 0").contains("rows/s");
            try (RecordStore store = LocalStore.open(NodeConfig.load(config))) {
                assertThat(store.studentCount()).isGreaterThanOrEqualTo(120);
            }
        }

        @Test
        void exits_3_and_names_the_report_when_rows_are_rejected() throws Exception {
            Path config = NodeFixture.districtNode(dir.resolve("node"), "19765430000000");
            Path input = dir.resolve("extract");
            Files.createDirectories(input);
            Files.writeString(input.resolve("SINF.csv"), String.join("\n",
                    "SSID,LocalStudentID,StudentLegalFirstName,StudentLegalLastName,StudentBirthDate",
                    "1000000018,1,Ana,Lopez,2009-01-15",
                    "12345,2,Ben,Young,2009-01-15", ""));

            int code = run("--config", config.toString(), "--format", "calpads", "--input", input.toString(),
                    "--progress", "none");

            assertThat(code).isEqualTo(ImportCommand.EXIT_REJECTED_ROWS);
            assertThat(out.toString()).contains("rows read 2, loaded 1, rejected 1")
                    .contains("rejected rows are listed in " + dir.resolve("node/data/import-reports"));
        }

        @Test
        void refuses_an_unknown_format() throws Exception {
            Path config = NodeFixture.districtNode(dir.resolve("node"), "19765430000000");

            int code = run("--config", config.toString(), "--format", "xlsx", "--input", dir.toString());

            assertThat(code).isEqualTo(2);
            assertThat(err.toString()).contains("unknown import format 'xlsx' (expected calpads, oneroster, pesc or json)");
        }

        @Test
        void fails_with_a_message_when_the_input_does_not_exist() throws Exception {
            Path config = NodeFixture.districtNode(dir.resolve("node"), "19765430000000");
            Path missing = dir.resolve("nowhere");

            int code = run("--config", config.toString(), "--format", "calpads", "--input", missing.toString(),
                    "--progress", "none");

            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).contains("import of " + missing + " failed: the input does not exist");
        }
    }
}
