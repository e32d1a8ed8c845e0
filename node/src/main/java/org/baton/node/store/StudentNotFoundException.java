package org.baton.node.store;

import java.util.Objects;
import org.baton.node.student.StudentId;

/** An operation named a student the store does not hold. */
public final class StudentNotFoundException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final StudentId studentId;

    public StudentNotFoundException(StudentId studentId, String action) {
        super("cannot " + action + " student " + Objects.requireNonNull(studentId, "studentId")
                + ": no such student in the store");
        this.studentId = studentId;
    }

    public StudentId studentId() {
        return studentId;
    }
}
