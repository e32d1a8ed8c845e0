package org.baton.node.readiness.rules;

import org.baton.proto.v1.TermType;

/**
 * A term on the calendar, for rules that start or stop at a term ("from fall 2025", "winter 2020").
 *
 * @param academicYear first calendar year of the academic year (2019 means 2019-20; summer 2021 is 2020)
 * @param term the term within that academic year
 */
public record TermPoint(int academicYear, TermType term) implements Comparable<TermPoint> {

    public TermPoint {
        Require.atLeast(academicYear, 1900, "academicYear");
        Require.present(term, "term");
        if (term == TermType.TERM_TYPE_UNSPECIFIED || term == TermType.UNRECOGNIZED) {
            throw new IllegalArgumentException("'term' must be FALL, WINTER, SPRING, SUMMER or FULL_YEAR, was " + term);
        }
    }

    /** Orders terms in time: fall, winter, spring (and full-year), summer within an academic year. */
    public static int ordinal(int academicYear, TermType term) {
        int within = switch (term) {
            case FALL -> 1;
            case WINTER -> 2;
            case SPRING, FULL_YEAR -> 3;
            case SUMMER -> 4;
            default -> 3;
        };
        return academicYear * 8 + within;
    }

    /** This term's position in {@link #ordinal(int, TermType)} order. */
    public int ordinal() {
        return ordinal(academicYear, term);
    }

    @Override
    public int compareTo(TermPoint other) {
        return Integer.compare(ordinal(), other.ordinal());
    }

    /** "fall 2025", "winter 2020" (the calendar year the term falls in). */
    @Override
    public String toString() {
        int calendarYear = term == TermType.FALL ? academicYear : academicYear + 1;
        return term.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " " + calendarYear;
    }
}
