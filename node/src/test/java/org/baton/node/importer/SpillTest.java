package org.baton.node.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.baton.proto.v1.Enrollment;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SpillTest {

    private static final StudentRecord ENROLLMENT = StudentRecord.newBuilder()
            .addEnrollments(Enrollment.newBuilder().setSchoolCode("0000001").setEntryDate("2024-08-15")).build();

    @TempDir
    Path work;

    @Nested
    class a_partition_written_by_several_lanes {

        @Test
        void groups_its_entries_by_key_in_key_order_each_in_file_and_line_order() throws Exception {
            List<String> keys = new ArrayList<>();
            for (int k = 0; k < 150; k++) {
                keys.add("S" + (1_000_000_000L + 7919L * k));
            }
            keys.add("Lschool|z9");
            keys.add("Lschool|a1");
            Random random = new Random(42);
            List<long[]> written = new ArrayList<>();
            try (Spill spill = new Spill(work.resolve("spill"), 1, 2)) {
                for (int n = 0; n < 3000; n++) {
                    int key = n < 200 ? 0 : random.nextInt(keys.size());
                    int file = random.nextInt(3);
                    long line = 2 + random.nextInt(1_000_000);
                    written.add(new long[] {key, file, line});
                    spill.add(random.nextInt(2), file, line, EntryKind.ENROLLMENT, 0, keys.get(key), "",
                            ENROLLMENT);
                }
                spill.finishWriting();

                Spill.Partition part = spill.read(0, null);
                List<Spill.Group> groups = part.groups();

                List<String> expectedKeys = written.stream().map(w -> keys.get((int) w[0])).distinct().sorted()
                        .toList();
                assertThat(groups).extracting(Spill.Group::key).containsExactlyElementsOf(expectedKeys);
                int entries = 0;
                for (Spill.Group g : groups) {
                    entries += g.entries().length;
                    for (int i = 1; i < g.entries().length; i++) {
                        int a = g.entries()[i - 1];
                        int b = g.entries()[i];
                        assertThat(part.file(a) < part.file(b)
                                || part.file(a) == part.file(b) && part.line(a) <= part.line(b))
                                .as("entries of %s in file and line order", g.key()).isTrue();
                    }
                    for (int e : g.entries()) {
                        assertThat(part.key(e)).isEqualTo(g.key());
                    }
                }
                assertThat(entries).isEqualTo(written.size());
                assertThat(groups).filteredOn(g -> g.key().equals(keys.get(0))).singleElement()
                        .satisfies(g -> assertThat(g.entries()).hasSizeGreaterThan(200));
            }
        }
    }

    @Nested
    class an_entry {

        @Test
        void reads_back_the_fact_its_kind_names() throws Exception {
            StudentRecord student = StudentRecord.newBuilder()
                    .setStudent(Student.newBuilder().setSsid("1234567890").setBirthDate("2008-01-02")).build();
            try (Spill spill = new Spill(work.resolve("spill"), 1, 1)) {
                spill.add(0, 0, 2, EntryKind.STUDENT, 0, "S1234567890", "", student);
                spill.add(0, 1, 3, EntryKind.ENROLLMENT, 0, "S1234567890", "", ENROLLMENT);
                spill.finishWriting();

                Spill.Partition part = spill.read(0, null);

                assertThat(part.size()).isEqualTo(2);
                assertThat(part.fact(0, Student.parser())).isEqualTo(student.getStudent());
                assertThat(part.fact(1, Enrollment.parser())).isEqualTo(ENROLLMENT.getEnrollments(0));
            }
        }

        @Test
        void is_refused_when_its_fragment_lacks_the_fact_its_kind_names() throws Exception {
            try (Spill spill = new Spill(work.resolve("spill"), 1, 1)) {
                assertThatThrownBy(() -> spill.add(0, 0, 2, EntryKind.GPA, 0, "S1234567890", "", ENROLLMENT))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("a fragment of kind GPA holds no such entry");
            }
        }
    }
}
