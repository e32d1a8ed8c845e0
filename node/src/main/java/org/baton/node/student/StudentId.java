package org.baton.node.student;

/**
 * The node's own key for one student, assigned by the record store when it first stores the student and never
 * reused. It is local to one node: it never leaves the node (peers match students by SSID, name and date of
 * birth) and it carries no personal information, so it may appear in logs and exception messages.
 *
 * @param value a positive number
 */
public record StudentId(long value) implements Comparable<StudentId> {

    public StudentId {
        if (value <= 0) {
            throw new IllegalArgumentException("student id must be positive, got " + value);
        }
    }

    /**
     * Parses the decimal form produced by {@link #toString()}.
     *
     * @throws IllegalArgumentException if {@code text} is not a positive decimal number
     */
    public static StudentId parse(String text) {
        try {
            return new StudentId(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("student id '" + text + "' is not a decimal number", e);
        }
    }

    @Override
    public int compareTo(StudentId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
