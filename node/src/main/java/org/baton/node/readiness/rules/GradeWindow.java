package org.baton.node.readiness.rules;

/**
 * The grades a GPA takes, from one point of a high-school career to another, inclusive.
 *
 * @param from first point counted
 * @param to last point counted
 * @param label how a counselor names the window
 */
public record GradeWindow(GradePoint from, GradePoint to, String label) {

    public GradeWindow {
        Require.present(from, "from");
        Require.present(to, "to");
        Require.text(label, "label");
        if (from.position() > to.position()) {
            throw new IllegalArgumentException("'from' (" + from + ") is after 'to' (" + to + ")");
        }
    }

    /** Whether a position ({@link GradePoint#position(int, boolean)}) is in the window. */
    public boolean contains(int position) {
        return position >= from.position() && position <= to.position();
    }
}
