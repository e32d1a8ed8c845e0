package org.baton.node.readiness;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.baton.node.readiness.rules.AgSubject;
import org.baton.proto.v1.AgAreaStatus;
import org.baton.proto.v1.AgStatusSummary;
import org.baton.proto.v1.HigherEdSystem;

/**
 * A student's a-g status for one system.
 *
 * @param system UC or CSU
 * @param rulesCohortFrom the first cohort of the rule version applied
 * @param status all areas together
 * @param areas every area a-g, in order
 * @param coursesRequired yearlong a-g courses required in all (15)
 * @param semestersCompleted a-g semesters completed (or validated), each counted once
 * @param semestersInProgress a-g semesters in progress
 * @param beforeSeniorYear UC's courses-before-senior-year check; empty for systems without it
 */
public record AgResult(HigherEdSystem system, int rulesCohortFrom, AreaStatus status, Map<AgSubject, Area> areas,
        int coursesRequired, int semestersCompleted, int semestersInProgress, Optional<SeniorYear> beforeSeniorYear) {

    public AgResult {
        areas = Map.copyOf(areas);
    }

    /** The result of one area. */
    public Area area(AgSubject subject) {
        return areas.get(subject);
    }

    /**
     * This result without the courses behind it, as a package carries it under the {@code AG_STATUS} scope:
     * statuses and semester counts, areas a to g in order.
     *
     * @param asOf the date the evaluation was made for
     */
    public AgStatusSummary summary(LocalDate asOf) {
        AgStatusSummary.Builder out = AgStatusSummary.newBuilder()
                .setSystem(system)
                .setAsOf(asOf.toString())
                .setRulesCohortFrom(rulesCohortFrom)
                .setStatus(status.toProto())
                .setSemestersCompleted(semestersCompleted)
                .setSemestersInProgress(semestersInProgress);
        for (AgSubject subject : AgSubject.values()) {
            Area area = areas.get(subject);
            if (area != null) {
                out.addAreas(AgAreaStatus.newBuilder()
                        .setArea(subject.toProto())
                        .setStatus(area.status().toProto())
                        .setSemestersRequired(area.semestersRequired())
                        .setSemestersCompleted(area.semestersCompleted())
                        .setSemestersInProgress(area.semestersInProgress()));
            }
        }
        return out.build();
    }

    /**
     * One area's result.
     *
     * @param area the area
     * @param status where it stands
     * @param semestersRequired semesters the area requires
     * @param semestersCompleted semesters counted toward the requirement (completed or validated)
     * @param semestersInProgress semesters in progress that would count
     * @param used the credits counted toward the requirement (for g, including overflow from a-f)
     * @param inProgress credits in progress or awaiting a validating course in progress
     * @param extra completed credits beyond the requirement (for a-f: overflowed into g)
     * @param components the parts the area requires and whether each is met
     * @param levels for math and LOTE: each level of the sequence and how it stands
     * @param deficiencies every D/F (or no-pass) grade of the area and what cleared it, if anything
     */
    public record Area(AgSubject area, AreaStatus status, int semestersRequired, int semestersCompleted,
            int semestersInProgress, List<Credit> used, List<Credit> inProgress, List<Credit> extra,
            List<Component> components, List<Level> levels, List<Deficiency> deficiencies) {
        public Area {
            used = List.copyOf(used);
            inProgress = List.copyOf(inProgress);
            extra = List.copyOf(extra);
            components = List.copyOf(components);
            levels = List.copyOf(levels);
            deficiencies = List.copyOf(deficiencies);
        }
    }

    /** How a credit was earned. */
    public enum CreditKind {
        /** A high-school course completed with an accepted grade. */
        COMPLETED,
        /** A transferable college course (dual enrollment or college). */
        COLLEGE_COURSE,
        /** A first semester validated by the second semester of the same course. */
        VALIDATED_BY_SECOND_SEMESTER,
        /** A lower level never taken, validated by a higher-level course. */
        VALIDATED_BY_OMISSION,
        /** A lower-level D/F validated by a higher-level course. */
        VALIDATED_BY_DEFICIENCY,
        /** A course in progress (or planned without a grade). */
        IN_PROGRESS,
        /** A lower level that a higher-level course in progress would validate. */
        AWAITING_VALIDATION
    }

    /**
     * Semesters of a-g credit and where they come from.
     *
     * @param kind how it was earned
     * @param area the area of the course (an overflowed credit keeps its own area)
     * @param recordIds the course records involved; for a validation, the validating course first
     * @param title the course's title, or for a validation by omission the level validated
     * @param grade the grade as recorded (of the validating course for a validation)
     * @param term the term of the course (of the validating course for a validation)
     * @param semesters semesters of credit
     * @param discipline the course's discipline, when given
     * @param level the course's sequence level (0 when none)
     * @param beforeSeniorYear whether it was completed before the senior year started
     * @param planned whether it comes from a what-if plan
     */
    public record Credit(CreditKind kind, AgSubject area, List<String> recordIds, String title, String grade,
            String term, int semesters, Optional<String> discipline, int level, boolean beforeSeniorYear,
            boolean planned) {
        public Credit {
            recordIds = List.copyOf(recordIds);
        }
    }

    /**
     * A part an area requires.
     *
     * @param id the component's id in the rule table
     * @param label what it requires
     * @param met met by completed courses
     * @param metWithInProgress met when courses in progress are counted
     * @param recordIds the records that meet it (with in-progress ones when only those meet it)
     */
    public record Component(String id, String label, boolean met, boolean metWithInProgress, List<String> recordIds) {
        public Component {
            recordIds = List.copyOf(recordIds);
        }
    }

    /** How one level of a sequence stands. */
    public enum LevelStatus {
        /** Both semesters completed. */
        COMPLETED,
        /** Both semesters credited, at least one by validation. */
        VALIDATED,
        /** Not complete, but would be with courses in progress. */
        IN_PROGRESS,
        /** A D/F remains that nothing clears. */
        DEFICIENT,
        /** One semester credited, the other missing. */
        PARTIAL,
        /** Neither taken nor validated. */
        MISSING
    }

    /**
     * One level of a math or LOTE sequence.
     *
     * @param level the sequence level (1 Algebra I / Integrated I …)
     * @param name what the level is
     * @param discipline the language, for LOTE
     * @param status how it stands
     */
    public record Level(int level, String name, Optional<String> discipline, LevelStatus status) {
    }

    /**
     * A grade that does not satisfy a requirement (D, F, no-pass) and what cleared it.
     *
     * @param area the area
     * @param recordId the course record
     * @param title the course
     * @param grade the grade
     * @param term the term
     * @param clearance how it was cleared (a repeat, a validation); empty when it still stands
     */
    public record Deficiency(AgSubject area, String recordId, String title, String grade, String term,
            Optional<Clearance> clearance) {

        /** How it was cleared, in words ("repeated: B in fall 2024"); empty when it still stands. */
        public Optional<String> clearedBy() {
            return clearance.map(Clearance::text);
        }
    }

    /**
     * What cleared a deficiency.
     *
     * @param how by a repeat, the second semester, a higher-level course, or the level completed otherwise
     * @param course the course that cleared it (for {@link How#LEVEL_COMPLETED}, the level)
     * @param grade the grade of that course (empty for {@link How#LEVEL_COMPLETED})
     * @param term the term of that course (empty for {@link How#LEVEL_COMPLETED})
     */
    public record Clearance(How how, String course, String grade, String term) {

        /** The ways a deficiency is cleared. */
        public enum How { REPEATED, SECOND_SEMESTER, HIGHER_COURSE, LEVEL_COMPLETED }

        public Clearance {
            Objects.requireNonNull(how, "how");
            Objects.requireNonNull(course, "course");
            Objects.requireNonNull(grade, "grade");
            Objects.requireNonNull(term, "term");
        }

        /** In words, as the text and JSON reports give it. */
        public String text() {
            return switch (how) {
                case REPEATED -> "repeated: " + grade + " in " + term;
                case SECOND_SEMESTER -> "validated by the second semester (" + grade + ")";
                case HIGHER_COURSE -> "validated by " + course + " (" + grade + ")";
                case LEVEL_COMPLETED -> course + " completed by another course";
            };
        }
    }

    /**
     * UC's rule of courses completed before the senior year.
     *
     * @param coursesRequired yearlong courses required before the senior year (11)
     * @param semestersCompleted a-g semesters completed before the senior year
     * @param semestersInProgress a-g semesters before the senior year still in progress
     * @param status met, in progress, or missing
     */
    public record SeniorYear(int coursesRequired, int semestersCompleted, int semestersInProgress, AreaStatus status) {
    }
}
