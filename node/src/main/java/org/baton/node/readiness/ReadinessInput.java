package org.baton.node.readiness;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.baton.proto.v1.StudentRecord;

/**
 * What the engine evaluates: one student's records from one or more institutions (the node's own record and
 * those received, e.g. a community college's dual-enrollment grades), the a-g lists, and the evaluation date.
 *
 * @param records the student's records; at least one
 * @param agLists a-g course lists by school and year
 * @param asOf the evaluation date: deadlines and the current grade level are relative to it
 */
public record ReadinessInput(List<StudentRecord> records, AgCourseLists agLists, LocalDate asOf) {

    public ReadinessInput {
        records = List.copyOf(Objects.requireNonNull(records, "records"));
        if (records.isEmpty()) {
            throw new IllegalArgumentException("readiness needs at least one student record");
        }
        Objects.requireNonNull(agLists, "agLists");
        Objects.requireNonNull(asOf, "asOf");
    }

    /** One record, no a-g lists. */
    public static ReadinessInput of(StudentRecord record, LocalDate asOf) {
        return new ReadinessInput(List.of(record), AgCourseLists.none(), asOf);
    }

    /** This input with a-g lists. */
    public ReadinessInput withAgLists(AgCourseLists lists) {
        return new ReadinessInput(records, lists, asOf);
    }
}
