package org.baton.node.store;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import javax.crypto.AEADBadTagException;
import org.baton.ledger.embedded.DirectIo;
import org.baton.node.student.LocalStudentId;
import org.baton.node.student.Names;
import org.baton.node.student.Ssid;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.StudentRecord;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RocksDB record store.
 *
 * <p>Concurrency: {@code guard} is a read-write lock whose read side every operation holds while it touches native
 * objects and whose write side {@link #close()} takes, so nothing is freed under a running call (a use-after-free
 * in RocksDB's JNI crashes the JVM). {@code writer} admits one write transaction at a time; the counters in the
 * meta column are read when it begins and written in its batch, so they stay exact.
 */
final class RocksRecordStore implements RecordStore {

    private static final Logger LOG = LoggerFactory.getLogger(RecordStore.class);
    private static final long WRITER_WAIT_SECONDS = 60;

    static {
        RocksDB.loadLibrary();
    }

    private final Path directory;
    private final StoreCrypto crypto;
    private final RocksOptions options;
    private final RocksDB db;
    private final List<ColumnFamilyHandle> allHandles;
    private final Map<String, ColumnFamilyHandle> handles;
    private final Map<String, Column<?, ?>> extraColumns;
    private final Map<String, byte[]> columnNames = new HashMap<>();
    private final ReentrantReadWriteLock guard = new ReentrantReadWriteLock();
    private final ReentrantLock writer = new ReentrantLock(true);
    private final Set<ColumnScan<?>> openScans = ConcurrentHashMap.newKeySet();
    private volatile RocksTransaction currentTransaction;
    private boolean closed;
    /** Reads a stored student whole. */
    private final StudentReader<StoredStudent> parsed =
            (id, key, stored) -> new StoredStudent(id, decodeValue(Schema.STUDENTS, key, stored));
    /** Reads a stored student's {@code student} part only, keeping the record serialized. */
    private final StudentReader<SerializedStudent> serialized = (id, key, stored) -> {
        byte[] plain = decryptValue(Schema.STUDENTS, key, stored);
        try {
            return SerializedStudent.of(id, plain);
        } catch (InvalidProtocolBufferException e) {
            throw new StoreReadException(Schema.STUDENTS.name(), "stored value cannot be decoded: " + e.getMessage(),
                    e);
        }
    };
    /**
     * New student ids. A transaction takes ids from the store's counter as it always did; {@link #prepareStudent}
     * reserves ids above both the committed counter and whatever the open transaction has taken, and a
     * transaction skips reserved ids. Without reservations, ids are exactly as before (an uncommitted
     * transaction's ids are taken again by the next). Guarded by {@code idLock}.
     */
    private final Object idLock = new Object();
    private long committedNextId;
    private long openNextId;
    private long reservedNextId;

    private RocksRecordStore(Path directory, StoreCrypto crypto, RocksOptions options, RocksDB db,
            List<ColumnFamilyHandle> allHandles, Map<String, ColumnFamilyHandle> handles,
            Map<String, Column<?, ?>> extraColumns) {
        this.directory = directory;
        this.crypto = crypto;
        this.options = options;
        this.db = db;
        this.allHandles = allHandles;
        this.handles = handles;
        this.extraColumns = extraColumns;
        for (String name : handles.keySet()) {
            columnNames.put(name, name.getBytes(StandardCharsets.US_ASCII));
        }
    }

    // ---------------------------------------------------------------------------------------------- opening

    static RecordStore open(StoreConfig config) {
        return open(config, Schema.CURRENT_VERSION, Schema.MIGRATIONS);
    }

    /** Opens with an explicit schema version and migration list; {@link #open(StoreConfig)} passes the real ones. */
    static RocksRecordStore open(StoreConfig config, int currentVersion, List<Migration> migrations) {
        Objects.requireNonNull(config, "config");
        Path directory = config.directory().toAbsolutePath();
        StoreCrypto crypto = new StoreCrypto(config.dataKey());
        boolean exists = Files.exists(directory.resolve("CURRENT"));
        List<String> onDisk = List.of();
        int foundVersion = currentVersion;
        boolean initialise = !exists;
        if (exists) {
            onDisk = listColumnFamilies(directory);
            Probe probe = probe(directory, onDisk, crypto, currentVersion, migrations);
            initialise = probe.uninitialised();
            foundVersion = probe.version();
        } else {
            prepareEmptyDirectory(directory);
        }

        Map<String, Column<?, ?>> extras = new LinkedHashMap<>();
        for (Column<?, ?> column : config.columns()) {
            extras.put(column.name(), column);
        }
        Set<String> names = new LinkedHashSet<>();
        names.add(Schema.DEFAULT_COLUMN_FAMILY);
        Schema.CORE_COLUMNS.forEach(column -> names.add(column.name()));
        names.addAll(extras.keySet());
        for (String name : onDisk) {
            if (names.add(name)) {
                LOG.info("Record store {} has column family '{}' that no feature declared; keeping it untouched",
                        directory, name);
            }
        }

        RocksOptions options = RocksOptions.create(config);
        List<ColumnFamilyHandle> allHandles = new ArrayList<>();
        RocksDB db = null;
        try {
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            for (String name : names) {
                descriptors.add(new ColumnFamilyDescriptor(
                        name.getBytes(StandardCharsets.US_ASCII), options.forColumn(name, extras.get(name))));
            }
            db = RocksDB.open(options.db, directory.toString(), descriptors, allHandles);
            Map<String, ColumnFamilyHandle> handles = new HashMap<>();
            int i = 0;
            for (String name : names) {
                handles.put(name, allHandles.get(i++));
            }
            if (initialise) {
                initialiseMeta(db, handles, options.write, crypto, currentVersion);
                LOG.info("Created record store {} (schema version {})", directory, currentVersion);
            } else if (foundVersion < currentVersion) {
                migrate(db, handles, options.write, crypto, directory, foundVersion, currentVersion, migrations);
            }
            RocksRecordStore store = new RocksRecordStore(
                    directory, crypto, options, db, allHandles, Map.copyOf(handles), Map.copyOf(extras));
            store.committedNextId = store.readMetaLong(options.read, Schema.META_NEXT_STUDENT_ID);
            LOG.info("Opened record store {} (schema version {}, {} students, {} extra columns)",
                    directory, currentVersion, store.studentCount(), extras.size());
            return store;
        } catch (RocksDBException | RuntimeException e) {
            allHandles.forEach(ColumnFamilyHandle::close);
            if (db != null) {
                db.close();
            }
            options.close();
            if (e instanceof StoreException storeException) {
                throw storeException;
            }
            throw new StoreOpenException(directory, "RocksDB cannot open it (is another process using it?): "
                    + e.getMessage(), e);
        }
    }

    private static void prepareEmptyDirectory(Path directory) {
        try {
            if (Files.isDirectory(directory)) {
                try (Stream<Path> entries = Files.list(directory)) {
                    // A direct I/O probe left by a crash at the first open is not a foreign file.
                    if (entries.anyMatch(entry -> !DirectIo.isProbe(entry))) {
                        throw new StoreOpenException(directory,
                                "the directory is not empty and holds no RocksDB database; refusing to create a store in it");
                    }
                }
            } else {
                Files.createDirectories(directory);
            }
        } catch (IOException e) {
            throw new StoreOpenException(directory, "cannot create the directory", e);
        }
    }

    private static List<String> listColumnFamilies(Path directory) {
        try (org.rocksdb.Options listOptions = new org.rocksdb.Options()) {
            List<String> names = new ArrayList<>();
            for (byte[] name : RocksDB.listColumnFamilies(listOptions, directory.toString())) {
                names.add(new String(name, StandardCharsets.US_ASCII));
            }
            return names;
        } catch (RocksDBException e) {
            throw new StoreOpenException(directory, "cannot list its column families: " + e.getMessage(), e);
        }
    }

    /** What a read-only look at an existing store found. */
    private record Probe(int version, boolean uninitialised) {}

    /**
     * Opens the store read-only and checks it before anything writes to it: a record store, the right data key,
     * a schema version this software can use. A store refused here is left exactly as it was.
     */
    private static Probe probe(Path directory, List<String> onDisk, StoreCrypto crypto, int currentVersion,
            List<Migration> migrations) {
        if (!onDisk.contains(Schema.META.name())) {
            throw new StoreOpenException(directory, "it is a RocksDB database but not a record store (no '"
                    + Schema.META.name() + "' column family)");
        }
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        for (String name : onDisk) {
            descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.US_ASCII)));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions readOnly = new DBOptions();
                RocksDB db = RocksDB.openReadOnly(readOnly, directory.toString(), descriptors, handles)) {
            try {
                ColumnFamilyHandle meta = handles.get(onDisk.indexOf(Schema.META.name()));
                byte[] version = db.get(meta, Schema.META_SCHEMA_VERSION.getBytes(StandardCharsets.UTF_8));
                if (version == null) {
                    for (ColumnFamilyHandle handle : handles) {
                        try (RocksIterator iterator = db.newIterator(handle)) {
                            iterator.seekToFirst();
                            if (iterator.isValid()) {
                                throw new StoreOpenException(directory,
                                        "it holds data but no schema version; it is not a record store");
                            }
                        }
                    }
                    // Created, then interrupted before its meta data was written: nothing to lose, initialise it.
                    return new Probe(currentVersion, true);
                }
                int found = Serializers.uint32().deserialize(version);
                if (found > currentVersion) {
                    throw new UnsupportedSchemaException(directory, found, currentVersion,
                            "it was written by newer software; upgrade Baton to open it");
                }
                for (int step = found; step < currentVersion; step++) {
                    int from = step;
                    if (migrations.stream().noneMatch(m -> m.fromVersion() == from)) {
                        throw new UnsupportedSchemaException(directory, found, currentVersion,
                                "there is no migration from version " + from + " to " + (from + 1));
                    }
                }
                byte[] keyCheck = db.get(meta, Schema.META_KEY_CHECK.getBytes(StandardCharsets.UTF_8));
                if (keyCheck == null || !MessageDigest.isEqual(keyCheck, crypto.keyCheck())) {
                    throw new StoreOpenException(directory,
                            "the data key does not match the key this store was created with");
                }
                return new Probe(found, false);
            } finally {
                handles.forEach(ColumnFamilyHandle::close);
            }
        } catch (RocksDBException e) {
            throw new StoreOpenException(directory, "cannot read it: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new StoreOpenException(directory, "its schema version is malformed: " + e.getMessage(), e);
        }
    }

    private static void initialiseMeta(RocksDB db, Map<String, ColumnFamilyHandle> handles, WriteOptions write,
            StoreCrypto crypto, int version) throws RocksDBException {
        ColumnFamilyHandle meta = handles.get(Schema.META.name());
        try (WriteBatch batch = new WriteBatch()) {
            batch.put(meta, metaKey(Schema.META_SCHEMA_VERSION), Serializers.uint32().serialize(version));
            batch.put(meta, metaKey(Schema.META_STUDENT_COUNT), Serializers.uint64().serialize(0L));
            batch.put(meta, metaKey(Schema.META_NEXT_STUDENT_ID), Serializers.uint64().serialize(1L));
            batch.put(meta, metaKey(Schema.META_KEY_CHECK), crypto.keyCheck());
            db.write(write, batch);
        }
    }

    private static void migrate(RocksDB db, Map<String, ColumnFamilyHandle> handles, WriteOptions write,
            StoreCrypto crypto, Path directory, int found, int currentVersion, List<Migration> migrations)
            throws RocksDBException {
        for (int step = found; step < currentVersion; step++) {
            int from = step;
            Migration migration = migrations.stream()
                    .filter(m -> m.fromVersion() == from)
                    .findFirst()
                    .orElseThrow(); // the probe checked the path
            try (WriteBatch batch = new WriteBatch()) {
                migration.migrate(db, Map.copyOf(handles), crypto, batch);
                batch.put(handles.get(Schema.META.name()), metaKey(Schema.META_SCHEMA_VERSION),
                        Serializers.uint32().serialize(from + 1));
                db.write(write, batch);
            }
            LOG.info("Migrated record store {} from schema version {} to {}", directory, from, from + 1);
        }
    }

    static byte[] metaKey(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------------- students

    @Override
    public Optional<StoredStudent> student(StudentId id) {
        Objects.requireNonNull(id, "id");
        return guarded(() -> readStudent(options.read, id, parsed));
    }

    @Override
    public Optional<StoredStudent> findBySsid(Ssid ssid) {
        Objects.requireNonNull(ssid, "ssid");
        return findByIndex(Schema.SSID_INDEX, StudentKeys.ssidHash(ssid, crypto), parsed);
    }

    @Override
    public Optional<SerializedStudent> findSerializedBySsid(Ssid ssid) {
        Objects.requireNonNull(ssid, "ssid");
        return findByIndex(Schema.SSID_INDEX, StudentKeys.ssidHash(ssid, crypto), serialized);
    }

    @Override
    public Optional<StoredStudent> findByLocalId(LocalStudentId localId) {
        Objects.requireNonNull(localId, "localId");
        return findByIndex(Schema.LOCAL_ID_INDEX, StudentKeys.localIdHash(localId, crypto), parsed);
    }

    private <T> Optional<T> findByIndex(Column<byte[], StudentId> index, byte[] hash, StudentReader<T> reader) {
        return guarded(() -> {
            // Most lookups of a bulk import find nothing: answer those without the cost of a snapshot.
            if (!db.keyMayExist(handle(index), hash, null)) {
                return Optional.empty();
            }
            return withSnapshot(read -> {
                byte[] id = db.get(handle(index), read, hash);
                if (id == null) {
                    return Optional.empty();
                }
                StudentId studentId = decodeValue(index, hash, id);
                return Optional.of(readStudent(read, studentId, reader)
                        .orElseThrow(() -> danglingIndex(index, studentId)));
            });
        });
    }

    @Override
    public List<StoredStudent> findByNameAndBirthDate(String firstName, String lastName, LocalDate birthDate) {
        return findByNameAndBirthDate(firstName, lastName, birthDate, parsed);
    }

    @Override
    public List<SerializedStudent> findSerializedByNameAndBirthDate(String firstName, String lastName,
            LocalDate birthDate) {
        return findByNameAndBirthDate(firstName, lastName, birthDate, serialized);
    }

    private <T> List<T> findByNameAndBirthDate(String firstName, String lastName, LocalDate birthDate,
            StudentReader<T> reader) {
        return findByNameAndBirthDate(firstName, lastName, birthDate, (read, id) -> readStudent(read, id, reader)
                .orElseThrow(() -> danglingIndex(Schema.NAME_DOB_INDEX, id)));
    }

    /** What {@link #findByNameAndBirthDate} makes of each student the index names. */
    @FunctionalInterface
    private interface IndexedStudent<T> {
        T read(ReadOptions read, StudentId id) throws RocksDBException;
    }

    private <T> List<T> findByNameAndBirthDate(String firstName, String lastName, LocalDate birthDate,
            IndexedStudent<T> reader) {
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(birthDate, "birthDate");
        String last = Names.forMatching(lastName);
        if (last.isEmpty()) {
            throw new IllegalArgumentException("lastName must contain at least one letter or digit");
        }
        byte[] prefix = StudentKeys.nameDobHash(Names.forMatching(firstName), last, birthDate, crypto);
        return guarded(() -> withSnapshot(read -> {
            List<T> found = new ArrayList<>();
            try (RocksIterator iterator = db.newIterator(handle(Schema.NAME_DOB_INDEX), read)) {
                for (iterator.seek(prefix); iterator.isValid(); iterator.next()) {
                    byte[] key = iterator.key();
                    if (key.length != prefix.length + Long.BYTES
                            || !Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length)) {
                        break;
                    }
                    StudentId id = new StudentId(ByteBuffer.wrap(key, prefix.length, Long.BYTES).getLong());
                    found.add(reader.read(read, id));
                }
                iterator.status();
            }
            return found;
        }));
    }

    @Override
    public Stream<StoredStudent> students() {
        return guarded(() -> ColumnScan.open(this, Schema.STUDENTS.name(), handle(Schema.STUDENTS), null, null,
                (key, value) -> new StoredStudent(
                        decodeKey(Schema.STUDENTS, key), decodeValue(Schema.STUDENTS, key, value))));
    }

    @Override
    public Stream<SerializedStudent> serializedStudents() {
        return guarded(() -> ColumnScan.open(this, Schema.STUDENTS.name(), handle(Schema.STUDENTS), null, null,
                (key, value) -> serialized.read(decodeKey(Schema.STUDENTS, key), key, value)));
    }

    @Override
    public long studentCount() {
        return guarded(() -> readMetaLong(options.read, Schema.META_STUDENT_COUNT));
    }

    @Override
    public int schemaVersion() {
        return guarded(() -> {
            byte[] value = db.get(handle(Schema.META), options.read, metaKey(Schema.META_SCHEMA_VERSION));
            if (value == null) {
                throw new StoreReadException(Schema.META.name(), "'" + Schema.META_SCHEMA_VERSION + "' is missing",
                        null);
            }
            return Serializers.uint32().deserialize(value);
        });
    }

    @Override
    public List<StudentId> writeStudents(List<StudentRecord> records) {
        Objects.requireNonNull(records, "records");
        List<StudentId> ids = new ArrayList<>(records.size());
        try (StoreTransaction transaction = beginTransaction()) {
            for (int i = 0; i < records.size(); i++) {
                StudentRecord record = Objects.requireNonNull(records.get(i), () -> "records contains null");
                try {
                    ids.add(transaction.putStudent(record));
                } catch (InvalidStudentRecordException e) {
                    throw new InvalidStudentRecordException("records[" + i + "]: " + e.reason());
                }
            }
            transaction.commit();
        }
        return List.copyOf(ids);
    }

    @Override
    public PreparedStudent prepareStudent(StudentRecord record, Optional<StudentId> storedId) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(storedId, "storedId");
        return guarded(() -> {
            byte[] serialized = record.toByteArray();
            StudentKeys keys = StudentKeys.of(record, serialized, crypto);
            StudentId id = storedId.orElseGet(this::reserveStudentId);
            byte[] value = encrypt(Schema.STUDENTS, encodeKey(Schema.STUDENTS, id), serialized);
            return new RocksPreparedStudent(this, keys, keys.encode(), id, storedId.isEmpty(), value);
        });
    }

    @Override
    public List<StudentId> writePrepared(List<PreparedStudent> prepared) {
        Objects.requireNonNull(prepared, "prepared");
        List<StudentId> ids = new ArrayList<>(prepared.size());
        try (StoreTransaction transaction = beginTransaction()) {
            ((RocksTransaction) transaction).prefetchIndexes(prepared);
            for (PreparedStudent p : prepared) {
                ids.add(transaction.putPrepared(Objects.requireNonNull(p, "prepared contains null")));
            }
            transaction.commit();
        }
        return List.copyOf(ids);
    }

    /** A new student id that no transaction has taken or will take. */
    private StudentId reserveStudentId() {
        synchronized (idLock) {
            long id = Math.max(reservedNextId, Math.max(committedNextId, openNextId));
            reservedNextId = id + 1;
            return new StudentId(id);
        }
    }

    /**
     * The id for a new student of the open transaction, whose counter is at {@code next}: {@code next} unless ids
     * from there on were reserved.
     */
    long takeStudentId(long next) {
        synchronized (idLock) {
            long id = Math.max(next, reservedNextId);
            openNextId = id + 1;
            return id;
        }
    }

    /** The open transaction wrote a reserved id; its counter moves past it. */
    void tookReservedId(long next) {
        synchronized (idLock) {
            openNextId = Math.max(openNextId, next);
        }
    }

    /** The open transaction ended; {@code committedNext} is the store's counter now. */
    void idsSettled(long committedNext) {
        synchronized (idLock) {
            committedNextId = committedNext;
            openNextId = 0;
        }
    }

    @Override
    public StoreTransaction beginTransaction() {
        if (writer.isHeldByCurrentThread()) {
            throw new IllegalStateException("this thread already has a write transaction open on record store "
                    + directory + "; commit or close it first");
        }
        try {
            if (!writer.tryLock(WRITER_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new StoreWriteException("timed out after " + WRITER_WAIT_SECONDS
                        + " s waiting for another write transaction on record store " + directory + " to finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreWriteException("interrupted while waiting to begin a write transaction", e);
        }
        try {
            RocksTransaction transaction = guarded(() -> new RocksTransaction(this,
                    readMetaLong(options.read, Schema.META_STUDENT_COUNT),
                    readMetaLong(options.read, Schema.META_NEXT_STUDENT_ID)));
            currentTransaction = transaction;
            return transaction;
        } catch (RuntimeException e) {
            writer.unlock();
            throw e;
        }
    }

    /** Called by a transaction when it ends, on its own thread, with its native batch already released. */
    void transactionEnded(RocksTransaction transaction) {
        if (currentTransaction == transaction) {
            currentTransaction = null;
        }
        writer.unlock();
    }

    // ---------------------------------------------------------------------------------------------- extra columns

    @Override
    public <K, V> Optional<V> get(Column<K, V> column, K key) {
        requireExtra(column);
        Objects.requireNonNull(key, "key");
        byte[] keyBytes = encodeKey(column, key);
        return guarded(() -> {
            byte[] value = db.get(handle(column), options.read, keyBytes);
            return value == null ? Optional.empty() : Optional.of(decodeValue(column, keyBytes, value));
        });
    }

    @Override
    public <K, V> PreparedValue<K, V> prepare(Column<K, V> column, K key, V value) {
        requireExtra(column);
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        byte[] keyBytes = encodeKey(column, key);
        return guarded(() -> new RocksPreparedValue<>(this, column, key, value, keyBytes,
                encodeValue(column, keyBytes, value)));
    }

    @Override
    public <K, V> Stream<ColumnEntry<K, V>> scan(Column<K, V> column) {
        requireExtra(column);
        return scanBytes(column, null, null);
    }

    @Override
    public <K, V> Stream<ColumnEntry<K, V>> scan(Column<K, V> column, K fromInclusive, K toExclusive) {
        requireExtra(column);
        Objects.requireNonNull(fromInclusive, "fromInclusive");
        Objects.requireNonNull(toExclusive, "toExclusive");
        return scanBytes(column, encodeKey(column, fromInclusive), encodeKey(column, toExclusive));
    }

    private <K, V> Stream<ColumnEntry<K, V>> scanBytes(Column<K, V> column, byte[] from, byte[] to) {
        return guarded(() -> ColumnScan.open(this, column.name(), handle(column), from, to,
                (key, value) -> new ColumnEntry<>(decodeKey(column, key), decodeValue(column, key, value))));
    }

    void requireExtra(Column<?, ?> column) {
        Objects.requireNonNull(column, "column");
        if (!column.equals(extraColumns.get(column.name()))) {
            throw new IllegalArgumentException("column '" + column.name()
                    + "' is not declared in this store's StoreConfig (declare the same Column constant there)");
        }
    }

    // ---------------------------------------------------------------------------------------------- checkpoint

    @Override
    public void createCheckpoint(Path target) {
        Objects.requireNonNull(target, "target");
        Path absolute = target.toAbsolutePath();
        guarded(() -> {
            if (Files.exists(absolute)) {
                throw new CheckpointException(absolute, "the target already exists; choose a new directory", null);
            }
            try {
                Files.createDirectories(absolute.getParent());
            } catch (IOException e) {
                throw new CheckpointException(absolute, "cannot create its parent directory", e);
            }
            try (Checkpoint checkpoint = Checkpoint.create(db)) {
                checkpoint.createCheckpoint(absolute.toString());
            } catch (RocksDBException e) {
                throw new CheckpointException(absolute, "RocksDB failed: " + e.getMessage(), e);
            }
            LOG.info("Created checkpoint of record store {} at {}", directory, absolute);
            return null;
        });
    }

    // ---------------------------------------------------------------------------------------------- lifecycle

    @Override
    public void close() {
        guard.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            // Order matters (and matches Kafka's RocksDBStore): iterators and batches, column family handles,
            // the database, and only then the options the database was using.
            for (ColumnScan<?> scan : List.copyOf(openScans)) {
                scan.releaseNative();
            }
            RocksTransaction transaction = currentTransaction;
            if (transaction != null) {
                transaction.releaseNative();
            }
            if (options.write.sync()) {
                // Commits made without sync (StoreTransaction#commitWithoutSync) become durable here at the latest.
                try {
                    db.syncWal();
                } catch (RocksDBException e) {
                    LOG.warn("Record store {}: could not sync the write-ahead log while closing: {}", directory,
                            e.getMessage());
                }
            }
            allHandles.forEach(ColumnFamilyHandle::close);
            try {
                db.closeE();
            } catch (RocksDBException e) {
                LOG.warn("Record store {}: RocksDB reported an error while closing: {}", directory, e.getMessage());
            }
            options.close();
            LOG.info("Closed record store {}", directory);
        } finally {
            guard.writeLock().unlock();
        }
    }

    boolean isClosed() {
        return closed;
    }

    void lockGuard() {
        guard.readLock().lock();
    }

    void unlockGuard() {
        guard.readLock().unlock();
    }

    void register(ColumnScan<?> scan) {
        openScans.add(scan);
    }

    void unregister(ColumnScan<?> scan) {
        openScans.remove(scan);
    }

    /** A native call that can fail with a checked {@link RocksDBException}. */
    @FunctionalInterface
    interface RocksCall<T> {
        T call() throws RocksDBException;
    }

    /** A read against an explicit snapshot. */
    @FunctionalInterface
    private interface SnapshotRead<T> {
        T read(ReadOptions snapshotOptions) throws RocksDBException;
    }

    /** Runs {@code call} under the guard, failing if the store is closed; RocksDB errors become store exceptions. */
    <T> T guarded(RocksCall<T> call) {
        guard.readLock().lock();
        try {
            if (closed) {
                throw new StoreClosedException("record store " + directory + " is closed");
            }
            return call.call();
        } catch (RocksDBException e) {
            throw new StoreReadException("RocksDB failed: " + e.getMessage(), e);
        } finally {
            guard.readLock().unlock();
        }
    }

    private <T> T withSnapshot(SnapshotRead<T> read) throws RocksDBException {
        Snapshot snapshot = db.getSnapshot();
        try (ReadOptions snapshotOptions = new ReadOptions().setSnapshot(snapshot)) {
            return read.read(snapshotOptions);
        } finally {
            db.releaseSnapshot(snapshot);
        }
    }

    // ---------------------------------------------------------------------------------------------- codec

    RocksDB db() {
        return db;
    }

    StoreCrypto crypto() {
        return crypto;
    }

    RocksOptions options() {
        return options;
    }

    Path directory() {
        return directory;
    }

    ColumnFamilyHandle handle(Column<?, ?> column) {
        return handles.get(column.name());
    }

    <K> byte[] encodeKey(Column<K, ?> column, K key) {
        try {
            return column.keys().serialize(key);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("column '" + column.name() + "': cannot serialize key: "
                    + e.getMessage(), e);
        }
    }

    <K> K decodeKey(Column<K, ?> column, byte[] key) {
        try {
            return column.keys().deserialize(key);
        } catch (RuntimeException e) {
            throw new StoreReadException(column.name(), "stored key cannot be decoded: " + e.getMessage(), e);
        }
    }

    <V> byte[] encodeValue(Column<?, V> column, byte[] key, V value) {
        byte[] plain;
        try {
            plain = column.values().serialize(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("column '" + column.name() + "': cannot serialize value: "
                    + e.getMessage(), e);
        }
        return column.encrypted() ? encrypt(column, key, plain) : plain;
    }

    /** Encrypts already serialized bytes for {@code column}, bound to the column and {@code key}. */
    byte[] encrypt(Column<?, ?> column, byte[] key, byte[] plain) {
        return crypto.encrypt(columnNames.get(column.name()), key, plain);
    }

    /** Decrypts a value of an encrypted column, as {@link #decodeValue} does, without deserializing it. */
    byte[] decryptValue(Column<?, ?> column, byte[] key, byte[] stored) {
        try {
            return crypto.decrypt(columnNames.get(column.name()), key, stored);
        } catch (AEADBadTagException e) {
            throw new StoreReadException(column.name(), "value fails authentication (wrong data key, "
                    + "tampered, or moved from another key)", e);
        } catch (IllegalArgumentException e) {
            throw new StoreReadException(column.name(), "value is not an encrypted value: " + e.getMessage(), e);
        }
    }

    <V> V decodeValue(Column<?, V> column, byte[] key, byte[] stored) {
        byte[] plain = stored;
        if (column.encrypted()) {
            try {
                plain = crypto.decrypt(columnNames.get(column.name()), key, stored);
            } catch (AEADBadTagException e) {
                throw new StoreReadException(column.name(), "value fails authentication (wrong data key, "
                        + "tampered, or moved from another key)", e);
            } catch (IllegalArgumentException e) {
                throw new StoreReadException(column.name(), "value is not an encrypted value: " + e.getMessage(), e);
            }
        }
        try {
            return column.values().deserialize(plain);
        } catch (RuntimeException e) {
            throw new StoreReadException(column.name(), "stored value cannot be decoded: " + e.getMessage(), e);
        }
    }

    private <T> Optional<T> readStudent(ReadOptions read, StudentId id, StudentReader<T> reader)
            throws RocksDBException {
        byte[] key = encodeKey(Schema.STUDENTS, id);
        byte[] value = db.get(handle(Schema.STUDENTS), read, key);
        return value == null ? Optional.empty() : Optional.of(reader.read(id, key, value));
    }

    /** How a lookup hands out a stored student: parsed whole, or with only its identity read. */
    @FunctionalInterface
    private interface StudentReader<T> {
        T read(StudentId id, byte[] key, byte[] stored);
    }

    long readMetaLong(ReadOptions read, String name) throws RocksDBException {
        byte[] value = db.get(handle(Schema.META), read, metaKey(name));
        if (value == null) {
            throw new StoreReadException(Schema.META.name(), "'" + name + "' is missing", null);
        }
        return Serializers.uint64().deserialize(value);
    }

    private static StoreReadException danglingIndex(Column<?, ?> index, StudentId id) {
        return new StoreReadException(index.name(), "index entry points to student " + id
                + ", which does not exist (the store is inconsistent)", null);
    }
}
