package org.baton.node.readiness;

import org.baton.proto.v1.AgRequirementStatus;

/** Where a requirement stands. */
public enum AreaStatus {
    /** Met by completed courses. */
    MET,
    /** Not met yet, but met if the courses in progress (or planned) are completed with an accepted grade. */
    IN_PROGRESS,
    /** Not met, and a D/F (or no-pass) grade in the area is not cleared by a repeat or a validation. */
    DEFICIENT,
    /** Not met, and nothing in progress would meet it. */
    MISSING;

    /** The record-model value of this status. */
    public AgRequirementStatus toProto() {
        return switch (this) {
            case MET -> AgRequirementStatus.AG_MET;
            case IN_PROGRESS -> AgRequirementStatus.AG_IN_PROGRESS;
            case DEFICIENT -> AgRequirementStatus.AG_DEFICIENT;
            case MISSING -> AgRequirementStatus.AG_MISSING;
        };
    }

    /** The status of a whole made of parts: met when all are, in progress when all are at least in progress. */
    static AreaStatus combine(Iterable<AreaStatus> parts) {
        boolean allMet = true;
        boolean allStarted = true;
        boolean deficient = false;
        for (AreaStatus part : parts) {
            allMet &= part == MET;
            allStarted &= part == MET || part == IN_PROGRESS;
            deficient |= part == DEFICIENT;
        }
        return allMet ? MET : allStarted ? IN_PROGRESS : deficient ? DEFICIENT : MISSING;
    }
}
