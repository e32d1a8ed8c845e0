package org.baton.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.baton.node.student.Ssid;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.StudentRecord;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills a writing process with SIGKILL in the middle of its batches, then checks the store it leaves: every
 * acknowledged batch is there, no batch is half there, and the counter and indexes agree with the records.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StoreCrashIT {

    private static final int ACKNOWLEDGED_BEFORE_KILL = 10;

    @TempDir
    Path temp;

    /** {@code sync}: commits wait for the disk; {@code without-sync}: they do not, and must still survive the kill. */
    @ParameterizedTest
    @ValueSource(strings = {"sync", "without-sync"})
    void a_killed_writer_leaves_every_acknowledged_batch_whole_and_no_batch_half_written(String commits)
            throws Exception {
        Path dir = temp.resolve("store");
        Path keyFile = temp.resolve("data.key");
        DataKey.loadOrCreate(keyFile);
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process writer = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), CrashWriter.class.getName(), dir.toString(), keyFile.toString(),
                commits))
                .redirectError(ProcessBuilder.Redirect.appendTo(temp.resolve("writer.log").toFile()))
                .start();
        long acknowledged;
        try {
            acknowledged = CompletableFuture.supplyAsync(() -> readAcknowledgements(writer))
                    .get(2, TimeUnit.MINUTES);
        } finally {
            writer.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
        }
        assertThat(acknowledged).as("students acknowledged before the kill").isPositive();

        try (RecordStore store = RecordStore.open(StoreConfig.of(dir, DataKey.load(keyFile)))) {
            long count = store.studentCount();
            assertThat(count).isGreaterThanOrEqualTo(acknowledged);
            assertThat(count % CrashWriter.BATCH).as("students in whole batches").isZero();
            Set<StudentId> ids = new HashSet<>();
            try (Stream<StoredStudent> all = store.students()) {
                all.forEach(student -> {
                    ids.add(student.id());
                    StudentRecord record = student.record();
                    assertThat(store.findBySsid(Ssid.of(record.getStudent().getSsid())))
                            .map(StoredStudent::id).contains(student.id());
                });
            }
            assertThat(ids).hasSize((int) count);
            assertThat(store.writeStudents(List.of(TestRecords.student(count + 1, 1))))
                    .containsExactly(new StudentId(count + 1));
        }
    }

    private static long readAcknowledgements(Process writer) {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            long acknowledged = 0;
            int commits = 0;
            String line;
            while (commits < ACKNOWLEDGED_BEFORE_KILL && (line = out.readLine()) != null) {
                acknowledged = Long.parseLong(line.substring("committed ".length()));
                commits++;
            }
            if (commits < ACKNOWLEDGED_BEFORE_KILL) {
                throw new IllegalStateException("the writer exited after " + commits + " commits; see writer.log");
            }
            return acknowledged;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
