package org.baton.node.store;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.baton.node.student.LocalStudentId;
import org.baton.node.student.Ssid;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.StudentRecord;

/**
 * The institution node's record store: its students' records with lookup indexes, plus the extra
 * {@link Column}s other features declare in {@link StoreConfig} (received packages, outbox, audit …). Backed by
 * RocksDB with the write-ahead log on; sensitive data encrypted at rest under the node {@link DataKey}.
 *
 * <p><b>Students.</b> Each stored student has a {@link StudentId} the store assigns. A record is matched to a
 * stored student by its natural keys — SSID and local ids (issuer + value) — so writing the same records again
 * updates the same students instead of adding new ones. A record always replaces the student's whole record; the
 * indexes follow (entries for an old SSID, local id or name and birth date are removed). An SSID or local id
 * belongs to one student only.
 *
 * <p><b>Writes</b> go through a {@link StoreTransaction} (or {@link #writeStudents}) and are all-or-nothing. One
 * transaction is open at a time; readers never wait for it and never see a transaction half applied.
 *
 * <p><b>Threads.</b> All methods are thread-safe. Streams returned by scans hold a RocksDB iterator over a
 * consistent snapshot: close them (try-with-resources). {@link #close()} closes any still open.
 *
 * <pre>{@code
 * DataKey key = DataKey.loadOrCreate(dataDir.resolve("data.key"));
 * try (RecordStore store = RecordStore.open(StoreConfig.of(dataDir.resolve("store"), key).withColumns(OUTBOX))) {
 *     List<StudentId> ids = store.writeStudents(batchOfRecords);        // importer: all or nothing
 *     Optional<StoredStudent> s = store.findBySsid(Ssid.of("1234567890"));
 *     try (StoreTransaction tx = store.beginTransaction()) {            // several kinds of write at once
 *         StudentId id = tx.putStudent(record);
 *         tx.put(OUTBOX, 17L, entry);
 *         tx.commit();
 *     }
 *     try (Stream<StoredStudent> all = store.students()) { all.forEach(this::check); }
 * }
 * }</pre>
 */
public interface RecordStore extends AutoCloseable {

    /**
     * Opens the store in {@code config.directory()}, creating it when the directory is absent or empty. An existing
     * store is checked before anything is written: it must be a record store, opened with the data key it was
     * created with, and of this software's schema version or an older one that a migration upgrades.
     *
     * @throws UnsupportedSchemaException if the store's schema is newer, or older without a migration
     * @throws StoreOpenException if the directory is not a record store, the data key does not match, or RocksDB
     *     cannot open it (e.g. another process has it open)
     */
    static RecordStore open(StoreConfig config) {
        return RocksRecordStore.open(config);
    }

    /** The student stored under {@code id}. */
    Optional<StoredStudent> student(StudentId id);

    /** The student whose record carries {@code ssid}. */
    Optional<StoredStudent> findBySsid(Ssid ssid);

    /**
     * As {@link #findBySsid}, with only the record's {@code student} part read: for a caller that matches the
     * student and passes the record on without reading the rest.
     */
    Optional<SerializedStudent> findSerializedBySsid(Ssid ssid);

    /** The student whose record carries {@code localId} (same issuer and value). */
    Optional<StoredStudent> findByLocalId(LocalStudentId localId);

    /**
     * The students with this name and date of birth, names compared after normalisation (case, accents, spaces
     * and punctuation ignored; middle name and suffix not used). Several students may match; the list is in
     * student id order and empty when none does.
     *
     * @param firstName first name; may be empty for a student recorded with a single name
     * @param lastName last name; not blank
     */
    List<StoredStudent> findByNameAndBirthDate(String firstName, String lastName, LocalDate birthDate);

    /** As {@link #findByNameAndBirthDate}, with only each record's {@code student} part read. */
    List<SerializedStudent> findSerializedByNameAndBirthDate(String firstName, String lastName, LocalDate birthDate);

    /** Every stored student in student id order, over a snapshot taken now. Close the stream. */
    Stream<StoredStudent> students();

    /**
     * As {@link #students()}, with only each record's {@code student} part read: for a pass over every student's
     * identity. Close the stream.
     */
    Stream<SerializedStudent> serializedStudents();

    /** The number of stored students, read from a counter kept in step with every write (no scan). */
    long studentCount();

    /**
     * The on-disk schema version, read from the store. Once open it is always this software's version: {@link #open}
     * migrates an older store first.
     */
    int schemaVersion();

    /**
     * Stores each record (as {@link StoreTransaction#putStudent}) in one transaction: either all are stored or, if
     * any is refused or the write fails, none. Running it again with the same records changes nothing.
     *
     * @return the student id of each record, in order
     * @throws InvalidStudentRecordException if a record is invalid; the message names its position in the list
     * @throws StudentIdentityConflictException if a record's keys belong to two different students
     */
    List<StudentId> writeStudents(List<StudentRecord> records);

    /**
     * Prepares {@code record} for {@link #writePrepared} or {@link StoreTransaction#putPrepared}: validates it,
     * serializes it, computes its keyed hashes and encrypts it. Thread-safe and takes no lock, so a bulk load runs it
     * on several threads while one thread writes. Writing a prepared record has the same effect as
     * {@link StoreTransaction#putStudent} of the record; it is cheapest when {@code storedId} is right.
     *
     * @param storedId the stored student the record is expected to replace (as found by SSID or local id), or
     *     empty for a student expected to be new (a new student id is then reserved for it; an id reserved but not
     *     written is never used)
     * @throws InvalidStudentRecordException if the record has no SSID and no local id, or a malformed SSID, local
     *     id or birth date
     */
    PreparedStudent prepareStudent(StudentRecord record, Optional<StudentId> storedId);

    /**
     * Stores prepared records (as {@link StoreTransaction#putPrepared}) in one transaction: either all are stored
     * or, if any is refused or the write fails, none.
     *
     * @return the student id of each record, in order
     * @throws StudentIdentityConflictException if a record's keys belong to two different students
     * @throws IllegalArgumentException if a record was prepared by another store
     */
    List<StudentId> writePrepared(List<PreparedStudent> prepared);

    /**
     * Begins a write transaction, waiting while another is open (at most a minute, then
     * {@link StoreWriteException}). Use it from one thread, in try-with-resources, and keep it short: it blocks
     * other writers until committed or closed.
     *
     * @throws IllegalStateException if this thread already has a transaction open on this store
     */
    StoreTransaction beginTransaction();

    /**
     * The value under {@code key} in an extra column.
     *
     * @throws IllegalArgumentException if {@code column} was not declared in this store's {@link StoreConfig}
     */
    <K, V> Optional<V> get(Column<K, V> column, K key);

    /**
     * Prepares a put into an extra column for {@link StoreTransaction#put(PreparedValue)}: serializes {@code value}
     * and, if the column is encrypted, encrypts it for the column and {@code key}. Thread-safe and takes no lock, so
     * the caller does this work on its own thread rather than inside a transaction. Writing the prepared value has
     * the same effect as {@link StoreTransaction#put(Column, Object, Object)} of {@code key} and {@code value}.
     *
     * @throws IllegalArgumentException if {@code column} was not declared in this store's {@link StoreConfig}, or the
     *     key or value cannot be serialized
     */
    <K, V> PreparedValue<K, V> prepare(Column<K, V> column, K key, V value);

    /** Every entry of an extra column in key order, over a snapshot taken now. Close the stream. */
    <K, V> Stream<ColumnEntry<K, V>> scan(Column<K, V> column);

    /**
     * The entries of an extra column with {@code fromInclusive <= key < toExclusive} in serialized (byte-wise) key
     * order, over a snapshot taken now. Close the stream.
     */
    <K, V> Stream<ColumnEntry<K, V>> scan(Column<K, V> column, K fromInclusive, K toExclusive);

    /**
     * Writes a consistent copy of the store to {@code target} (a RocksDB checkpoint: hard links where possible),
     * which {@link #open} opens as a store with the same data and the same data key. The data key itself is not
     * copied.
     *
     * @throws CheckpointException if {@code target} exists or the checkpoint fails
     */
    void createCheckpoint(Path target);

    /**
     * Closes open scans, discards an uncommitted transaction, and releases every native resource. Idempotent; any
     * later call fails with {@link StoreClosedException}.
     */
    @Override
    void close();
}
