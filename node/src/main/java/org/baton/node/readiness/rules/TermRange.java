package org.baton.node.readiness.rules;

/**
 * An inclusive range of terms.
 *
 * @param from first term in the range
 * @param to last term in the range
 * @param source where the rule comes from
 */
public record TermRange(TermPoint from, TermPoint to, String source) {

    public TermRange {
        Require.present(from, "from");
        Require.present(to, "to");
        Require.text(source, "source");
        if (from.compareTo(to) > 0) {
            throw new IllegalArgumentException("'from' (" + from + ") is after 'to' (" + to + ")");
        }
    }

    /** Whether a term, given as {@link TermPoint#ordinal(int, org.baton.proto.v1.TermType)}, is in the range. */
    public boolean contains(int termOrdinal) {
        return termOrdinal >= from.ordinal() && termOrdinal <= to.ordinal();
    }
}
