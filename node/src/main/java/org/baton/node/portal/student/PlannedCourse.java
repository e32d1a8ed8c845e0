package org.baton.node.portal.student;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A course in the what-if planner.
 *
 * @param title      course title
 * @param area       a-g area letter, {@code a}…{@code g}
 * @param grade      expected letter grade
 * @param semesters  1 or 2
 * @param honors     UC-approved honors/AP/IB
 * @param gradeLevel grade level when taken, 9-12
 */
public record PlannedCourse(String title, char area, String grade, int semesters, boolean honors, int gradeLevel) {

    private static final Pattern GRADE = Pattern.compile("[ABCDF][+-]?");

    public PlannedCourse {
        Objects.requireNonNull(title, "title");
        if (title.isBlank() || title.length() > 100) {
            throw new IllegalArgumentException("planned course title must have 1 to 100 characters");
        }
        if (area < 'a' || area > 'g') {
            throw new IllegalArgumentException("planned course area '" + area + "' is not a-g");
        }
        if (grade == null || !GRADE.matcher(grade).matches()) {
            throw new IllegalArgumentException("planned course grade '" + grade + "' is not a letter grade A-F");
        }
        if (semesters < 1 || semesters > 2) {
            throw new IllegalArgumentException("planned course semesters " + semesters + " is not 1 or 2");
        }
        if (gradeLevel < 9 || gradeLevel > 12) {
            throw new IllegalArgumentException("planned course grade level " + gradeLevel + " is not 9-12");
        }
    }
}
