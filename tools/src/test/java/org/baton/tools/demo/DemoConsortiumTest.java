package org.baton.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.baton.node.config.NodeConfig;
import org.baton.node.quality.QualityRule;
import org.baton.trust.Consortium;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.Member;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DemoConsortiumTest {

    @TempDir
    Path dir;

    @Nested
    class Create {

        @Test
        void issues_every_member_and_writes_node_configurations_that_load() {
            DemoConsortium demo = DemoConsortium.prepare(dir.resolve("demo"), Optional.of(new DemoPorts(9100)), false);
            demo.loadStudents();

            assertThat(demo.created()).isTrue();
            Consortium consortium = demo.consortium();
            assertThat(consortium.members()).extracting(Member::id)
                    .containsExactlyInAnyOrderElementsOf(DemoInstitution.MEMBERS.stream().map(DemoInstitution::id)
                            .toList());
            for (DemoInstitution node : DemoInstitution.NODES) {
                NodeConfig config = NodeConfig.load(demo.nodeConfig(node));
                assertThat(config.institution().id()).isEqualTo(node.id());
                assertThat(config.institution().kind()).isEqualTo(node.kind());
                assertThat(config.peer().port()).isEqualTo(demo.ports().peer(node));
                assertThat(config.admin().port()).isEqualTo(demo.ports().admin(node));
                assertThat(config.ledger()).map(ledger -> ((NodeConfig.EmbeddedLedger) ledger).endpoint().port())
                        .contains(9100);
                assertThat(InstitutionCredentials.load(config.pkiDir()).institutionId()).isEqualTo(node.id());
                assertThat(consortium.member(node.id()).orElseThrow().endpoint().port())
                        .isEqualTo(demo.ports().peer(node));
            }
            assertThat(consortium.member(DemoInstitution.OPERATOR.id()).orElseThrow().endpoint().port())
                    .isEqualTo(9100);
            DemoStudents.Loaded loaded = demo.loaded().orElseThrow();
            // The synthetic district carries deliberate errors for the data-quality rules; a duplicate is a student
            // more.
            List<String> planted = read(demo.root().resolve("synth/errors.csv")).lines().toList();
            long duplicates = planted.stream().filter(line -> line.startsWith("DUPLICATE_STUDENT")).count();
            long badSsids = planted.stream().filter(line -> line.startsWith("BAD_SSID_CHECK")).count();
            assertThat(badSsids + duplicates).isPositive();
            assertThat(loaded.district().studentsWritten()).isEqualTo(DemoStudents.COUNT + duplicates);
            assertThat(loaded.districtQuality().students()).isEqualTo(DemoStudents.COUNT + duplicates);
            assertThat(loaded.districtQuality().byRule().get(QualityRule.SSID_CHECK_DIGIT)).isEqualTo(badSsids);
            assertThat(loaded.districtQuality().byRule().get(QualityRule.POSSIBLE_DUPLICATE))
                    .isGreaterThanOrEqualTo(2 * duplicates);
            assertThat(loaded.college().studentsWritten()).isPositive();
            assertThat(loaded.chosen().senior()).isNotEqualTo(loaded.chosen().ward());
        }
    }

    @Nested
    class Reuse {

        @Test
        void reuses_a_folder_with_the_ports_it_was_set_up_with() {
            DemoConsortium first = DemoConsortium.prepare(dir, Optional.of(new DemoPorts(9200)), false);
            first.loadStudents();
            String consortiumBefore = read(first.consortiumFile());

            DemoConsortium again = DemoConsortium.prepare(dir, Optional.empty(), false);

            assertThat(again.created()).isFalse();
            assertThat(again.ports()).isEqualTo(new DemoPorts(9200));
            assertThat(read(again.consortiumFile())).isEqualTo(consortiumBefore);
            assertThat(again.students()).isEqualTo(first.students());
            assertThat(again.loaded()).isEmpty();
        }

        @Test
        void refuses_other_ports_than_the_certificates_name() {
            DemoConsortium.prepare(dir, Optional.of(new DemoPorts(9200)), false).loadStudents();

            assertThatThrownBy(() -> DemoConsortium.prepare(dir, Optional.of(new DemoPorts(9300)), false))
                    .isInstanceOf(DemoException.class)
                    .hasMessage(dir.toAbsolutePath().normalize() + " was set up with --base-port 9200 (the ports are "
                            + "in its certificates); use --base-port 9200 or start afresh with --reset");
        }

        @Test
        void reset_starts_afresh_with_new_certificates() {
            DemoConsortium first = DemoConsortium.prepare(dir, Optional.of(new DemoPorts(9200)), false);
            first.loadStudents();
            String consortiumBefore = read(first.consortiumFile());

            DemoConsortium reset = DemoConsortium.prepare(dir, Optional.of(new DemoPorts(9300)), true);

            assertThat(reset.created()).isTrue();
            assertThat(reset.ports()).isEqualTo(new DemoPorts(9300));
            assertThat(read(reset.consortiumFile())).isNotEqualTo(consortiumBefore);
        }
    }

    @Nested
    class Refuse {

        @Test
        void a_folder_that_is_not_the_demos() throws IOException {
            Files.writeString(dir.resolve("thesis.txt"), "mine");

            assertThatThrownBy(() -> DemoConsortium.prepare(dir, Optional.empty(), false))
                    .isInstanceOf(DemoException.class)
                    .hasMessage(dir.toAbsolutePath().normalize() + " exists and is not a demo folder; give another "
                            + "--data folder");
        }

        @Test
        void to_reset_a_folder_that_is_not_the_demos() throws IOException {
            Files.writeString(dir.resolve("thesis.txt"), "mine");

            assertThatThrownBy(() -> DemoConsortium.prepare(dir, Optional.empty(), true))
                    .isInstanceOf(DemoException.class)
                    .hasMessage("--reset refuses to delete " + dir.toAbsolutePath().normalize() + ": it is not a demo "
                            + "folder (no .baton-demo)");
            assertThat(dir.resolve("thesis.txt")).exists();
        }

        @Test
        void an_incomplete_set_up() throws IOException {
            Files.writeString(dir.resolve(DemoConsortium.MARKER), "");
            Files.createDirectories(dir.resolve("pki"));

            assertThatThrownBy(() -> DemoConsortium.prepare(dir, Optional.empty(), false))
                    .isInstanceOf(DemoException.class)
                    .hasMessage(dir.toAbsolutePath().normalize() + " holds an incomplete demo set-up (no "
                            + "demo.properties); start afresh with --reset");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
