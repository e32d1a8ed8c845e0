package org.baton.node.portal.student;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.baton.node.store.RecordStore;
import org.baton.node.student.StudentId;

/**
 * Students from the node's record store. Received records are not stored yet (they arrive with the exchange), so
 * each file lists none.
 */
final class RecordStoreStudentDirectory implements StudentDirectory {

    private final RecordStore store;

    RecordStoreStudentDirectory(RecordStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Optional<StudentFile> find(StudentId student) {
        return store.student(Objects.requireNonNull(student, "student"))
                .map(s -> new StudentFile(s.id(), s.record(), List.of()));
    }
}
