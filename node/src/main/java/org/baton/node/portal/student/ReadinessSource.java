package org.baton.node.portal.student;

import java.util.List;
import java.util.Optional;
import org.baton.node.portal.i18n.Language;
import org.baton.node.student.StudentId;

/** The readiness engine as the portal sees it: per-student progress and the what-if planner. */
public interface ReadinessSource {

    /**
     * The student's progress from local and received records, in {@code language}, or empty when the student is
     * unknown.
     */
    Optional<ReadinessReport> report(StudentId student, Language language);

    /** The progress the student would have with these courses added (nothing is stored), in {@code language}. */
    Optional<ReadinessReport> whatIf(StudentId student, List<PlannedCourse> planned, Language language);

    /**
     * The node's readiness engine over the students of {@code students}, evaluated as of today; a student is off
     * track for the reasons the counseling rules flag (an area behind a four-year plan for the grade, a grade not
     * cleared, a GPA below a minimum, a senior's missing financial aid application …).
     */
    static ReadinessSource fromEngine(org.baton.node.readiness.ReadinessEngine engine,
                                      org.baton.node.readiness.rules.CounselingRules counseling,
                                      StudentDirectory students, org.baton.node.readiness.AgCourseLists agLists,
                                      java.time.Clock clock) {
        return new EngineReadinessSource(engine, counseling, students, agLists, clock);
    }
}
