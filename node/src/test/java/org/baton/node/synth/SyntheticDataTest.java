package org.baton.node.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SyntheticDataTest {

    @TempDir
    Path tmp;

    @Nested
    class generate {

        @Test
        void is_deterministic_for_a_seed() throws IOException {
            SyntheticData.generate(SynthOptions.of(300, 42, tmp.resolve("a")).withErrorRate(0.1));
            SyntheticData.generate(SynthOptions.of(300, 42, tmp.resolve("b")).withErrorRate(0.1));

            Map<String, byte[]> a = contents(tmp.resolve("a"));
            Map<String, byte[]> b = contents(tmp.resolve("b"));
            a.remove("README.txt");
            b.remove("README.txt");
            assertThat(a.keySet()).isEqualTo(b.keySet()).contains("errors.csv", "institutions.csv");
            a.forEach((name, bytes) -> assertThat(b.get(name)).as(name).isEqualTo(bytes));
        }

        @Test
        void differs_for_another_seed() throws IOException {
            SynthSummary one = SyntheticData.generate(SynthOptions.of(50, 1, tmp.resolve("a")));
            SynthSummary two = SyntheticData.generate(SynthOptions.of(50, 2, tmp.resolve("b")));

            assertThat(Files.readAllBytes(one.districtDirs().get(0).resolve("SINF.csv")))
                    .isNotEqualTo(Files.readAllBytes(two.districtDirs().get(0).resolve("SINF.csv")));
        }

        @Test
        void writes_districts_schools_and_a_college_with_plausible_codes() throws IOException {
            SynthSummary s = SyntheticData.generate(SynthOptions.of(6000, 7, tmp).withDistricts(2));

            List<String[]> institutions = csv(tmp.resolve("institutions.csv"));
            assertThat(institutions).extracting(r -> r[0])
                    .contains("DISTRICT", "HIGH_SCHOOL", "MIDDLE_SCHOOL", "COMMUNITY_COLLEGE");
            for (String[] row : institutions) {
                if (row[0].equals("COMMUNITY_COLLEGE")) {
                    assertThat(row[1]).matches("\\d{6}");
                } else {
                    assertThat(row[1]).matches("\\d{14}");
                }
                if (row[0].equals("DISTRICT")) {
                    assertThat(row[1]).endsWith("0000000");
                } else if (row[0].endsWith("SCHOOL")) {
                    assertThat(row[1]).startsWith(row[4].substring(0, 7));
                }
            }
            assertThat(s.districtDirs()).hasSize(2);
            assertThat(s.students()).isEqualTo(6000);
            assertThat(s.collegeId()).matches("\\d{6}");
            assertThat(Files.list(tmp.resolve("ag-lists")).count()).isGreaterThanOrEqualTo(2 * 4);
        }

        @Test
        void writes_realistic_course_histories() throws IOException {
            SynthSummary s = SyntheticData.generate(SynthOptions.of(2000, 11, tmp).withErrorRate(0));
            List<String[]> scsc = csv(s.districtDirs().get(0).resolve("SCSC.csv"));

            double perStudent = (double) scsc.size() / 2000;
            assertThat(perStudent).isBetween(28.0, 42.0);
            long dOrF = scsc.stream().filter(r -> r[12].startsWith("D") || r[12].equals("F")).count();
            assertThat((double) dOrF / scsc.size()).isBetween(0.02, 0.15);
            assertThat(scsc).anySatisfy(r -> assertThat(r[8]).isEqualTo("SU"));
            assertThat(scsc).anySatisfy(r -> assertThat(r[20]).isEqualTo(s.collegeId()));
            assertThat(scsc).anySatisfy(r -> {
                assertThat(r[9]).isEqualTo("08");
                assertThat(r[4]).isIn("MA1001", "SP0801");
            });
            assertThat(scsc).anySatisfy(r -> assertThat(r[14]).isEqualTo("Y"));
            // The validation case: a D in Algebra I and a C or better in Algebra II, for the same student.
            Map<String, Set<String>> algebra = new HashMap<>();
            for (String[] r : scsc) {
                if (r[4].equals("MA1001") && r[12].startsWith("D")) {
                    algebra.computeIfAbsent(r[2], k -> new HashSet<>()).add("D1");
                }
                if (r[4].equals("MA2001") && "ABC".indexOf(r[12].charAt(0)) >= 0) {
                    algebra.computeIfAbsent(r[2], k -> new HashSet<>()).add("C2");
                }
            }
            assertThat(algebra.values()).anySatisfy(v -> assertThat(v).contains("D1", "C2"));

            assertThat(csv(s.districtDirs().get(0).resolve("FAID.csv"))).extracting(r -> r[2])
                    .contains("FAFSA", "CADAA");
            assertThat(csv(s.districtDirs().get(0).resolve("CAPP.csv"))).isNotEmpty();
            assertThat(csv(s.districtDirs().get(0).resolve("AWRD.csv"))).isNotEmpty();
            assertThat(csv(s.districtDirs().get(0).resolve("BDGE.csv"))).isNotEmpty();
            assertThat(csv(s.districtDirs().get(0).resolve("SPRG.csv"))).extracting(r -> r[2])
                    .contains("FOSTER_YOUTH", "CALFRESH");
        }

        @Test
        void gives_every_student_a_valid_luhn_ssid_unless_corrupted_on_purpose() throws IOException {
            SynthSummary s = SyntheticData.generate(SynthOptions.of(1000, 5, tmp).withErrorRate(0.2));
            Set<String> corrupted = new HashSet<>();
            for (String[] e : csv(tmp.resolve("errors.csv"))) {
                if (e[0].equals("BAD_SSID_CHECK")) {
                    corrupted.add(e[4]);
                }
            }
            assertThat(corrupted).isNotEmpty();
            Set<String> seen = new HashSet<>();
            for (String[] r : csv(s.districtDirs().get(0).resolve("SINF.csv"))) {
                String ssid = r[3];
                assertThat(ssid).matches("\\d{10}");
                assertThat(seen.add(ssid)).as("SSIDs are unique").isTrue();
                boolean valid = Generator.luhn(ssid.substring(0, 9)) == ssid.charAt(9);
                assertThat(valid).isEqualTo(!corrupted.contains(ssid));
            }
        }

        @Test
        void lists_every_deliberate_error_at_the_line_that_carries_it() throws IOException {
            SynthSummary s = SyntheticData.generate(SynthOptions.of(2000, 9, tmp).withErrorRate(0.2));
            List<String[]> errors = csv(tmp.resolve("errors.csv"));

            assertThat(errors).extracting(e -> e[0]).contains("BAD_SSID_CHECK", "AG_NOT_ON_LIST", "GPA_MISMATCH",
                    "DUPLICATE_STUDENT");
            assertThat((double) errors.size() / 2000).isBetween(0.15, 0.25);
            Path dir = s.districtDirs().get(0);
            Map<String, List<String>> files = new HashMap<>();
            for (String[] e : errors) {
                List<String> lines = files.computeIfAbsent(e[2], f -> read(dir.resolve(f)));
                String line = lines.get(Integer.parseInt(e[3]) - 1);
                assertThat(line).as(e[0]).contains(e[4]).contains(e[5]);
                switch (e[0]) {
                    case "AG_NOT_ON_LIST" -> assertThat(line.split(",")[13]).isEqualTo("G");
                    case "GPA_MISMATCH" -> assertThat(line).contains("CUMULATIVE_UNWEIGHTED");
                    default -> { }
                }
            }
            assertThat(s.errors()).isEqualTo(errors.size());
        }

        @Test
        void writes_college_transcripts_that_validate_against_the_PESC_schema() throws Exception {
            SynthSummary s = SyntheticData.generate(SynthOptions.of(1500, 3, tmp));
            List<Path> transcripts;
            try (Stream<Path> files = Files.list(s.collegeDir())) {
                transcripts = files.toList();
            }
            assertThat(transcripts).hasSize((int) s.collegeTranscripts()).isNotEmpty();

            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            Validator validator = factory.newSchema(standard("pesc/v1.6.0/CollegeTranscript_v1.6.0.xsd").toFile())
                    .newValidator();
            for (Path t : transcripts.subList(0, Math.min(25, transcripts.size()))) {
                validator.validate(new StreamSource(t.toFile()));
            }
        }

        @Test
        void refuses_options_out_of_range() {
            assertThatThrownBy(() -> SynthOptions.of(0, 1, tmp))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("students must be at least 1, was 0");
            assertThatThrownBy(() -> SynthOptions.of(10, 1, tmp).withErrorRate(0.9))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("errorRate must be between 0 and 0.5, was 0.9");
            assertThatThrownBy(() -> SynthOptions.of(10, 1, tmp).withDistricts(11))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("districts must be between 1 and the number of students, was 11");
        }
    }

    static Path standard(String name) throws URISyntaxException {
        return Path.of(SyntheticDataTest.class.getResource("/standards/" + name).toURI());
    }

    private static Map<String, byte[]> contents(Path root) throws IOException {
        Map<String, byte[]> map = new HashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                map.put(root.relativize(f).toString(), Files.readAllBytes(f));
            }
        }
        return map;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Data rows of a CSV written by the generator (simple: its fields never hold quotes except titles). */
    static List<String[]> csv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            rows.add(split(line));
        }
        return rows;
    }

    private static String[] split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    b.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                fields.add(b.toString());
                b.setLength(0);
            } else {
                b.append(c);
            }
        }
        fields.add(b.toString());
        return fields.toArray(new String[0]);
    }
}
