package org.baton.node.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.StudentRecord;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A write transaction: a map of the pending writes, so reads inside the transaction see its own writes (a student
 * written twice in one import batch resolves to one student), written at commit as one RocksDB {@link WriteBatch}
 * with one atomic {@code db.write}. The map is cheaper than RocksDB's {@code WriteBatchWithIndex} (about half the
 * cost per student in a bulk import). Holds the store's writer lock from begin to end, so nothing else changes the
 * keys it read.
 *
 * <p>The batch holds each column's writes in key order. RocksDB inserts a batch into its memtables one key after
 * another, each search starting from where the previous key went: keys in order cost a short step each, keys in
 * random order (exchange ids, hashes) a search of the skip list from the top every time. The map holds the last
 * write of each key, which is what the batch would have left had every write gone into it.
 */
final class RocksTransaction implements StoreTransaction {

    private static final byte[] EMPTY = new byte[0];
    /** Marks a pending delete in {@link #pending}; compared by identity. */
    private static final byte[] DELETED = new byte[0];

    private enum State { OPEN, ABORTED, ENDED }

    private final RocksRecordStore store;
    private final StoreCrypto crypto;
    private final Thread owner = Thread.currentThread();
    private final long initialStudentCount;
    private final long initialNextStudentId;
    private long studentCount;
    private long nextStudentId;
    private WriteBatch batch = new WriteBatch();
    /** This transaction's writes by column name: a value, or {@link #DELETED}. */
    private final Map<String, ColumnWrites> pending = new HashMap<>();
    /**
     * Index entries read ahead from the database by {@link #prefetchIndexes} (absent ones as {@link #DELETED});
     * valid for the whole transaction, since the writer lock keeps other writers out and {@link #pending} holds
     * this transaction's own writes, which are consulted first.
     */
    private final Map<String, Map<ByteBuffer, byte[]>> prefetched = new HashMap<>();
    private State state = State.OPEN;
    private boolean committed;
    private String abortReason;

    RocksTransaction(RocksRecordStore store, long studentCount, long nextStudentId) {
        this.store = store;
        this.crypto = store.crypto();
        this.initialStudentCount = studentCount;
        this.initialNextStudentId = nextStudentId;
        this.studentCount = studentCount;
        this.nextStudentId = nextStudentId;
    }

    // ---------------------------------------------------------------------------------------------- students

    @Override
    public StudentId putStudent(StudentRecord record) {
        Objects.requireNonNull(record, "record");
        return run(() -> {
            byte[] serialized = record.toByteArray();
            StudentKeys keys = StudentKeys.of(record, serialized, crypto);
            StudentId existing = resolve(keys, null);
            if (existing == null) {
                StudentId id = new StudentId(store.takeStudentId(nextStudentId));
                write(id, Optional.empty(), keys, serialized);
                nextStudentId = id.value() + 1;
                studentCount++;
                return id;
            }
            StudentKeys old = indexedKeys(existing);
            if (!old.sameAs(keys)) {
                write(existing, Optional.of(old), keys, serialized);
            }
            return existing;
        });
    }

    /** The stored keys of a student an index points to; their absence means the store is inconsistent. */
    private StudentKeys indexedKeys(StudentId existing) throws RocksDBException {
        return readKeys(existing).orElseThrow(() -> new StoreReadException(
                Schema.STUDENT_KEYS.name(), "an index points to student " + existing
                        + ", which does not exist (the store is inconsistent)", null));
    }

    @Override
    public StudentId putPrepared(PreparedStudent prepared) {
        Objects.requireNonNull(prepared, "prepared");
        if (!(prepared instanceof RocksPreparedStudent p) || p.store() != store) {
            throw new IllegalArgumentException("the student was prepared by another record store");
        }
        return run(() -> {
            StudentKeys keys = p.keys();
            StudentId existing = resolve(keys, null);
            if (existing == null) {
                StudentId id;
                byte[] value;
                if (p.reserved()) {
                    id = p.id();
                    value = p.value();
                    store.tookReservedId(id.value() + 1);
                } else {
                    // Prepared for a stored student that is gone: a new student after all.
                    id = new StudentId(store.takeStudentId(nextStudentId));
                    value = reencrypt(p, id);
                }
                write(id, Optional.empty(), keys, p.encodedKeys(), value);
                nextStudentId = Math.max(nextStudentId, id.value() + 1);
                studentCount++;
                return id;
            }
            StudentKeys old = indexedKeys(existing);
            if (!old.sameAs(keys)) {
                byte[] value = existing.equals(p.id()) ? p.value()
                        : reencrypt(p, existing);
                write(existing, Optional.of(old), keys, p.encodedKeys(), value);
            }
            return existing;
        });
    }

    /** The prepared value encrypted for student {@code id} instead (rare: the student was not the expected one). */
    private byte[] reencrypt(RocksPreparedStudent p, StudentId id) {
        byte[] plain = store.decryptValue(Schema.STUDENTS, store.encodeKey(Schema.STUDENTS, p.id()), p.value());
        return store.encrypt(Schema.STUDENTS, store.encodeKey(Schema.STUDENTS, id), plain);
    }

    @Override
    public void replaceStudent(StudentId id, StudentRecord record) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(record, "record");
        run(() -> {
            byte[] serialized = record.toByteArray();
            StudentKeys keys = StudentKeys.of(record, serialized, crypto);
            Optional<StudentKeys> old = readKeys(id);
            if (old.isEmpty()) {
                throw new StudentNotFoundException(id, "replace");
            }
            resolve(keys, id);
            if (!old.get().sameAs(keys)) {
                write(id, old, keys, serialized);
            }
            return null;
        });
    }

    @Override
    public boolean deleteStudent(StudentId id) {
        Objects.requireNonNull(id, "id");
        return run(() -> {
            Optional<StudentKeys> old = readKeys(id);
            if (old.isEmpty()) {
                return false;
            }
            byte[] key = store.encodeKey(Schema.STUDENTS, id);
            removeIndexes(id, old.get());
            deleteBytes(Schema.STUDENTS, key);
            deleteBytes(Schema.STUDENT_KEYS, key);
            studentCount--;
            return true;
        });
    }

    @Override
    public Optional<StoredStudent> student(StudentId id) {
        Objects.requireNonNull(id, "id");
        return run(() -> {
            byte[] key = store.encodeKey(Schema.STUDENTS, id);
            byte[] value = readBytes(Schema.STUDENTS, key);
            return value == null
                    ? Optional.empty()
                    : Optional.of(new StoredStudent(id, store.decodeValue(Schema.STUDENTS, key, value)));
        });
    }

    /**
     * The stored student the record's SSID and local ids identify, or {@code null} for a new student.
     *
     * @param expected when not {@code null}, the only student the keys may identify
     * @throws StudentIdentityConflictException if they identify two students (or one other than {@code expected})
     */
    private StudentId resolve(StudentKeys keys, StudentId expected) throws RocksDBException {
        StudentId found = expected;
        if (keys.ssid().isPresent()) {
            StudentId bySsid = lookup(Schema.SSID_INDEX, keys.ssid().get());
            if (bySsid != null) {
                if (found != null && !found.equals(bySsid)) {
                    throw new StudentIdentityConflictException(found, bySsid, "SSID");
                }
                found = bySsid;
            }
        }
        for (byte[] localId : keys.localIds()) {
            StudentId byLocalId = lookup(Schema.LOCAL_ID_INDEX, localId);
            if (byLocalId != null) {
                if (found != null && !found.equals(byLocalId)) {
                    throw new StudentIdentityConflictException(found, byLocalId, "local id");
                }
                found = byLocalId;
            }
        }
        return found;
    }

    private StudentId lookup(Column<byte[], StudentId> index, byte[] hash) throws RocksDBException {
        byte[] value = readBytes(index, hash);
        return value == null ? null : store.decodeValue(index, hash, value);
    }

    private Optional<StudentKeys> readKeys(StudentId id) throws RocksDBException {
        byte[] key = store.encodeKey(Schema.STUDENT_KEYS, id);
        byte[] value = readBytes(Schema.STUDENT_KEYS, key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(StudentKeys.decode(value));
        } catch (IllegalArgumentException e) {
            throw new StoreReadException(Schema.STUDENT_KEYS.name(), "entry of student " + id + " is malformed: "
                    + e.getMessage(), e);
        }
    }

    /** Everything that can fail for a reason of the record is checked before this runs; only writes remain. */
    private void write(StudentId id, Optional<StudentKeys> old, StudentKeys keys, byte[] serialized)
            throws RocksDBException {
        byte[] key = store.encodeKey(Schema.STUDENTS, id);
        write(id, old, keys, keys.encode(), store.encrypt(Schema.STUDENTS, key, serialized));
    }

    /** As {@link #write(StudentId, Optional, StudentKeys, byte[])}, with the value already encrypted for {@code id}. */
    private void write(StudentId id, Optional<StudentKeys> old, StudentKeys keys, byte[] keysValue, byte[] value)
            throws RocksDBException {
        byte[] key = store.encodeKey(Schema.STUDENTS, id);
        if (old.isPresent()) {
            removeIndexes(id, old.get());
        }
        // Index values are the student id, encoded as in the students column.
        if (keys.ssid().isPresent()) {
            putBytes(Schema.SSID_INDEX, keys.ssid().get(), key);
        }
        for (byte[] localId : keys.localIds()) {
            putBytes(Schema.LOCAL_ID_INDEX, localId, key);
        }
        if (keys.nameDob().isPresent()) {
            putBytes(Schema.NAME_DOB_INDEX, nameDobKey(keys.nameDob().get(), id), EMPTY);
        }
        putBytes(Schema.STUDENTS, key, value);
        putBytes(Schema.STUDENT_KEYS, key, keysValue);
    }

    private void removeIndexes(StudentId id, StudentKeys old) throws RocksDBException {
        if (old.ssid().isPresent()) {
            deleteBytes(Schema.SSID_INDEX, old.ssid().get());
        }
        for (byte[] localId : old.localIds()) {
            deleteBytes(Schema.LOCAL_ID_INDEX, localId);
        }
        if (old.nameDob().isPresent()) {
            deleteBytes(Schema.NAME_DOB_INDEX, nameDobKey(old.nameDob().get(), id));
        }
    }

    /** One column's pending writes. */
    private static final class ColumnWrites {
        private static final Comparator<Map.Entry<ByteBuffer, byte[]>> BY_KEY =
                (a, b) -> Arrays.compareUnsigned(a.getKey().array(), b.getKey().array());

        final ColumnFamilyHandle handle;
        /** Keys wrap whole arrays, so {@code array()} is the key. */
        final Map<ByteBuffer, byte[]> byKey = new HashMap<>();

        ColumnWrites(ColumnFamilyHandle handle) {
            this.handle = handle;
        }

        void addTo(WriteBatch batch) throws RocksDBException {
            List<Map.Entry<ByteBuffer, byte[]>> writes = new ArrayList<>(byKey.entrySet());
            writes.sort(BY_KEY);
            for (Map.Entry<ByteBuffer, byte[]> write : writes) {
                if (write.getValue() == DELETED) {
                    batch.delete(handle, write.getKey().array());
                } else {
                    batch.put(handle, write.getKey().array(), write.getValue());
                }
            }
        }
    }

    private void putBytes(Column<?, ?> column, byte[] key, byte[] value) {
        writes(column).byKey.put(ByteBuffer.wrap(key), value);
    }

    private void deleteBytes(Column<?, ?> column, byte[] key) {
        writes(column).byKey.put(ByteBuffer.wrap(key), DELETED);
    }

    private ColumnWrites writes(Column<?, ?> column) {
        ColumnWrites writes = pending.get(column.name());
        if (writes == null) {
            writes = new ColumnWrites(store.handle(column));
            pending.put(column.name(), writes);
        }
        return writes;
    }

    /** The value this transaction would leave under {@code key}: its own pending write, else the database's. */
    private byte[] readBytes(Column<?, ?> column, byte[] key) throws RocksDBException {
        ColumnWrites writes = pending.get(column.name());
        if (writes != null) {
            byte[] value = writes.byKey.get(ByteBuffer.wrap(key));
            if (value != null) {
                return value == DELETED ? null : value;
            }
        }
        Map<ByteBuffer, byte[]> read = prefetched.get(column.name());
        if (read != null) {
            byte[] value = read.get(ByteBuffer.wrap(key));
            if (value != null) {
                return value == DELETED ? null : value;
            }
        }
        return store.db().get(store.handle(column), store.options().read, key);
    }

    /**
     * Reads the SSID and local id index entries of {@code students} from the database in one multi-get, so that
     * {@link #putPrepared} of each finds them without a read of its own (a bulk load's writer thread otherwise
     * spends a large share of its time in single reads).
     */
    void prefetchIndexes(List<PreparedStudent> students) {
        run(() -> {
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            List<String> columns = new ArrayList<>();
            List<byte[]> keys = new ArrayList<>();
            for (PreparedStudent prepared : students) {
                if (!(prepared instanceof RocksPreparedStudent p)) {
                    continue; // putPrepared refuses it
                }
                p.keys().ssid().ifPresent(hash -> {
                    handles.add(store.handle(Schema.SSID_INDEX));
                    columns.add(Schema.SSID_INDEX.name());
                    keys.add(hash);
                });
                for (byte[] hash : p.keys().localIds()) {
                    handles.add(store.handle(Schema.LOCAL_ID_INDEX));
                    columns.add(Schema.LOCAL_ID_INDEX.name());
                    keys.add(hash);
                }
            }
            if (keys.isEmpty()) {
                return null;
            }
            List<byte[]> values = store.db().multiGetAsList(store.options().read, handles, keys);
            for (int i = 0; i < keys.size(); i++) {
                byte[] value = values.get(i);
                prefetched.computeIfAbsent(columns.get(i), name -> new HashMap<>())
                        .put(ByteBuffer.wrap(keys.get(i)), value == null ? DELETED : value);
            }
            return null;
        });
    }

    static byte[] nameDobKey(byte[] hash, StudentId id) {
        return ByteBuffer.allocate(hash.length + Long.BYTES).put(hash).putLong(id.value()).array();
    }

    // ---------------------------------------------------------------------------------------------- extra columns

    @Override
    public <K, V> void put(Column<K, V> column, K key, V value) {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        run(() -> {
            store.requireExtra(column);
            byte[] keyBytes = store.encodeKey(column, key);
            byte[] valueBytes = store.encodeValue(column, keyBytes, value);
            putBytes(column, keyBytes, valueBytes);
            return null;
        });
    }

    @Override
    public void put(PreparedValue<?, ?> prepared) {
        Objects.requireNonNull(prepared, "prepared");
        if (!(prepared instanceof RocksPreparedValue<?, ?> p) || p.store() != store) {
            throw new IllegalArgumentException("the value was prepared by another record store");
        }
        run(() -> {
            putBytes(p.column(), p.keyBytes(), p.stored());
            return null;
        });
    }

    @Override
    public <K, V> void delete(Column<K, V> column, K key) {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(key, "key");
        run(() -> {
            store.requireExtra(column);
            deleteBytes(column, store.encodeKey(column, key));
            return null;
        });
    }

    @Override
    public <K, V> Optional<V> get(Column<K, V> column, K key) {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(key, "key");
        return run(() -> {
            store.requireExtra(column);
            byte[] keyBytes = store.encodeKey(column, key);
            byte[] value = readBytes(column, keyBytes);
            return value == null ? Optional.empty() : Optional.of(store.decodeValue(column, keyBytes, value));
        });
    }

    // ---------------------------------------------------------------------------------------------- lifecycle

    @Override
    public void commit() {
        commit(store.options().write);
    }

    @Override
    public void commitWithoutSync() {
        commit(store.options().writeWithoutSync);
    }

    private void commit(WriteOptions writeOptions) {
        checkThread();
        if (state == State.ENDED) {
            throw new IllegalStateException("transaction has already ended (committed or closed)");
        }
        try {
            if (state == State.ABORTED) {
                throw new IllegalStateException(
                        "cannot commit: the transaction was aborted by an earlier failure (" + abortReason
                                + "); nothing was written");
            }
            store.lockGuard();
            try {
                if (store.isClosed()) {
                    throw new StoreClosedException("cannot commit: record store " + store.directory()
                            + " was closed; nothing was written");
                }
                if (studentCount != initialStudentCount) {
                    putBytes(Schema.META, RocksRecordStore.metaKey(Schema.META_STUDENT_COUNT),
                            Serializers.uint64().serialize(studentCount));
                }
                if (nextStudentId != initialNextStudentId) {
                    putBytes(Schema.META, RocksRecordStore.metaKey(Schema.META_NEXT_STUDENT_ID),
                            Serializers.uint64().serialize(nextStudentId));
                }
                for (ColumnWrites column : pending.values()) {
                    column.addTo(batch);
                }
                store.db().write(writeOptions, batch);
                committed = true;
            } catch (RocksDBException e) {
                throw new StoreWriteException("commit to record store " + store.directory()
                        + " failed; nothing was written: " + e.getMessage(), e);
            } finally {
                store.unlockGuard();
            }
        } finally {
            end();
        }
    }

    @Override
    public void close() {
        if (state == State.ENDED) {
            return;
        }
        checkThread();
        end();
    }

    private void end() {
        state = State.ENDED;
        store.lockGuard();
        try {
            releaseNative();
        } finally {
            store.unlockGuard();
            store.idsSettled(committed ? nextStudentId : initialNextStudentId);
            store.transactionEnded(this);
        }
    }

    /** Frees the batch; idempotent. Callers hold the store's guard (read or write). */
    void releaseNative() {
        if (batch != null) {
            batch.close();
            batch = null;
            pending.clear();
            prefetched.clear();
        }
    }

    private <T> T run(RocksRecordStore.RocksCall<T> operation) {
        checkThread();
        if (state == State.ENDED) {
            throw new IllegalStateException("transaction has already ended (committed or closed)");
        }
        if (state == State.ABORTED) {
            throw new IllegalStateException(
                    "transaction was aborted by an earlier failure (" + abortReason + "); close it");
        }
        store.lockGuard();
        try {
            if (store.isClosed()) {
                throw new StoreClosedException("record store " + store.directory() + " was closed");
            }
            return operation.call();
        } catch (InvalidStudentRecordException | StudentIdentityConflictException | StudentNotFoundException e) {
            // Raised before anything was written: the transaction is unchanged and stays usable.
            throw e;
        } catch (RocksDBException e) {
            abort(e);
            throw new StoreWriteException("write to record store " + store.directory() + " failed: "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            abort(e);
            throw e;
        } finally {
            store.unlockGuard();
        }
    }

    private void abort(Exception cause) {
        state = State.ABORTED;
        abortReason = cause.getClass().getSimpleName();
    }

    private void checkThread() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a store transaction must be used only on the thread that began it");
        }
    }
}
