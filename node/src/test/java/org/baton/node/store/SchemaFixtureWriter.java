package org.baton.node.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.StudentRecord;

/**
 * Writes the committed store fixture of the current schema version, which {@link SchemaCompatibilityTest} opens
 * forever after. Run it once whenever {@link Schema#CURRENT_VERSION} is bumped (before changing the layout code,
 * to capture the previous version), never to refresh an existing fixture:
 *
 * <pre>
 * ./mvnw -q -B -o -pl node -am test-compile
 * ./mvnw -q -B -o -pl node dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp "node/target/test-classes:node/target/classes:$(cat /tmp/cp.txt)" \
 *     org.baton.node.store.SchemaFixtureWriter node/src/test/resources/store-fixtures/v1
 * </pre>
 *
 * The fixture directory holds {@code store/} (a checkpoint, so everything is in SST files), {@code data.key}, and
 * {@code expected.binpb}: the stored records in student id order, length-delimited, so the test does not depend on
 * how {@link TestRecords} builds records today.
 */
public final class SchemaFixtureWriter {

    private SchemaFixtureWriter() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SchemaFixtureWriter <fixture directory, e.g. .../store-fixtures/v1>");
        }
        Path fixture = Path.of(args[0]);
        if (Files.exists(fixture)) {
            throw new IllegalArgumentException(fixture + " exists; fixtures are written once and never replaced");
        }
        Files.createDirectories(fixture);
        DataKey key = DataKey.loadOrCreate(fixture.resolve("data.key"));
        Path work = Files.createTempDirectory("store-fixture");
        try (RecordStore store = RecordStore.open(StoreConfig.of(work.resolve("store"), key))) {
            store.writeStudents(List.of(TestRecords.student(1, 4), TestRecords.student(2, 4), TestRecords.student(3, 4)));
            // Change student 2's SSID and name, so the fixture also holds the result of removing stale index entries.
            StudentRecord.Builder changed = TestRecords.student(2, 6).toBuilder();
            changed.getStudentBuilder().setSsid("5555555555").getLegalNameBuilder().setLast("Okafor");
            try (StoreTransaction tx = store.beginTransaction()) {
                tx.replaceStudent(new StudentId(2), changed.build());
                tx.commit();
            }
            store.createCheckpoint(fixture.resolve("store"));
            try (OutputStream out = Files.newOutputStream(fixture.resolve("expected.binpb"));
                    Stream<StoredStudent> all = store.students()) {
                for (StoredStudent student : (Iterable<StoredStudent>) all::iterator) {
                    student.record().writeDelimitedTo(out);
                }
            }
        }
        try (Stream<Path> files = Files.list(fixture.resolve("store"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith("LOG") || name.equals("LOCK")) {
                    Files.delete(file);
                }
            }
        }
        System.out.println("wrote store fixture for schema version " + Schema.CURRENT_VERSION + " to " + fixture);
    }
}
