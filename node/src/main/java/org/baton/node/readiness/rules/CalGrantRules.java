package org.baton.node.readiness.rules;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.baton.proto.v1.CourseCategory;

/**
 * The Cal Grant (CSAC) high-school GPA in all its versions.
 *
 * @param versions versions keyed by the first cohort they apply to
 */
public record CalGrantRules(List<Version> versions) {

    public CalGrantRules {
        versions = Require.list(versions).stream().sorted(Comparator.comparingInt(Version::cohortFrom)).toList();
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("'versions' must have at least one version");
        }
    }

    /**
     * One version.
     *
     * @param cohortFrom first cohort the version applies to
     * @param window the grades taken (sophomore and junior years and the summers after them)
     * @param points grade points per letter
     * @param excludedCategories course categories left out (PE, ROTC, remedial …)
     * @param includeCollegeCourses whether college courses on the record count
     * @param repeats how repeated courses are used
     * @param rounding how the result is brought to two decimals
     * @param awardA minimum GPA for Cal Grant A
     * @param awardB minimum GPA for Cal Grant B
     * @param cccTransferEntitlement minimum college GPA for the CCC transfer entitlement
     * @param source where the rules come from
     */
    public record Version(int cohortFrom, GradeWindow window, Map<Letter, Integer> points,
            List<CourseCategory> excludedCategories, boolean includeCollegeCourses, AgRules.RepeatRule repeats,
            Rounding rounding, BigDecimal awardA, BigDecimal awardB, BigDecimal cccTransferEntitlement,
            String source) implements Versioned {
        public Version {
            Require.atLeast(cohortFrom, 1900, "cohortFrom");
            Require.present(window, "window");
            points = GpaRules.pointTable(points);
            excludedCategories = Require.list(excludedCategories);
            Require.present(repeats, "repeats");
            Require.present(rounding, "rounding");
            awardA = Require.gpa(awardA, "awardA");
            awardB = Require.gpa(awardB, "awardB");
            cccTransferEntitlement = Require.gpa(cccTransferEntitlement, "cccTransferEntitlement");
            Require.text(source, "source");
        }

        @Override
        public int versionKey() {
            return cohortFrom;
        }
    }
}
