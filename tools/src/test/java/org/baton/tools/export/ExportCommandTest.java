package org.baton.tools.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.baton.node.config.NodeConfig;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoredStudent;
import org.baton.node.synth.SynthOptions;
import org.baton.node.synth.SynthSummary;
import org.baton.node.synth.SyntheticData;
import org.baton.proto.v1.StudentRecord;
import org.baton.tools.LocalStore;
import org.baton.tools.importer.ImportCommand;
import org.baton.tools.importer.NodeFixture;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExportCommandTest {

    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Nested
    class export {

        @Test
        void writes_one_record_per_line_that_imports_back_into_another_node_unchanged() throws Exception {
            SynthSummary synth = SyntheticData.generate(SynthOptions.of(80, 4, dir.resolve("synth")));
            String district = synth.districtIds().get(0);
            Path first = NodeFixture.districtNode(dir.resolve("first"), district);
            Path second = NodeFixture.districtNode(dir.resolve("second"), district);
            assertThat(run(new ImportCommand(), "--config", first.toString(), "--format", "calpads", "--input",
                    synth.districtDirs().get(0).toString(), "--progress", "none")).isZero();
            Path json = dir.resolve("export.jsonl");

            int code = run(new ExportCommand(), "--config", first.toString(), "--out", json.toString());

            assertThat(code).isZero();
            List<String> lines = Files.readAllLines(json);
            Map<String, StudentRecord> exported = records(first);
            assertThat(lines).hasSize(exported.size());
            assertThat(lines.get(0)).startsWith("{\"student\":{").contains("\"legal_name\"");

            assertThat(run(new ImportCommand(), "--config", second.toString(), "--format", "json", "--input",
                    json.toString(), "--progress", "none")).isZero();
            assertThat(records(second)).isEqualTo(exported);
        }

        @Test
        void exports_only_the_students_asked_for() throws Exception {
            SynthSummary synth = SyntheticData.generate(SynthOptions.of(20, 4, dir.resolve("synth")));
            Path node = NodeFixture.districtNode(dir.resolve("node"), synth.districtIds().get(0));
            run(new ImportCommand(), "--config", node.toString(), "--format", "calpads", "--input",
                    synth.districtDirs().get(0).toString(), "--progress", "none");
            String ssid = records(node).keySet().iterator().next();
            Path json = dir.resolve("one.json");

            int code = run(new ExportCommand(), "--config", node.toString(), "--out", json.toString(), "--ssid", ssid);

            assertThat(code).isZero();
            assertThat(Files.readAllLines(json)).singleElement().asString().contains("\"ssid\":\"" + ssid + "\"");
        }

        @Test
        void refuses_a_malformed_ssid_without_echoing_it() throws Exception {
            Path node = NodeFixture.districtNode(dir.resolve("node"), "19765430000000");

            int code = run(new ExportCommand(), "--config", node.toString(), "--out", "-", "--ssid", "98765");

            assertThat(code).isEqualTo(2);
            assertThat(err.toString()).contains("--ssid: SSID must be exactly 10 digits (got 5 characters)")
                    .doesNotContain("98765");
        }
    }

    /** Records by SSID, without the time they were written. */
    static Map<String, StudentRecord> records(Path config) {
        Map<String, StudentRecord> map = new TreeMap<>();
        try (RecordStore store = LocalStore.open(NodeConfig.load(config));
             Stream<StoredStudent> all = store.students()) {
            all.forEach(s -> map.put(s.record().getStudent().getSsid(),
                    s.record().toBuilder().clearUpdatedAt().build()));
        }
        return map;
    }
}
