package org.baton.node.store;

import java.util.Objects;
import org.baton.node.student.StudentId;

/**
 * A record prepared by {@link RocksRecordStore#prepareStudent}: its keys, and its value encrypted for student
 * {@code id} (the stored student it was prepared for, or a reserved new id).
 *
 * @param store the store that prepared it
 * @param keys its keyed hashes
 * @param encodedKeys {@code keys} in their stored form
 * @param id the student id {@code value} is encrypted for
 * @param reserved whether {@code id} is a new id reserved for this record (else the id of a stored student)
 * @param value the encrypted value for the students column under {@code id}
 */
record RocksPreparedStudent(RocksRecordStore store, StudentKeys keys, byte[] encodedKeys, StudentId id,
        boolean reserved, byte[] value) implements PreparedStudent {

    RocksPreparedStudent {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(id, "id");
    }

    @Override
    public String toString() {
        // Never print the record: it is personal data.
        return "PreparedStudent[id=" + id + ", reserved=" + reserved + "]";
    }
}
