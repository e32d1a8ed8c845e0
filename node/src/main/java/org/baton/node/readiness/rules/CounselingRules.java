package org.baton.node.readiness.rules;

import java.math.BigDecimal;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Baton's counseling defaults: not UC/CSU/CSAC rules, but the thresholds a caseload view flags by.
 *
 * @param deadlineNearDays a deadline this many days away or fewer is "near"
 * @param reportedGpaTolerance a reported GPA further than this from Baton's is flagged
 * @param academicYearStarts the month-day an academic year starts ("07-01"), for deriving grade levels
 * @param expectedSemesters per area, a-g semesters (completed or in progress) expected by the end of a grade level;
 *     a grade not listed takes the value of the nearest lower grade listed (0 before the first)
 * @param source where the defaults come from
 */
public record CounselingRules(int deadlineNearDays, BigDecimal reportedGpaTolerance, String academicYearStarts,
        Map<AgSubject, Map<Integer, Integer>> expectedSemesters, String source) {

    public CounselingRules {
        Require.atLeast(deadlineNearDays, 0, "deadlineNearDays");
        reportedGpaTolerance = Require.gpa(reportedGpaTolerance, "reportedGpaTolerance");
        Require.text(academicYearStarts, "academicYearStarts");
        try {
            if (!academicYearStarts.matches("\\d\\d-\\d\\d")) {
                throw new DateTimeParseException("not MM-DD", academicYearStarts, 0);
            }
            MonthDay.parse("--" + academicYearStarts);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'academicYearStarts' must be a month-day MM-DD, was '"
                    + academicYearStarts + "'", e);
        }
        Map<AgSubject, Map<Integer, Integer>> copy = new EnumMap<>(AgSubject.class);
        Require.map(expectedSemesters).forEach((area, byGrade) -> copy.put(area, Require.map(byGrade)));
        expectedSemesters = Collections.unmodifiableMap(copy);
        Require.text(source, "source");
    }

    /** The month-day an academic year starts. */
    public MonthDay academicYearStart() {
        return MonthDay.of(Integer.parseInt(academicYearStarts, 0, 2, 10), Integer.parseInt(academicYearStarts, 3, 5, 10));
    }

    /** Semesters of an area expected, completed or in progress, by the end of a grade level. */
    public int expectedBy(AgSubject area, int gradeLevel) {
        Map<Integer, Integer> byGrade = expectedSemesters.getOrDefault(area, Map.of());
        int best = -1;
        int value = 0;
        for (Map.Entry<Integer, Integer> e : byGrade.entrySet()) {
            if (e.getKey() <= gradeLevel && e.getKey() > best) {
                best = e.getKey();
                value = e.getValue();
            }
        }
        return value;
    }
}
