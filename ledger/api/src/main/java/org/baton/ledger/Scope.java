package org.baton.ledger;

/**
 * A kind of record a grant may cover (mirrors {@code baton.v1.Scope}). Each eligibility flag is its own scope,
 * so a student can disclose one program without the others.
 */
public enum Scope {
    /** Courses, grades, terms and enrollments. */
    TRANSCRIPT,
    /** UC/CSU a-g status per area. */
    AG_STATUS,
    /** Reported and computed GPAs. */
    GPA,
    /** FAFSA/CADAA and Cal Grant GPA status. */
    FINANCIAL_AID_STATUS,
    /** Diplomas, degrees, certificates. */
    AWARDS,
    /** Badges, competency credentials, certifications, e-portfolios. */
    LEARNING_ARTIFACTS,
    ELIGIBILITY_FOSTER_YOUTH,
    ELIGIBILITY_CALFRESH,
    ELIGIBILITY_CALWORKS,
    ELIGIBILITY_MEDI_CAL,
    /** College application statuses. */
    COLLEGE_APPLICATIONS;

    /** True for the eligibility flags, which are disclosed only under consent. */
    public boolean isEligibilityFlag() {
        return name().startsWith("ELIGIBILITY_");
    }
}
