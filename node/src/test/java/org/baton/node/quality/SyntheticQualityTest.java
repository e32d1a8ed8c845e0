package org.baton.node.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.baton.node.importer.ImportFormat;
import org.baton.node.importer.ImportListener;
import org.baton.node.importer.ImportRequest;
import org.baton.node.importer.Importer;
import org.baton.node.readiness.AgListFiles;
import org.baton.node.readiness.ReadinessEngine;
import org.baton.node.readiness.rules.RuleBook;
import org.baton.node.store.Column;
import org.baton.node.store.DataKey;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoreConfig;
import org.baton.node.store.StoredStudent;
import org.baton.node.synth.SynthOptions;
import org.baton.node.synth.SynthSummary;
import org.baton.node.synth.SyntheticData;
import org.baton.trust.InstitutionId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules against {@code baton synth}'s deliberate errors: a district imported with the real importer, checked
 * with its schools' a-g lists, finds every error errors.csv lists, at the student it names, and nothing that is
 * not an error (a possible duplicate is also found between real namesakes, which is what the rule is for).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SyntheticQualityTest {

    private static final Pattern SAME_AS = Pattern.compile("local id (\\d+)");

    @TempDir
    Path tmp;

    @Test
    void every_deliberate_error_is_found_at_its_student_and_nothing_else_is() throws Exception {
        SynthSummary synth = SyntheticData.generate(SynthOptions.of(800, 23, tmp.resolve("synth"))
                .withErrorRate(0.2));
        RecordStore store = RecordStore.open(StoreConfig.of(tmp.resolve("store"),
                DataKey.loadOrCreate(tmp.resolve("data.key"))).withSyncWrites(false)
                .withColumns(DataQuality.columns().toArray(Column<?, ?>[]::new)));
        Importer.create(store, ImportListener.NONE).run(ImportRequest.of(ImportFormat.CALPADS,
                synth.districtDirs().get(0), InstitutionId.of(synth.districtIds().get(0)))
                .withReport(tmp.resolve("report.txt")).withWorkDir(tmp.resolve("work")));
        QualityChecker checker = new QualityChecker(ReadinessEngine.create(RuleBook.loadDefault()),
                AgListFiles.readDirectory(tmp.resolve("synth/ag-lists")),
                QualityOptions.defaults().withSsidCheckDigit(true), DataQuality.lookalikesIn(store));
        DataQuality quality = DataQuality.in(store);

        DataQuality.ScanReport report = quality.scan(checker, Clock.fixed(Instant.parse("2026-06-30T18:00:00Z"),
                ZoneOffset.UTC), 2);

        // What the rules found, as "RULE local-id".
        Map<Long, String> localIds = new HashMap<>();
        try (Stream<StoredStudent> all = store.students()) {
            all.forEach(s -> localIds.put(s.id().value(), s.record().getStudent().getLocalIds(0).getValue()));
        }
        assertThat(report.students()).isEqualTo(localIds.size());
        Set<String> found = new HashSet<>();
        for (DataQuality.Listed item : quality.list(Optional.empty(), false, 0, 10_000)) {
            found.add(item.finding().rule() + " " + localIds.get(item.finding().student().value()));
        }
        // What errors.csv says was planted, in the same form.
        Set<String> planted = new HashSet<>();
        List<String> errors = Files.readAllLines(tmp.resolve("synth/errors.csv"));
        for (String line : errors.subList(1, errors.size())) {
            String[] f = line.split(",", 7);
            String local = f[5];
            switch (f[0]) {
                case "BAD_SSID_CHECK" -> planted.add("SSID_CHECK_DIGIT " + local);
                case "AG_NOT_ON_LIST" -> planted.add("AG_NOT_ON_LIST " + local);
                case "GPA_MISMATCH" -> planted.add("GPA_MISMATCH " + local);
                case "DUPLICATE_STUDENT" -> {
                    Matcher original = SAME_AS.matcher(f[6]);
                    assertThat(original.find()).as(line).isTrue();
                    planted.add("POSSIBLE_DUPLICATE " + local);
                    planted.add("POSSIBLE_DUPLICATE " + original.group(1));
                }
                default -> throw new AssertionError("an error kind this test does not know: " + line);
            }
        }
        assertThat(planted).hasSizeGreaterThan(100);
        assertThat(planted.stream().map(p -> p.split(" ")[0]).distinct())
                .containsExactlyInAnyOrder("SSID_CHECK_DIGIT", "AG_NOT_ON_LIST", "GPA_MISMATCH", "POSSIBLE_DUPLICATE");
        // Duplicates planted with each slip, not only as exact copies.
        assertThat(errors).anySatisfy(e -> assertThat(e).contains(", first name mistyped"))
                .anySatisfy(e -> assertThat(e).contains(", second last name added"))
                .anySatisfy(e -> assertThat(e).contains(", day and month of birth swapped"))
                .anySatisfy(e -> assertThat(e).startsWith("DUPLICATE_STUDENT").endsWith(")"));

        assertThat(found).containsAll(planted);
        Set<String> extra = new HashSet<>(found);
        extra.removeAll(planted);
        assertThat(extra).allSatisfy(e -> assertThat(e).startsWith("POSSIBLE_DUPLICATE "));
        assertThat(extra.size()).as("lookalikes among 800 synthetic students").isLessThan(6);
        store.close();
    }
}
