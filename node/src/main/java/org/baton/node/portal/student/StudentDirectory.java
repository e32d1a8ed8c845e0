package org.baton.node.portal.student;

import java.util.Optional;
import org.baton.node.student.StudentId;

/**
 * The portal's read access to the node's records of one student: the institution's own record and the records
 * received from other institutions. Backed by the node's record store.
 */
public interface StudentDirectory {

    /** Everything the node holds about a student, or empty when the reference names no student. */
    Optional<StudentFile> find(StudentId student);

    /** The students of the node's record store, without received records (a node without an exchange). */
    static StudentDirectory inRecordStore(org.baton.node.store.RecordStore store) {
        return new RecordStoreStudentDirectory(store, java.util.Optional.empty(), id -> id.value(),
                record -> java.util.List.of());
    }

    /**
     * The students of the node's record store, with the records the exchange received about them.
     *
     * @param names institutions' display names
     * @param checks what the node's data-quality rules find in a received record, in words
     */
    static StudentDirectory inRecordStore(org.baton.node.store.RecordStore store,
            java.util.Optional<org.baton.node.exchange.ReceivedRecords> received,
            java.util.function.Function<org.baton.trust.InstitutionId, String> names,
            java.util.function.Function<org.baton.proto.v1.StudentRecord, java.util.List<org.baton.node.quality.QualityFinding>> checks) {
        return new RecordStoreStudentDirectory(store, received, names, checks);
    }
}
