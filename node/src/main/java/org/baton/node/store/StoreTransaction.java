package org.baton.node.store;

import java.util.Optional;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.StudentRecord;

/**
 * A set of writes that {@link #commit()} applies atomically, or {@link #close()} without commit discards. Reads
 * through the transaction see its own writes. Not thread-safe: use it from the thread that began it.
 *
 * <p>If an operation throws, the transaction is aborted and {@link #commit()} refuses — except for
 * {@link InvalidStudentRecordException} and {@link StudentIdentityConflictException}, which are detected before
 * anything is written and leave the transaction as it was, so an importer can report the record and go on.
 */
public interface StoreTransaction extends AutoCloseable {

    /**
     * Stores {@code record} as the full record of the student its natural keys (SSID, local ids) identify —
     * checked against the store and this transaction's earlier writes — or of a new student when none does.
     * Index entries of the student's previous record are replaced.
     *
     * @return the student's id
     * @throws InvalidStudentRecordException if the record has no SSID and no local id, or a malformed SSID, local
     *     id or birth date
     * @throws StudentIdentityConflictException if its keys identify two different students
     */
    StudentId putStudent(StudentRecord record);

    /**
     * Stores a record prepared by {@link RecordStore#prepareStudent}, exactly as {@link #putStudent} stores the
     * record: matched to a stored student (or a student written earlier in this transaction) by its natural keys,
     * else stored as a new student under the id reserved for it. Re-encrypts it when it turns out to belong to
     * another student than the one it was prepared for.
     *
     * @return the student's id
     * @throws StudentIdentityConflictException if its keys identify two different students
     * @throws IllegalArgumentException if it was prepared by another store
     */
    StudentId putPrepared(PreparedStudent prepared);

    /**
     * Replaces the record of an existing student, whatever its natural keys were before (e.g. to correct a wrong
     * SSID).
     *
     * @throws StudentNotFoundException if no student {@code id} exists
     * @throws StudentIdentityConflictException if the record's keys belong to another student
     */
    void replaceStudent(StudentId id, StudentRecord record);

    /** Deletes a student and its index entries; returns whether it existed. */
    boolean deleteStudent(StudentId id);

    /** The student as this transaction would leave it. */
    Optional<StoredStudent> student(StudentId id);

    /** Puts a value into an extra column (declared in {@link StoreConfig}). */
    <K, V> void put(Column<K, V> column, K key, V value);

    /**
     * Puts a value prepared by {@link RecordStore#prepare} (same effect as {@link #put(Column, Object, Object)} of
     * what was prepared).
     *
     * @throws IllegalArgumentException if the value was prepared by another record store
     */
    void put(PreparedValue<?, ?> prepared);

    /** Deletes a key from an extra column; absent keys are fine. */
    <K, V> void delete(Column<K, V> column, K key);

    /** The value under {@code key} in an extra column, as this transaction would leave it. */
    <K, V> Optional<V> get(Column<K, V> column, K key);

    /**
     * Applies every write atomically (and durably when {@link StoreConfig#syncWrites()}), then ends the
     * transaction.
     *
     * @throws IllegalStateException if an earlier operation failed and aborted the transaction, or it was already
     *     committed
     * @throws StoreWriteException if RocksDB refused the write; nothing was written
     */
    void commit();

    /**
     * Applies every write atomically like {@link #commit()}, without waiting for the write-ahead log to reach the
     * disk even when the store syncs writes. The writes survive a crash of the process (the log is in the operating
     * system's cache) and become durable with the next synchronous commit or the store's close; a crash of the
     * machine before then loses them, and only them (the log keeps its order). For writes a restart can redo,
     * such as an exchange's last step when the ledger already holds its outcome.
     *
     * @throws IllegalStateException as {@link #commit()}
     * @throws StoreWriteException as {@link #commit()}
     */
    void commitWithoutSync();

    /** Ends the transaction, discarding it unless committed. Idempotent. */
    @Override
    void close();
}
