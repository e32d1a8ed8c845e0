package org.baton.node.readiness;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.baton.node.readiness.rules.CalGrantRules;
import org.baton.node.readiness.rules.GpaRules;
import org.baton.node.readiness.rules.GradeWindow;
import org.baton.proto.v1.CourseCategory;
import org.baton.proto.v1.HigherEdSystem;

/** Computes the UC, CSU and Cal Grant GPAs. Immutable and shared. */
final class GpaCalculator {

    private GpaCalculator() {
    }

    /**
     * A UC or CSU GPA: a-g grades (as that system's a-g evaluation accepts the course) in the window, +/- dropped,
     * the honors point within the caps.
     */
    static AdmissionGpa admission(HigherEdSystem system, GpaRules rules, String windowName, AgEvaluator ag,
            StudentContext ctx, Repeats repeats, Trail trail) {
        TrailScope scope = system == HigherEdSystem.SYSTEM_UC ? TrailScope.UC_GPA : TrailScope.CSU_GPA;
        String name = system == HigherEdSystem.SYSTEM_UC ? "UC GPA" : "CSU GPA";
        GradeWindow window = rules.windows().get(windowName);
        GpaRules.HonorsRule honors = rules.honors();
        Map<Integer, Integer> gradeCaps = honors.maxSemestersInGrade();
        int[] honorsByGrade = new int[14];
        int honorsTotal = 0;
        int grades = 0;
        int points = 0;
        int earned = 0;
        List<GpaLine> lines = new ArrayList<>(24);
        for (int j = 0, jn = ctx.courses.size(); j < jn; j++) {
            Course c = ctx.courses.get(j);
            if (c.area == null || repeats.setAside(c)) {
                continue;
            }
            if (c.college && !ag.acceptsCollege(c)) {
                continue;
            }
            if (!window.contains(c.position)) {
                trail.add(scope, TrailCode.GPA_OUTSIDE_WINDOW, c.recordId, c.title, c.term, c.gradeLabel,
                        window.label());
                continue;
            }
            if (!c.mark.isLetter()) {
                trail.add(scope, TrailCode.GPA_NOT_LETTER, c.recordId, c.title, c.term, c.mark);
                continue;
            }
            int weight = c.college ? rules.collegeCourseWeight() : c.weight;
            int value = rules.points().get(c.mark.letter);
            boolean honorsCourse = c.college ? honors.collegeCourses() : c.honors;
            int lineEarned = honorsCourse && ag.accepts(c.mark) ? weight : 0;
            // The summer after grade g counts as grade g + 1 (the summer after 9th is 10th grade).
            int capGrade = c.summer ? c.gradeLevel + 1 : c.gradeLevel;
            int lineCounted = 0;
            String capReason = null;
            for (int i = 0; i < lineEarned; i++) {
                Integer gradeCap = gradeCaps.get(capGrade);
                if (honorsTotal >= honors.maxSemesters()) {
                    capReason = "the cap of " + honors.maxSemesters() + " honors semesters is reached";
                } else if (gradeCap != null && honorsByGrade[capGrade] >= gradeCap) {
                    capReason = "the cap of " + gradeCap + " honors semesters in grade " + capGrade + " is reached";
                } else {
                    lineCounted++;
                    honorsTotal++;
                    honorsByGrade[capGrade]++;
                }
            }
            grades += weight;
            points += value * weight;
            earned += lineEarned;
            lines.add(new GpaLine(c.recordId, c.title, c.termLabel, c.gradeLevel, c.mark.text, value, weight,
                    lineEarned, lineCounted, c.planned));
            trail.add(scope, TrailCode.GPA_GRADE, c.recordId, c.title, c.term, c.summer
                    ? c.gradeLabel + ", counted as " + capGrade : c.gradeLabel,
                    c.mark, value, weight, lineEarned == 0 ? "" : lineCounted == lineEarned
                            ? ", +" + lineEarned + " honors" : ", +" + lineEarned + " honors (" + lineCounted + " within caps)");
            if (capReason != null) {
                trail.add(scope, TrailCode.GPA_HONORS_CAPPED, c.recordId, c.title, c.term, capReason);
            }
        }
        GpaRules.Minimums minimums = rules.minimums();
        BigDecimal minimum = ctx.facts.resident() ? minimums.resident() : minimums.nonResident();
        if (grades == 0) {
            trail.add(scope, TrailCode.GPA_NO_GRADES, null, name, window.label());
            return new AdmissionGpa(system, window.label(), Optional.empty(), Optional.empty(), Optional.empty(), 0, 0,
                    0, 0, minimum, GpaStanding.NO_GRADES, lines);
        }
        BigDecimal unweighted = Gpas.divide(points, grades, rules.rounding());
        BigDecimal capped = Gpas.divide(points + honorsTotal, grades, rules.rounding());
        BigDecimal full = Gpas.divide(points + earned, grades, rules.rounding());
        GpaStanding standing = capped.compareTo(minimum) >= 0 ? GpaStanding.MEETS_MINIMUM
                : minimums.reviewFloorValue().filter(floor -> capped.compareTo(floor) >= 0).isPresent()
                        ? GpaStanding.REVIEW : GpaStanding.BELOW_MINIMUM;
        trail.add(scope, TrailCode.GPA_RESULT, null, name, grades, points, earned, honorsTotal, unweighted, capped,
                full, minimum + (ctx.facts.resident() ? " (resident)" : " (non-resident)"), standing);
        return new AdmissionGpa(system, window.label(), Optional.of(unweighted), Optional.of(capped),
                Optional.of(full), grades, points, earned, honorsTotal, minimum, standing, lines);
    }

    /** The Cal Grant GPA: every academic grade of the window, PE/ROTC/remedial excluded, latest repeat only. */
    static CalGrantGpa calGrant(CalGrantRules.Version rules, StudentContext ctx, Repeats repeats, Trail trail) {
        TrailScope scope = TrailScope.CAL_GRANT_GPA;
        GradeWindow window = rules.window();
        int grades = 0;
        int points = 0;
        List<GpaLine> lines = new ArrayList<>(24);
        for (int j = 0, jn = ctx.courses.size(); j < jn; j++) {
            Course c = ctx.courses.get(j);
            if (repeats.setAside(c)) {
                continue;
            }
            if (c.college && !rules.includeCollegeCourses()) {
                continue;
            }
            if (!window.contains(c.position)) {
                continue;
            }
            if (rules.excludedCategories().contains(c.category)) {
                trail.add(scope, TrailCode.GPA_CATEGORY_EXCLUDED, c.recordId, c.title, c.term, categoryName(c.category));
                continue;
            }
            if (!c.mark.isLetter()) {
                trail.add(scope, TrailCode.GPA_NOT_LETTER, c.recordId, c.title, c.term, c.mark);
                continue;
            }
            if (!StudentContext.categoryKnown(c.category)) {
                trail.add(scope, TrailCode.GPA_CATEGORY_ASSUMED, c.recordId, c.title, c.term);
            }
            int value = rules.points().get(c.mark.letter);
            int weight = c.college ? 1 : c.weight;
            grades += weight;
            points += value * weight;
            lines.add(new GpaLine(c.recordId, c.title, c.termLabel, c.gradeLevel, c.mark.text, value, weight, 0,
                    0, c.planned));
            trail.add(scope, TrailCode.GPA_GRADE, c.recordId, c.title, c.term, c.gradeLabel, c.mark, value, weight, "");
        }
        if (grades == 0) {
            trail.add(scope, TrailCode.GPA_NO_GRADES, null, "Cal Grant GPA", window.label());
            return new CalGrantGpa(window.label(), Optional.empty(), 0, 0, rules.awardA(), rules.awardB(), false, false,
                    lines);
        }
        BigDecimal value = Gpas.divide(points, grades, rules.rounding());
        boolean meetsA = value.compareTo(rules.awardA()) >= 0;
        boolean meetsB = value.compareTo(rules.awardB()) >= 0;
        trail.add(scope, TrailCode.CAL_GRANT_RESULT, null, grades, points, value, rules.awardA(),
                meetsA ? "met" : "not met", rules.awardB(), meetsB ? "met" : "not met");
        return new CalGrantGpa(window.label(), Optional.of(value), grades, points, rules.awardA(), rules.awardB(),
                meetsA, meetsB, lines);
    }

    private static String categoryName(CourseCategory category) {
        return switch (category) {
            case PHYSICAL_EDUCATION -> "physical education";
            case ROTC -> "ROTC";
            case REMEDIAL -> "remedial";
            case NON_ACADEMIC -> "non-academic";
            default -> category.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
