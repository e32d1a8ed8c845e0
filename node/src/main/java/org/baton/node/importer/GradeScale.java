package org.baton.node.importer;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The letter grades an institution records. A grade outside the scale rejects the row.
 *
 * @param grades the accepted grades, upper case
 */
public record GradeScale(Set<String> grades) {

    /**
     * The California K-12 and community college letter scale: A+ to D-, F, pass/no pass, credit/no credit,
     * incomplete, withdrawal and in progress.
     */
    public static final GradeScale CALIFORNIA = new GradeScale(Set.of(
            "A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-", "F",
            "P", "NP", "CR", "NC", "I", "W", "IP"));

    public GradeScale {
        grades = Set.copyOf(Objects.requireNonNull(grades, "grades"));
    }

    /** The grade in canonical (upper-case) form, or null when it is not on the scale. */
    String canonical(String grade) {
        if (grades.contains(grade)) {
            return grade;
        }
        String upper = grade.toUpperCase(Locale.ROOT);
        return grades.contains(upper) ? upper : null;
    }
}
