package org.baton.tools.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.baton.node.config.NodeConfig;
import org.baton.node.importer.ImportFormat;
import org.baton.node.importer.ImportListener;
import org.baton.node.importer.ImportRequest;
import org.baton.node.importer.Importer;
import org.baton.node.store.RecordStore;
import org.baton.node.synth.SynthOptions;
import org.baton.node.synth.SynthSummary;
import org.baton.node.synth.SyntheticData;
import org.baton.tools.LocalStore;
import org.baton.tools.importer.NodeFixture;
import org.baton.trust.InstitutionId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class QualityCommandTest {

    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    Path config;
    long planted;

    /** A district of 300 synthetic students, a tenth with a deliberate error, imported without the rules. */
    @BeforeEach
    void district() throws Exception {
        SynthSummary synth = SyntheticData.generate(SynthOptions.of(300, 5, dir.resolve("synth")).withErrorRate(0.1));
        config = NodeFixture.districtNode(dir.resolve("node"), synth.districtIds().get(0));
        Files.writeString(config, Files.readString(config) + "dataQuality:\n  ssidCheckDigit: luhn\n");
        planted = Files.readAllLines(dir.resolve("synth/errors.csv")).stream()
                .filter(l -> l.startsWith("BAD_SSID_CHECK")).count();
        NodeConfig node = NodeConfig.load(config);
        try (RecordStore store = LocalStore.open(node)) {
            Importer.create(store, ImportListener.NONE).run(ImportRequest.of(ImportFormat.CALPADS,
                    synth.districtDirs().get(0), InstitutionId.of(synth.districtIds().get(0)))
                    .withReport(dir.resolve("report.txt")).withWorkDir(dir.resolve("work")));
        }
    }

    int run(String... args) {
        CommandLine cli = new CommandLine(new QualityCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void before_any_check_says_so_and_then_checks_every_student() {
        assertThat(run("--config", config.toString(), "--no-check")).isZero();
        assertThat(out.toString()).startsWith("data quality: the rules have not run yet");

        assertThat(run("--config", config.toString())).isZero();

        assertThat(out.toString()).contains("students checked in").contains("SSID_CHECK_DIGIT " + planted)
                .containsPattern("SSID_CHECK_DIGIT +" + planted + " open +0 dismissed")
                // A node that has received nothing has nothing of others' records on its queue.
                .contains("received records: 0 open findings in 0 packages, 0 dismissed");
    }

    @Test
    void lists_one_rules_findings_and_writes_them_as_csv() throws Exception {
        Path csv = dir.resolve("findings.csv");

        assertThat(run("--config", config.toString(), "--list", "--rule", "SSID_CHECK_DIGIT", "--csv",
                csv.toString())).isZero();

        List<String> listed = out.toString().lines().filter(l -> l.contains("\tSSID_CHECK_DIGIT\t")).toList();
        assertThat(listed).hasSize((int) planted);
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo("student_id,local_ids,rule,record_id,detail,dismissed_by,dismissed_because");
        assertThat(rows).hasSize((int) planted + 1);
        assertThat(rows.subList(1, rows.size())).allSatisfy(row -> assertThat(row).contains(",SSID_CHECK_DIGIT,"));
        assertThat(out.toString()).contains(planted + " findings written to " + csv);
    }

    @Test
    void refuses_a_rule_it_does_not_know() {
        assertThat(run("--config", config.toString(), "--rule", "TYPOS")).isEqualTo(2);
        assertThat(err.toString()).contains("--rule: 'TYPOS' is not one of");
    }

    @Test
    void defuses_a_spreadsheet_formula_and_quotes_commas() {
        assertThat(QualityCommand.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(QualityCommand.field("3.9, not 3.0")).isEqualTo("\"3.9, not 3.0\"");
        assertThat(QualityCommand.field("plain")).isEqualTo("plain");
    }
}
