package org.baton.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.baton.node.store.TestRecords.student;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.baton.node.student.LocalStudentId;
import org.baton.node.student.Ssid;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.LocalId;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SchemaCompatibilityTest {

    @TempDir
    Path temp;

    /** Every committed fixture: {@code store-fixtures/v<N>} for each schema version N that ever existed. */
    static Stream<Path> fixtures() throws IOException, URISyntaxException {
        Path root = Path.of(SchemaCompatibilityTest.class.getResource("/store-fixtures").toURI());
        return Files.list(root).filter(dir -> dir.getFileName().toString().matches("v\\d+")).sorted();
    }

    @Test
    void there_is_a_fixture_for_every_schema_version() throws Exception {
        try (Stream<Path> fixtures = fixtures()) {
            assertThat(fixtures.map(dir -> dir.getFileName().toString()))
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, Schema.CURRENT_VERSION)
                            .mapToObj(v -> "v" + v).toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void every_earlier_store_is_read_back_exactly_or_migrated_or_refused_never_misread(Path fixture) throws Exception {
        int version = Integer.parseInt(fixture.getFileName().toString().substring(1));
        Path dir = copy(fixture.resolve("store"), temp.resolve("store"));
        Path keyFile = Files.copy(fixture.resolve("data.key"), temp.resolve("data.key"));
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        StoreConfig config = StoreConfig.of(dir, DataKey.load(keyFile));
        boolean migratable = java.util.stream.IntStream.range(version, Schema.CURRENT_VERSION)
                .allMatch(from -> Schema.MIGRATIONS.stream().anyMatch(m -> m.fromVersion() == from));

        if (!migratable) {
            assertThatThrownBy(() -> RecordStore.open(config))
                    .isInstanceOfSatisfying(UnsupportedSchemaException.class,
                            e -> assertThat(e.foundVersion()).isEqualTo(version))
                    .hasMessageContaining("there is no migration from version");
            return;
        }
        List<StudentRecord> expected = expected(fixture.resolve("expected.binpb"));
        try (RecordStore store = RecordStore.open(config)) {
            assertThat(store.studentCount()).isEqualTo(expected.size());
            try (Stream<StoredStudent> all = store.students()) {
                assertThat(all.map(StoredStudent::record).toList()).isEqualTo(expected);
            }
            for (int i = 0; i < expected.size(); i++) {
                StudentId id = new StudentId(i + 1);
                Student s = expected.get(i).getStudent();
                assertThat(store.findBySsid(Ssid.of(s.getSsid()))).map(StoredStudent::id).contains(id);
                for (LocalId localId : s.getLocalIdsList()) {
                    assertThat(store.findByLocalId(LocalStudentId.of(localId.getIssuer(), localId.getValue())))
                            .map(StoredStudent::id).contains(id);
                }
                assertThat(store.findByNameAndBirthDate(s.getLegalName().getFirst(), s.getLegalName().getLast(),
                        LocalDate.parse(s.getBirthDate()))).extracting(StoredStudent::id).contains(id);
            }
            // Still writable, continuing the id sequence.
            assertThat(store.writeStudents(List.of(student(100, 1)))).containsExactly(new StudentId(expected.size() + 1));
        }
    }

    @Nested
    class Refusal {

        @Test
        void refuses_a_newer_schema_and_leaves_the_store_untouched() throws Exception {
            Path dir = createStore();
            RawRocks.setSchemaVersion(dir, Schema.CURRENT_VERSION + 1);
            List<String> familiesBefore = RawRocks.columnFamilies(dir);

            assertThatThrownBy(() -> StoreTestSupport.open(dir))
                    .isInstanceOfSatisfying(UnsupportedSchemaException.class, e -> {
                        assertThat(e.foundVersion()).isEqualTo(Schema.CURRENT_VERSION + 1);
                        assertThat(e.supportedVersion()).isEqualTo(Schema.CURRENT_VERSION);
                    })
                    .hasMessage("cannot open record store " + dir.toAbsolutePath() + ": schema version "
                            + (Schema.CURRENT_VERSION + 1) + " is not supported (this software uses version "
                            + Schema.CURRENT_VERSION + "): it was written by newer software; upgrade Baton to open it");
            assertThat(RawRocks.schemaVersion(dir)).isEqualTo(Schema.CURRENT_VERSION + 1);
            assertThat(RawRocks.columnFamilies(dir)).isEqualTo(familiesBefore);
        }

        @Test
        void refuses_an_older_schema_without_a_migration_and_leaves_the_store_untouched() throws Exception {
            Path dir = createStore();
            RawRocks.setSchemaVersion(dir, 0);

            assertThatThrownBy(() -> StoreTestSupport.open(dir))
                    .isInstanceOf(UnsupportedSchemaException.class)
                    .hasMessage("cannot open record store " + dir.toAbsolutePath() + ": schema version 0 is not"
                            + " supported (this software uses version " + Schema.CURRENT_VERSION
                            + "): there is no migration from version 0 to 1");
            assertThat(RawRocks.schemaVersion(dir)).isZero();
        }

        @Test
        void refuses_a_rocksdb_database_that_is_not_a_record_store() throws Exception {
            Path dir = temp.resolve("foreign");
            RawRocks.with(dir, List.of(), (db, columns) -> db.put("k".getBytes(StandardCharsets.UTF_8), new byte[1]));

            assertThatThrownBy(() -> StoreTestSupport.open(dir))
                    .isInstanceOf(StoreOpenException.class)
                    .hasMessage("cannot open record store " + dir.toAbsolutePath()
                            + ": it is a RocksDB database but not a record store (no 'meta' column family)");
        }

        @Test
        void refuses_a_store_with_data_but_no_schema_version() throws Exception {
            Path dir = createStore();
            RawRocks.with(dir, List.of(), (db, columns) ->
                    db.delete(columns.get("meta"), "schema_version".getBytes(StandardCharsets.UTF_8)));

            assertThatThrownBy(() -> StoreTestSupport.open(dir))
                    .isInstanceOf(StoreOpenException.class)
                    .hasMessage("cannot open record store " + dir.toAbsolutePath()
                            + ": it holds data but no schema version; it is not a record store");
        }

        @Test
        void initialises_a_store_whose_creation_was_interrupted_before_anything_was_written() throws Exception {
            Path dir = temp.resolve("interrupted");
            RawRocks.with(dir, List.of("meta", "students"), (db, columns) -> { });

            try (RecordStore store = StoreTestSupport.open(dir)) {
                assertThat(store.studentCount()).isZero();
                assertThat(store.writeStudents(List.of(student(1, 1)))).containsExactly(new StudentId(1));
            }
        }
    }

    @Nested
    class Migration {

        /** A stand-in for a future schema version 2 that adds a meta entry, run through the real open path. */
        private final org.baton.node.store.Migration toVersion2 = new org.baton.node.store.Migration() {
            @Override
            public int fromVersion() {
                return 1;
            }

            @Override
            public void migrate(RocksDB db, Map<String, ColumnFamilyHandle> columns, StoreCrypto crypto,
                    WriteBatch batch) throws RocksDBException {
                batch.put(columns.get("meta"), "migrated".getBytes(StandardCharsets.UTF_8), new byte[] {1});
            }
        };

        @Test
        void upgrades_an_older_store_through_the_migration_list_and_records_the_new_version() throws Exception {
            Path dir = createStore();

            try (RecordStore store = RocksRecordStore.open(StoreTestSupport.config(dir), 2, List.of(toVersion2))) {
                assertThat(store.findBySsid(Ssid.of(TestRecords.ssid(1)))).isPresent();
            }

            assertThat(RawRocks.schemaVersion(dir)).isEqualTo(2);
            RawRocks.with(dir, List.of(), (db, columns) -> assertThat(
                    db.get(columns.get("meta"), "migrated".getBytes(StandardCharsets.UTF_8))).containsExactly(1));
            assertThatThrownBy(() -> StoreTestSupport.open(dir))
                    .isInstanceOf(UnsupportedSchemaException.class)
                    .hasMessageEndingWith("it was written by newer software; upgrade Baton to open it");
        }

        @Test
        void leaves_the_store_at_its_old_version_when_a_migration_fails() throws Exception {
            Path dir = createStore();
            org.baton.node.store.Migration failing = new org.baton.node.store.Migration() {
                @Override
                public int fromVersion() {
                    return 1;
                }

                @Override
                public void migrate(RocksDB db, Map<String, ColumnFamilyHandle> columns, StoreCrypto crypto,
                        WriteBatch batch) throws RocksDBException {
                    batch.put(columns.get("meta"), "half".getBytes(StandardCharsets.UTF_8), new byte[] {1});
                    throw new RocksDBException("simulated failure");
                }
            };

            assertThatThrownBy(() -> RocksRecordStore.open(StoreTestSupport.config(dir), 2, List.of(failing)))
                    .isInstanceOf(StoreOpenException.class)
                    .hasMessageContaining("simulated failure");

            assertThat(RawRocks.schemaVersion(dir)).isEqualTo(1);
            try (RecordStore store = StoreTestSupport.open(dir)) {
                assertThat(store.studentCount()).isEqualTo(1);
            }
        }
    }

    private Path createStore() {
        Path dir = temp.resolve("store");
        try (RecordStore store = StoreTestSupport.open(dir)) {
            store.writeStudents(List.of(student(1, 3)));
        }
        return dir;
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Files.copy(source, to.resolve(from.relativize(source).toString()));
            }
        }
        return to;
    }

    private static List<StudentRecord> expected(Path file) throws IOException {
        List<StudentRecord> records = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            StudentRecord record;
            while ((record = StudentRecord.parseDelimitedFrom(in)) != null) {
                records.add(record);
            }
        }
        return records;
    }
}
