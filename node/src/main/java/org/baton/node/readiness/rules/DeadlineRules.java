package org.baton.node.readiness.rules;

import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deadlines, each a month-day anchored to a year of the student's path, with per-year overrides.
 *
 * @param deadlines one entry per {@link DeadlineKind}
 */
public record DeadlineRules(List<Deadline> deadlines) {

    public DeadlineRules {
        deadlines = Require.list(deadlines);
        Map<DeadlineKind, Deadline> seen = new EnumMap<>(DeadlineKind.class);
        for (Deadline deadline : deadlines) {
            if (seen.put(deadline.kind(), deadline) != null) {
                throw new IllegalArgumentException("deadline " + deadline.kind() + " appears twice");
            }
        }
        for (DeadlineKind kind : DeadlineKind.values()) {
            if (!seen.containsKey(kind)) {
                throw new IllegalArgumentException("no deadline " + kind);
            }
        }
    }

    /** The rule of a deadline. */
    public Deadline get(DeadlineKind kind) {
        for (Deadline deadline : deadlines) {
            if (deadline.kind() == kind) {
                return deadline;
            }
        }
        throw new IllegalStateException("no deadline " + kind);
    }

    /** What year a deadline's month-day is anchored to. */
    public enum Anchor {
        /** Y of award year Y-(Y+1). */
        AWARD_YEAR,
        /** The calendar year the senior year starts in (cohort - 1). */
        SENIOR_YEAR,
        /** The calendar year of the fall term the student enters college. */
        ENTRY_YEAR
    }

    /**
     * One deadline.
     *
     * @param kind which deadline
     * @param label what a counselor reads
     * @param anchor the year the dates count from
     * @param yearOffset years added to the anchor year for both dates
     * @param opens first day of a filing period ("MM-DD"); {@code null} when the deadline is a single date
     * @param opensYearOffset further years added for the opening date (FAFSA opens the October before)
     * @param due the deadline ("MM-DD")
     * @param overrides due dates ("YYYY-MM-DD") that replace the usual one, by anchor year
     * @param source where the rule comes from
     */
    public record Deadline(DeadlineKind kind, String label, Anchor anchor, int yearOffset, String opens,
            int opensYearOffset, String due, Map<Integer, String> overrides, String source) {
        public Deadline {
            Require.present(kind, "kind");
            Require.text(label, "label");
            Require.present(anchor, "anchor");
            if (opens != null) {
                monthDay(opens, "opens");
            }
            monthDay(Require.text(due, "due"), "due");
            Map<Integer, String> checked = new HashMap<>();
            for (Map.Entry<Integer, String> e : Require.map(overrides).entrySet()) {
                try {
                    if (!e.getValue().matches("\\d{4}-\\d\\d-\\d\\d")) {
                        throw new DateTimeParseException("not YYYY-MM-DD", e.getValue(), 0);
                    }
                    LocalDate.parse(e.getValue());
                } catch (DateTimeParseException ex) {
                    throw new IllegalArgumentException("'overrides." + e.getKey() + "' must be a date YYYY-MM-DD, was '"
                            + e.getValue() + "'", ex);
                }
                checked.put(e.getKey(), e.getValue());
            }
            overrides = Map.copyOf(checked);
            Require.text(source, "source");
        }

        /** The due date for an anchor year. */
        public LocalDate dueFor(int anchorYear) {
            if (!overrides.isEmpty()) {
                String override = overrides.get(anchorYear);
                if (override != null) {
                    return LocalDate.of(Integer.parseInt(override, 0, 4, 10), Integer.parseInt(override, 5, 7, 10),
                            Integer.parseInt(override, 8, 10, 10));
                }
            }
            return atYear(due, anchorYear + yearOffset);
        }

        /** The opening date for an anchor year, when the deadline closes a filing period. */
        public Optional<LocalDate> opensFor(int anchorYear) {
            return opens == null ? Optional.empty() : Optional.of(atYear(opens, anchorYear + yearOffset + opensYearOffset));
        }

        /** A validated "MM-DD" at a year, without a formatter (this runs for every student evaluated). */
        private static LocalDate atYear(String monthDay, int year) {
            return MonthDay.of(Integer.parseInt(monthDay, 0, 2, 10), Integer.parseInt(monthDay, 3, 5, 10)).atYear(year);
        }

        private static MonthDay monthDay(String text, String key) {
            if (!text.matches("\\d\\d-\\d\\d")) {
                throw new IllegalArgumentException("'" + key + "' must be a month-day MM-DD, was '" + text + "'");
            }
            try {
                return MonthDay.parse("--" + text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + key + "' must be a month-day MM-DD, was '" + text + "'", e);
            }
        }
    }
}
