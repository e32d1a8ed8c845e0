package org.baton.tools.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.baton.node.config.NodeConfig;
import org.baton.node.importer.ImportRun;
import org.baton.node.importer.ImportRuns;
import org.baton.node.quality.DataQuality;
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
                // The data-quality rules ran over every student the import left in the store.
                assertThat(out.toString()).contains(String.format("data quality: %,d students checked",
                        store.studentCount()));
                assertThat(DataQuality.in(store).lastScan()).get()
                        .satisfies(scan -> assertThat(scan.students()).isEqualTo(store.studentCount()));
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
        void remembers_each_run_with_its_rejections_in_the_node_store_for_the_registrar() throws Exception {
            Path config = NodeFixture.districtNode(dir.resolve("node"), "19765430000000");
            Path input = dir.resolve("extract");
            Files.createDirectories(input);
            Files.writeString(input.resolve("SINF.csv"), String.join("\n",
                    "SSID,LocalStudentID,StudentLegalFirstName,StudentLegalLastName,StudentBirthDate",
                    "1000000018,1,Ana,Lopez,2009-01-15",
                    "12345,2,Ben,Young,2009-01-15", ""));
            run("--config", config.toString(), "--format", "calpads", "--input", input.toString(), "--progress",
                    "none");
            run("--config", config.toString(), "--format", "calpads", "--input", dir.resolve("nowhere").toString(),
                    "--progress", "none");

            try (RecordStore store = LocalStore.open(NodeConfig.load(config))) {
                List<ImportRun> runs = ImportRuns.in(store).recent(10);
                assertThat(runs).hasSize(2);
                assertThat(runs.get(0).failure()).hasValueSatisfying(reason -> assertThat(reason)
                        .contains("the input does not exist"));
                ImportRun first = runs.get(1);
                assertThat(first.input()).isEqualTo("extract");
                assertThat(first.completed()).isTrue();
                assertThat(first.rowsRead()).isEqualTo(2);
                assertThat(first.rowsRejected()).isEqualTo(1);
                assertThat(first.rejections()).singleElement().asString()
                        .startsWith("SINF.csv:3: SSID: an SSID is exactly 10 digits");
            }
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
