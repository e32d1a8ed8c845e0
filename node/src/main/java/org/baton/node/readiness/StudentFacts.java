package org.baton.node.readiness;

import java.util.List;
import org.baton.proto.v1.Residency;

/**
 * What the evaluation knows of the student, without personal data.
 *
 * @param cohortYear year the student finishes (or finished) high school; 0 when unknown
 * @param cohortAssumed true when the cohort was derived from the grade level, not read from a record
 * @param gradeLevel current grade level (7-12; 13 for college students; 0 when unknown)
 * @param residency residency as the institutions determined it
 * @param calGrantGpaOptOut whether the student or parent opted out of the Cal Grant GPA upload
 * @param institutions ids of the institutions whose records were evaluated
 */
public record StudentFacts(int cohortYear, boolean cohortAssumed, int gradeLevel, Residency residency,
        boolean calGrantGpaOptOut, List<String> institutions) {

    public StudentFacts {
        institutions = List.copyOf(institutions);
    }

    /** Whether the student is a California resident (AB 540 students are treated as residents for admission). */
    public boolean resident() {
        return residency != Residency.NON_RESIDENT;
    }

    /** Whether the student is in the senior year of high school. */
    public boolean senior() {
        return gradeLevel == 12;
    }
}
