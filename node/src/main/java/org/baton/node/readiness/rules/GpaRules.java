package org.baton.node.readiness.rules;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a system (UC or CSU) computes its first-year GPA from a-g grades.
 *
 * @param windows the grade windows the GPA may take, by name
 * @param defaultWindow the window used unless the evaluation options name another
 * @param points grade points per letter ({@code +}/{@code -} are dropped before the lookup)
 * @param honors the extra honors point and its caps
 * @param collegeCourseWeight how many times a college course's grade counts (UC 1, CSU 2)
 * @param rounding how the result is brought to two decimals
 * @param minimums minimum GPAs by residency
 * @param source where the rule comes from
 */
public record GpaRules(Map<String, GradeWindow> windows, String defaultWindow, Map<Letter, Integer> points,
        HonorsRule honors, int collegeCourseWeight, Rounding rounding, Minimums minimums, String source) {

    public GpaRules {
        windows = Require.map(windows);
        Require.text(defaultWindow, "defaultWindow");
        if (!windows.containsKey(defaultWindow)) {
            throw new IllegalArgumentException("'defaultWindow' names '" + defaultWindow + "', which is not in 'windows' "
                    + windows.keySet());
        }
        points = pointTable(points);
        Require.present(honors, "honors");
        Require.atLeast(collegeCourseWeight, 1, "collegeCourseWeight");
        Require.present(rounding, "rounding");
        Require.present(minimums, "minimums");
        Require.text(source, "source");
    }

    /** The window of a name, when there is one. */
    public Optional<GradeWindow> window(String name) {
        return Optional.ofNullable(windows.get(name));
    }

    static Map<Letter, Integer> pointTable(Map<Letter, Integer> points) {
        Require.present(points, "points");
        for (Letter letter : Letter.values()) {
            Integer value = points.get(letter);
            if (value == null) {
                throw new IllegalArgumentException("'points' has no value for " + letter);
            }
            if (value < 0 || value > 5) {
                throw new IllegalArgumentException("'points." + letter + "' must be 0-5, was " + value);
            }
        }
        return Collections.unmodifiableMap(new EnumMap<>(points));
    }

    /**
     * The honors point.
     *
     * @param maxSemesters the most honors semesters that earn a point
     * @param maxSemestersInGrade the most per grade level (the summer after grade g counts as g + 1)
     * @param collegeCourses true when transferable college courses earn the point
     * @param source where the rule comes from
     */
    public record HonorsRule(int maxSemesters, Map<Integer, Integer> maxSemestersInGrade, boolean collegeCourses,
            String source) {
        public HonorsRule {
            Require.atLeast(maxSemesters, 0, "maxSemesters");
            maxSemestersInGrade = Require.map(maxSemestersInGrade);
            Require.text(source, "source");
        }
    }

    /**
     * Minimum GPAs.
     *
     * @param resident minimum for California residents
     * @param nonResident minimum for non-residents
     * @param reviewFloor lowest GPA still reviewed (CSU multi-factor review); {@code null} when none
     * @param source where the rule comes from
     */
    public record Minimums(BigDecimal resident, BigDecimal nonResident, BigDecimal reviewFloor, String source) {
        public Minimums {
            resident = Require.gpa(resident, "resident");
            nonResident = Require.gpa(nonResident, "nonResident");
            reviewFloor = reviewFloor == null ? null : Require.gpa(reviewFloor, "reviewFloor");
            Require.text(source, "source");
        }

        /** The lowest GPA still given a review, when the system has one. */
        public Optional<BigDecimal> reviewFloorValue() {
            return Optional.ofNullable(reviewFloor);
        }
    }
}
