package org.baton.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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
    private static final int ASK_READY_EVERY = 10;

    @TempDir
    Path temp;

    /**
     * {@code sync}: commits wait for the disk; {@code without-sync}: they do not, and must still survive the kill;
     * {@code recycled-logs}: commits wait for the disk, and the kill comes only once the store writes to a reused
     * write-ahead log file, whose old records recovery must not take for new ones.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sync", "without-sync", "recycled-logs"})
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
            BooleanSupplier ready = commits.equals("recycled-logs") ? () -> reusesLogFile(dir) : () -> true;
            acknowledged = CompletableFuture.supplyAsync(() -> readAcknowledgements(writer, ready))
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

    /**
     * Reads the writer's acknowledgements until it has made {@link #ACKNOWLEDGED_BEFORE_KILL} commits and
     * {@code ready} holds; returns the students acknowledged by then. {@code ready} is asked at every
     * {@value #ASK_READY_EVERY}th commit only, since it may read a file.
     */
    private static long readAcknowledgements(Process writer, BooleanSupplier ready) {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            long acknowledged = 0;
            int commits = 0;
            String line;
            while ((commits < ACKNOWLEDGED_BEFORE_KILL || commits % ASK_READY_EVERY != 0 || !ready.getAsBoolean())
                    && (line = out.readLine()) != null) {
                acknowledged = Long.parseLong(line.substring("committed ".length()));
                commits++;
            }
            if (commits < ACKNOWLEDGED_BEFORE_KILL || !ready.getAsBoolean()) {
                throw new IllegalStateException("the writer exited after " + commits + " commits; see writer.log");
            }
            return acknowledged;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Whether RocksDB's own log says the store at {@code dir} has taken a write-ahead log file up again. */
    private static boolean reusesLogFile(Path dir) {
        try (Stream<String> lines = Files.lines(dir.resolve("LOG"), StandardCharsets.UTF_8)) {
            return lines.anyMatch(line -> line.contains("from recycle list"));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
