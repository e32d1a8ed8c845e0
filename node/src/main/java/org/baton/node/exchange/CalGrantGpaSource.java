package org.baton.node.exchange;

import java.util.Comparator;
import java.util.Optional;
import org.baton.proto.v1.GpaKind;
import org.baton.proto.v1.ReportedGpa;
import org.baton.proto.v1.StudentRecord;

/**
 * Where the Cal Grant GPA sent to CSAC comes from. The readiness engine computes it (unweighted, sophomore and
 * junior years, rounded to hundredths); until it is wired in, {@link #reported()} takes the GPA the school
 * reported. Only this GPA is sent: never a weighted one.
 */
@FunctionalInterface
public interface CalGrantGpaSource {

    /** The student's Cal Grant GPA, or empty when none can be given. */
    Optional<ReportedGpa> calGrantGpa(StudentRecord record);

    /** The latest reported GPA of kind {@code GPA_CAL_GRANT} (by as-of date). */
    static CalGrantGpaSource reported() {
        return record -> record.getReportedGpasList().stream()
                .filter(gpa -> gpa.getKind() == GpaKind.GPA_CAL_GRANT)
                .max(Comparator.comparing(ReportedGpa::getAsOf));
    }
}
