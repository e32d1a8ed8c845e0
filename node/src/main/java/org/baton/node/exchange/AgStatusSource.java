package org.baton.node.exchange;

import java.util.List;
import org.baton.proto.v1.AgStatusSummary;
import org.baton.proto.v1.StudentRecord;

/**
 * What a package carries under the {@code AG_STATUS} scope: the student's UC and CSU a-g status as this
 * institution's readiness engine evaluates its own record of the student. Statuses and semester counts only; the
 * courses and grades behind them go only under {@code TRANSCRIPT}. Records received from other institutions are
 * not evaluated into it: a source speaks only for its own record. Only a K-12 district sends it.
 */
@FunctionalInterface
public interface AgStatusSource {

    /** The student's a-g status for each system evaluated (UC, then CSU). */
    List<AgStatusSummary> agStatus(StudentRecord record);
}
