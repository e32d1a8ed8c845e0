package org.baton.node.store;

import java.util.Objects;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.StudentRecord;

/**
 * A student record as held by the store, with the key the store assigned to it.
 *
 * @param id the store's key for the student
 * @param record the full record, decrypted
 */
public record StoredStudent(StudentId id, StudentRecord record) {

    public StoredStudent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(record, "record");
    }

    @Override
    public String toString() {
        // Never print the record: it is personal data.
        return "StoredStudent[id=" + id + "]";
    }
}
