package org.baton.node.readiness.rules;

/**
 * A point in a high-school career: a grade level's regular terms, or the summer after it.
 *
 * @param grade grade level 7-12
 * @param summer true for the summer after {@code grade}
 */
public record GradePoint(int grade, boolean summer) {

    public GradePoint {
        if (grade < 7 || grade > 12) {
            throw new IllegalArgumentException("'grade' must be 7-12, was " + grade);
        }
    }

    /** Orders points: 9, summer after 9, 10, summer after 10 … */
    public int position() {
        return position(grade, summer);
    }

    /** The position of a grade level and term kind. */
    public static int position(int grade, boolean summer) {
        return grade * 2 + (summer ? 1 : 0);
    }

    @Override
    public String toString() {
        return summer ? "summer after grade " + grade : "grade " + grade;
    }
}
