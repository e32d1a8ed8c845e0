package org.baton.node.importer;

import java.util.List;
import java.util.Optional;
import org.baton.proto.v1.StudentRecord;

/**
 * Where an import reads existing records from and writes merged ones to: the node's record store in production,
 * a map in tests.
 */
public interface ImportTarget {

    /** The stored record of the student with this key, if any. */
    Optional<StudentRecord> find(StudentKey key);

    /**
     * Stores every record, replacing the stored record of the same student, all or nothing: after a crash either
     * every record of the batch is stored or none is.
     */
    void writeAtomically(List<StudentRecord> records);
}
