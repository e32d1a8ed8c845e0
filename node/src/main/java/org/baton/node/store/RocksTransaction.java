package org.baton.node.store;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.StudentRecord;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatchWithIndex;

/**
 * A write transaction: a RocksDB {@link WriteBatchWithIndex}, so reads inside the transaction see its own writes
 * (a student written twice in one import batch resolves to one student), written with one atomic
 * {@code db.write}. Holds the store's writer lock from begin to end.
 */
final class RocksTransaction implements StoreTransaction {

    private static final byte[] EMPTY = new byte[0];

    private enum State { OPEN, ABORTED, ENDED }

    private final RocksRecordStore store;
    private final StoreCrypto crypto;
    private final Thread owner = Thread.currentThread();
    private final long initialStudentCount;
    private final long initialNextStudentId;
    private long studentCount;
    private long nextStudentId;
    private WriteBatchWithIndex batch = new WriteBatchWithIndex(true);
    private State state = State.OPEN;
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
            StudentKeys keys = StudentKeys.of(record, crypto);
            StudentId existing = resolve(keys, null);
            if (existing == null) {
                StudentId id = new StudentId(nextStudentId);
                write(id, Optional.empty(), keys, record);
                nextStudentId++;
                studentCount++;
                return id;
            }
            Optional<StoredStudent> old = readStudent(existing);
            if (old.isEmpty()) {
                throw new StoreReadException(Schema.STUDENTS.name(), "an index points to student " + existing
                        + ", which does not exist (the store is inconsistent)", null);
            }
            write(existing, old, keys, record);
            return existing;
        });
    }

    @Override
    public void replaceStudent(StudentId id, StudentRecord record) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(record, "record");
        run(() -> {
            StudentKeys keys = StudentKeys.of(record, crypto);
            Optional<StoredStudent> old = readStudent(id);
            if (old.isEmpty()) {
                throw new StudentNotFoundException(id, "replace");
            }
            resolve(keys, id);
            write(id, old, keys, record);
            return null;
        });
    }

    @Override
    public boolean deleteStudent(StudentId id) {
        Objects.requireNonNull(id, "id");
        return run(() -> {
            Optional<StoredStudent> old = readStudent(id);
            if (old.isEmpty()) {
                return false;
            }
            removeIndexes(id, StudentKeys.of(old.get().record(), crypto));
            batch.delete(store.handle(Schema.STUDENTS), store.encodeKey(Schema.STUDENTS, id));
            studentCount--;
            return true;
        });
    }

    @Override
    public Optional<StoredStudent> student(StudentId id) {
        Objects.requireNonNull(id, "id");
        return run(() -> readStudent(id));
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
        byte[] value = batch.getFromBatchAndDB(store.db(), store.handle(index), store.options().read, hash);
        return value == null ? null : store.decodeValue(index, hash, value);
    }

    private Optional<StoredStudent> readStudent(StudentId id) throws RocksDBException {
        byte[] key = store.encodeKey(Schema.STUDENTS, id);
        byte[] value = batch.getFromBatchAndDB(store.db(), store.handle(Schema.STUDENTS), store.options().read, key);
        return value == null
                ? Optional.empty()
                : Optional.of(new StoredStudent(id, store.decodeValue(Schema.STUDENTS, key, value)));
    }

    /** Everything that can fail for a reason of the record is checked before this runs; only writes remain. */
    private void write(StudentId id, Optional<StoredStudent> old, StudentKeys keys, StudentRecord record)
            throws RocksDBException {
        byte[] key = store.encodeKey(Schema.STUDENTS, id);
        byte[] value = store.encodeValue(Schema.STUDENTS, key, record);
        if (old.isPresent()) {
            removeIndexes(id, StudentKeys.of(old.get().record(), crypto));
        }
        byte[] idBytes = key; // the index value is the student id, encoded as in the students column
        if (keys.ssid().isPresent()) {
            batch.put(store.handle(Schema.SSID_INDEX), keys.ssid().get(), idBytes);
        }
        for (byte[] localId : keys.localIds()) {
            batch.put(store.handle(Schema.LOCAL_ID_INDEX), localId, idBytes);
        }
        if (keys.nameDob().isPresent()) {
            batch.put(store.handle(Schema.NAME_DOB_INDEX), nameDobKey(keys.nameDob().get(), id), EMPTY);
        }
        batch.put(store.handle(Schema.STUDENTS), key, value);
    }

    private void removeIndexes(StudentId id, StudentKeys old) throws RocksDBException {
        if (old.ssid().isPresent()) {
            batch.delete(store.handle(Schema.SSID_INDEX), old.ssid().get());
        }
        for (byte[] localId : old.localIds()) {
            batch.delete(store.handle(Schema.LOCAL_ID_INDEX), localId);
        }
        if (old.nameDob().isPresent()) {
            batch.delete(store.handle(Schema.NAME_DOB_INDEX), nameDobKey(old.nameDob().get(), id));
        }
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
            batch.put(store.handle(column), keyBytes, valueBytes);
            return null;
        });
    }

    @Override
    public <K, V> void delete(Column<K, V> column, K key) {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(key, "key");
        run(() -> {
            store.requireExtra(column);
            batch.delete(store.handle(column), store.encodeKey(column, key));
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
            byte[] value = batch.getFromBatchAndDB(store.db(), store.handle(column), store.options().read, keyBytes);
            return value == null ? Optional.empty() : Optional.of(store.decodeValue(column, keyBytes, value));
        });
    }

    // ---------------------------------------------------------------------------------------------- lifecycle

    @Override
    public void commit() {
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
                    batch.put(store.handle(Schema.META), RocksRecordStore.metaKey(Schema.META_STUDENT_COUNT),
                            Serializers.uint64().serialize(studentCount));
                }
                if (nextStudentId != initialNextStudentId) {
                    batch.put(store.handle(Schema.META), RocksRecordStore.metaKey(Schema.META_NEXT_STUDENT_ID),
                            Serializers.uint64().serialize(nextStudentId));
                }
                store.db().write(store.options().write, batch);
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
            store.transactionEnded(this);
        }
    }

    /** Frees the batch; idempotent. Callers hold the store's guard (read or write). */
    void releaseNative() {
        if (batch != null) {
            batch.close();
            batch = null;
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
