package org.baton.node.store;

import java.util.List;
import java.util.Set;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.StudentRecord;

/**
 * The on-disk layout of the record store: its core columns, the keys of the meta column, and the schema version.
 *
 * <p>Version 1 (current):
 * <ul>
 *   <li>{@code meta}: {@code schema_version} → uint32; {@code student_count} → uint64;
 *       {@code next_student_id} → uint64; {@code key_check} → 32 bytes derived from the data key.
 *   <li>{@code students}: student id (uint64 big-endian) → StudentRecord protobuf, AES-GCM encrypted.
 *   <li>{@code student_keys}: student id → the student's index hashes and content hash ({@link StudentKeys#encode}),
 *       so a replace never needs the old record and an unchanged record is not rewritten.
 *   <li>{@code index_ssid}: HMAC(SSID) → student id.
 *   <li>{@code index_local_id}: HMAC(issuer, value) → student id.
 *   <li>{@code index_name_dob}: HMAC(normalised first, normalised last, birth date) ‖ student id → empty.
 * </ul>
 *
 * <p>Changing any of this means: bump {@link #CURRENT_VERSION}, add a {@link Migration} from the previous version
 * to {@link #MIGRATIONS} (or accept that older stores are refused), and commit a fixture store of the previous
 * version for {@code SchemaCompatibilityTest}.
 */
final class Schema {

    static final int CURRENT_VERSION = 1;

    static final Column<String, byte[]> META = Column.plain("meta", Serializers.utf8(), Serializers.bytes());

    static final Column<StudentId, StudentRecord> STUDENTS = Column.encrypted("students",
            Serializers.uint64().map(StudentId::new, StudentId::value), Serializers.proto(StudentRecord.parser()));

    static final Column<StudentId, byte[]> STUDENT_KEYS = Column.plain("student_keys",
            Serializers.uint64().map(StudentId::new, StudentId::value), Serializers.bytes());

    static final Column<byte[], StudentId> SSID_INDEX = Column.plain("index_ssid",
            Serializers.bytes(), Serializers.uint64().map(StudentId::new, StudentId::value));

    static final Column<byte[], StudentId> LOCAL_ID_INDEX = Column.plain("index_local_id",
            Serializers.bytes(), Serializers.uint64().map(StudentId::new, StudentId::value));

    static final Column<byte[], byte[]> NAME_DOB_INDEX =
            Column.plain("index_name_dob", Serializers.bytes(), Serializers.bytes());

    static final String DEFAULT_COLUMN_FAMILY = "default";

    static final List<Column<?, ?>> CORE_COLUMNS =
            List.of(META, STUDENTS, STUDENT_KEYS, SSID_INDEX, LOCAL_ID_INDEX, NAME_DOB_INDEX);

    /** Column names other features may not declare. */
    static final Set<String> RESERVED_NAMES = Set.of(DEFAULT_COLUMN_FAMILY, META.name(), STUDENTS.name(),
            STUDENT_KEYS.name(), SSID_INDEX.name(), LOCAL_ID_INDEX.name(), NAME_DOB_INDEX.name());

    static final String META_SCHEMA_VERSION = "schema_version";
    static final String META_STUDENT_COUNT = "student_count";
    static final String META_NEXT_STUDENT_ID = "next_student_id";
    static final String META_KEY_CHECK = "key_check";

    /** The migrations of older stores, each from one version to the next. Empty: version 1 is the first. */
    static final List<Migration> MIGRATIONS = List.of();

    private Schema() {}
}
