package org.baton.node.portal.student;

import java.util.List;
import java.util.Optional;
import org.baton.node.portal.accounts.StudentRef;

/** The readiness engine as the portal sees it: per-student progress and the what-if planner. */
public interface ReadinessSource {

    /** The student's progress from local and received records, or empty when the student is unknown. */
    Optional<ReadinessReport> report(StudentRef student);

    /** The progress the student would have with these courses added (nothing is stored). */
    Optional<ReadinessReport> whatIf(StudentRef student, List<PlannedCourse> planned);
}
