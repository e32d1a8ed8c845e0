package org.baton.node.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.baton.node.importer.ImportFixtures.COLLEGE;
import static org.baton.node.importer.ImportFixtures.DISTRICT;
import static org.baton.node.importer.ImportFixtures.openStore;
import static org.baton.node.importer.ImportFixtures.resource;
import static org.baton.node.importer.ImportFixtures.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.baton.node.portal.i18n.Language;
import org.baton.node.portal.i18n.Messages;
import org.baton.node.portal.i18n.RejectionWording;
import org.baton.node.store.RecordStore;
import org.baton.trust.InstitutionId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rejections the format readers and the merge give, beyond the field checks of {@link RejectionCodesTest}: each
 * carries a code the portal words in Spanish, and its English wording is its reason, word for word.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReaderRejectionCodesTest {

    private static final Messages ENGLISH = Messages.of(Language.ENGLISH);
    private static final Messages SPANISH = Messages.of(Language.SPANISH);

    @TempDir
    static Path dir;

    /** Every rejection of the bad inputs below, in the order they were given. */
    private static final List<Rejection> REJECTIONS = new ArrayList<>();

    @BeforeAll
    static void importBadInputs() throws IOException {
        importAll(ImportFormat.CALPADS, resource("calpads/bad"), DISTRICT);
        importAll(ImportFormat.ONEROSTER, resource("oneroster/bad"), DISTRICT);
        importAll(ImportFormat.PESC, resource("pesc/bad-values.xml"), COLLEGE);
        importAll(ImportFormat.PESC, resource("pesc/broken.xml"), COLLEGE);
        importAll(ImportFormat.PESC, resource("pesc/xxe.xml"), COLLEGE);
        importAll(ImportFormat.JSON, resource("json/bad.jsonl"), COLLEGE);

        // A CALPADS export with an empty file.
        Path calpads = Files.createDirectories(dir.resolve("calpads-empty"));
        Files.writeString(calpads.resolve("SINF.csv"), "");
        importAll(ImportFormat.CALPADS, calpads, DISTRICT);

        // A OneRoster export of another version, without classes.csv, with an empty users.csv, an orgs.csv
        // without sourcedId, an unknown course and an unknown sex.
        Path roster = Files.createDirectories(dir.resolve("oneroster"));
        copy(resource("oneroster/good"), roster);
        Files.writeString(roster.resolve("manifest.csv"), "propertyName,value\noneroster.version,1.2\n");
        Files.delete(roster.resolve("classes.csv"));
        importAll(ImportFormat.ONEROSTER, roster, DISTRICT);
        Files.writeString(roster.resolve("classes.csv"), Files.readString(resource("oneroster/good/classes.csv"))
                .replace(",crs-alg2,", ",crs-nowhere,"));
        Files.writeString(roster.resolve("demographics.csv"), Files.readString(
                resource("oneroster/good/demographics.csv")).replace(",male,", ",unknown,"));
        importAll(ImportFormat.ONEROSTER, roster, DISTRICT);
        Files.writeString(roster.resolve("users.csv"), "");
        Files.writeString(roster.resolve("orgs.csv"), "id,type\norg-hs,school\n");
        importAll(ImportFormat.ONEROSTER, roster, DISTRICT);

        // PESC transcripts over each limit on one element.
        Path pesc = Files.createDirectories(dir.resolve("pesc"));
        Files.writeString(pesc.resolve("deep.xml"), transcript("<x>".repeat(PescReader.MAX_DEPTH + 1)
                + "</x>".repeat(PescReader.MAX_DEPTH + 1)));
        importAll(ImportFormat.PESC, pesc.resolve("deep.xml"), COLLEGE);
        Files.writeString(pesc.resolve("wide.xml"), transcript("<x/>".repeat(PescReader.MAX_ELEMENTS + 1)));
        importAll(ImportFormat.PESC, pesc.resolve("wide.xml"), COLLEGE);
        Files.writeString(pesc.resolve("long.xml"), transcript("<x>" + "a".repeat(PescReader.MAX_TEXT_CHARS + 1)
                + "</x>"));
        importAll(ImportFormat.PESC, pesc.resolve("long.xml"), COLLEGE);

        // A transcript without its creation date: a student without an id, another with a GPA above 5.
        Files.writeString(pesc.resolve("undated.xml"), transcript("<Person><Name><FirstName>No</FirstName>"
                + "<LastName>Id</LastName></Name></Person></Student><Student><Person><AgencyIdentifier>"
                + "<AgencyAssignedID>4000000014</AgencyAssignedID><AgencyCode>State</AgencyCode></AgencyIdentifier>"
                + "<Name><FirstName>Rosa</FirstName><LastName>Parks</LastName></Name></Person><AcademicRecord>"
                + "<AcademicSummary><AcademicSummaryType>All</AcademicSummaryType><GPA><GradePointAverage>7.0"
                + "</GradePointAverage></GPA></AcademicSummary></AcademicRecord>"));
        importAll(ImportFormat.PESC, pesc.resolve("undated.xml"), COLLEGE);

        // A JSON record that carries an a-g status.
        Path json = dir.resolve("ag.jsonl");
        Files.writeString(json, "{\"student\":{\"ssid\":\"4000000014\"},\"agStatus\":[{}]}\n");
        importAll(ImportFormat.JSON, json, COLLEGE);
    }

    @Test
    void every_coded_rejection_reads_in_english_as_its_reason_and_in_spanish_with_its_facts() {
        assertThat(REJECTIONS).hasSizeGreaterThan(100);
        for (Rejection r : REJECTIONS.stream().filter(r -> !r.code().isEmpty()).toList()) {
            assertThat(RejectionWording.of(ENGLISH, r.code(), r.facts(), r.reason())).as(r.toString())
                    .isEqualTo(r.reason());
            String spanish = RejectionWording.of(SPANISH, r.code(), r.facts(), r.reason());
            assertThat(spanish).as(r.toString()).isNotEqualTo(r.reason()).doesNotContain("{");
            if (r.code().equals("differs")) {
                assertThat(spanish).as(r.toString()).contains(r.facts().get(0)).contains("otro valor de nombre");
            } else if (r.code().equals("before")) {
                // The earlier date is named in Spanish words (RejectionCodesTest).
                assertThat(spanish).as(r.toString()).contains(r.facts().get(0)).contains(r.facts().get(2));
            } else {
                r.facts().forEach(fact -> assertThat(spanish).as(r.toString()).contains(fact));
            }
        }
    }

    @Test
    void every_rejection_of_a_reader_or_the_merge_has_a_code() {
        assertThat(REJECTIONS).filteredOn(r -> r.code().isEmpty()).isEmpty();
    }

    @Test
    void every_code_the_portal_words_is_given_by_a_field_check_a_reader_or_the_merge() {
        Set<String> given = new TreeSet<>();
        REJECTIONS.forEach(r -> given.add(r.code()));
        given.addAll(fieldCheckCodes());
        // A record over 16 MiB (64 MiB for CALPADS) is refused by the CSV readers; too large a file for a test.
        MalformedCsvException tooLong = MalformedCsvException.tooLong(7, 16 << 20);
        assertThat(RejectionWording.of(ENGLISH, tooLong.code(), List.of(tooLong.facts()), tooLong.restNotRead()))
                .isEqualTo(tooLong.restNotRead());
        assertThat(RejectionWording.of(SPANISH, tooLong.code(), List.of(tooLong.facts()), tooLong.restNotRead()))
                .isEqualTo("registro de más de 16777216 bytes; el resto del archivo no se leyó");
        given.add(tooLong.code());
        // The store refuses a student whose SSID and local id belong to two stored students.
        given.add(storeRefusal().code());

        assertThat(given).containsExactlyInAnyOrderElementsOf(RejectionWording.codes());
    }

    @Test
    void a_student_the_store_refuses_is_worded_with_the_store_s_reason_and_the_rows_not_loaded() {
        Rejection r = storeRefusal();

        assertThat(r.reason()).startsWith("the store refused this student (")
                .endsWith("); none of its 1 rows were loaded");
        assertThat(RejectionWording.of(ENGLISH, r.code(), r.facts(), r.reason())).isEqualTo(r.reason());
        assertThat(RejectionWording.of(SPANISH, r.code(), r.facts(), r.reason()))
                .startsWith("el almacén rechazó a este estudiante (")
                .endsWith("); no se cargó ninguna de sus 1 filas");
    }

    /** Two students, then a row naming the SSID of one and the local id of the other. */
    private static Rejection storeRefusal() {
        Path input = dir.resolve("conflict");
        try {
            Files.createDirectories(input);
            List<String> good = Files.readAllLines(resource("calpads/good/SINF.csv"));
            String header = good.get(0);
            String first = good.get(1);
            String[] cells = first.split(",", -1);
            String other = first.replace(cells[2], "1000000026").replace("," + cells[3] + ",", ",999001,");
            Files.writeString(input.resolve("SINF.csv"), header + "\n" + first + "\n" + other + "\n");
            Path work = dir.resolve("conflict-work");
            try (RecordStore store = openStore(work)) {
                run(store, ImportFormat.CALPADS, input, DISTRICT, work);
                Files.writeString(input.resolve("SINF.csv"), header + "\n" + first.replace("," + cells[3] + ",",
                        ",999001,") + "\n");
                ImportSummary summary = run(store, ImportFormat.CALPADS, input, DISTRICT, work);
                return summary.firstRejections().stream().filter(r -> r.code().equals("storeRefused")).findFirst()
                        .orElseThrow(() -> new AssertionError("no store refusal in " + summary.firstRejections()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> fieldCheckCodes() {
        RowProblems p = new RowProblems();
        RejectionCodesTest.everyFieldCheck(p);
        Set<String> codes = new TreeSet<>();
        for (int i = 0; i < p.size(); i++) {
            codes.add(p.code(i));
        }
        return codes;
    }

    private static String transcript(String inside) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<ColTrn:CollegeTranscript xmlns:ColTrn=\"urn:org:pesc:message:CollegeTranscript:v1.6.0\">\n"
                + "<Student>" + inside + "</Student>\n</ColTrn:CollegeTranscript>\n";
    }

    private static void importAll(ImportFormat format, Path input, InstitutionId institution) throws IOException {
        Path work = Files.createTempDirectory(dir, "work");
        try (RecordStore store = openStore(work)) {
            REJECTIONS.addAll(run(store, format, input, institution, work).firstRejections());
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
