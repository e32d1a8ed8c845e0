package org.baton.node.quality;

import java.util.Optional;

/** The data-quality rules a node runs over its students' records, each with what it looks for. */
public enum QualityRule {

    /** The SSID fails its check digit (only when the consortium's SSIDs carry one: {@link QualityOptions}). */
    SSID_CHECK_DIGIT("The SSID fails its check digit: a typing or transfer error in the SIS."),

    /** Another student at the node may be the same person: the same name and birth date, or one slip away. */
    POSSIBLE_DUPLICATE("Another student has the same name and date of birth, or nearly: possibly one person under two "
            + "records."),

    /** A course carries an a-g flag but is not on the school's a-g course list for that year. */
    AG_NOT_ON_LIST("A course is flagged a-g but is not on the school's a-g list for that year."),

    /** A course is on the school's a-g list with another area or honors designation than its record says. */
    AG_FLAGS_DIFFER("A course's a-g area or honors flag differs from the school's a-g list for that year."),

    /** A GPA the school recorded differs from the one its grades give. */
    GPA_MISMATCH("A GPA stored in the SIS differs from the one the student's grades give."),

    /** The Cal Grant GPA on record is above 4.00 or equals a weighted GPA; CSAC needs the unweighted one. */
    CAL_GRANT_GPA_WEIGHTED("The Cal Grant GPA on record looks weighted; CSAC needs the unweighted GPA."),

    /** A course at a school in a year in which the student has no enrollment at that school. */
    COURSE_OUTSIDE_ENROLLMENT("A course is recorded at a school in a year the student was not enrolled there.");

    private final String description;

    QualityRule(String description) {
        this.description = description;
    }

    /** What the rule looks for, in a sentence. */
    public String description() {
        return description;
    }

    /** The rule of this name, if there is one (stored names from a later version may not be known). */
    public static Optional<QualityRule> named(String name) {
        for (QualityRule rule : values()) {
            if (rule.name().equals(name)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
