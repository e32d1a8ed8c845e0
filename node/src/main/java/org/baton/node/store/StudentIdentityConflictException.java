package org.baton.node.store;

import java.util.Objects;
import org.baton.node.student.StudentId;

/**
 * A student record's natural keys (SSID, local ids) belong to two different stored students, so storing it
 * would merge them or steal one's identifier. Nothing was written; a transaction that refused a record this way
 * is unchanged and can go on. Resolving it is a data-quality decision (the duplicate-students review queue).
 */
public final class StudentIdentityConflictException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final StudentId target;
    private final StudentId other;

    public StudentIdentityConflictException(StudentId target, StudentId other, String key) {
        super("student record for student " + Objects.requireNonNull(target, "target") + " has a " + key
                + " that belongs to student " + Objects.requireNonNull(other, "other")
                + "; refusing to merge two students");
        this.target = target;
        this.other = other;
    }

    /** The student the record would have been stored as. */
    public StudentId target() {
        return target;
    }

    /** The other student that already holds one of the record's natural keys. */
    public StudentId other() {
        return other;
    }
}
