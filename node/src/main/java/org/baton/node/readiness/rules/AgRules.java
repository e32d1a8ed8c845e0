package org.baton.node.readiness.rules;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.baton.proto.v1.TermCalendar;

/**
 * The a-g subject requirements of one system (UC or CSU) for one range of cohorts.
 *
 * @param grades which grades satisfy a requirement
 * @param middleSchool which areas take 7th- and 8th-grade courses
 * @param collegeCourses how college courses count
 * @param beforeSeniorYear courses required before the senior year; {@code null} (absent) when the system has no such rule
 * @param totalCourses yearlong courses required in all
 * @param repeats how repeated courses are used
 * @param areas the requirement of every area a-g
 */
public record AgRules(
        GradeRule grades,
        MiddleSchoolRule middleSchool,
        CollegeCourseRule collegeCourses,
        SeniorYearRule beforeSeniorYear,
        int totalCourses,
        RepeatRule repeats,
        Map<AgSubject, AreaRule> areas) {

    public AgRules {
        Require.present(grades, "grades");
        Require.present(middleSchool, "middleSchool");
        Require.present(collegeCourses, "collegeCourses");
        Require.atLeast(totalCourses, 1, "totalCourses");
        Require.present(repeats, "repeats");
        Require.present(areas, "areas");
        for (AgSubject subject : AgSubject.values()) {
            if (!areas.containsKey(subject)) {
                throw new IllegalArgumentException("'areas' has no entry for area " + subject.letter());
            }
        }
        areas = Collections.unmodifiableMap(new EnumMap<>(areas));
        for (AreaRule area : areas.values()) {
            for (ComponentRule component : area.components()) {
                if (component.distinctFrom() != null
                        && area.components().stream().noneMatch(c -> c.id().equals(component.distinctFrom()))) {
                    throw new IllegalArgumentException("component '" + component.id() + "' is distinct from '"
                            + component.distinctFrom() + "', which the area does not have");
                }
            }
        }
    }

    /** The rule for the 11-courses-before-senior-year requirement, when the system has one. */
    public Optional<SeniorYearRule> seniorYearRule() {
        return Optional.ofNullable(beforeSeniorYear);
    }

    /**
     * Which grades satisfy a requirement.
     *
     * @param minimum lowest grade that satisfies, with its sign ("C", "C-")
     * @param ignorePlusMinus true when +/- is dropped before comparing (UC: C- counts as C); configurable
     * @param passCreditWindows terms in which P/CR grades satisfy a requirement
     * @param source where the rule comes from
     */
    public record GradeRule(String minimum, boolean ignorePlusMinus, List<TermRange> passCreditWindows, String source) {
        public GradeRule {
            Require.text(minimum, "minimum");
            if (!minimum.matches("[ABCD][+-]?")) {
                throw new IllegalArgumentException("'minimum' must be a letter grade A-D with an optional + or -, was '"
                        + minimum + "'");
            }
            passCreditWindows = Require.list(passCreditWindows);
            Require.text(source, "source");
        }
    }

    /**
     * Courses of grades 7 and 8.
     *
     * @param areas the only areas such courses count in
     * @param source where the rule comes from
     */
    public record MiddleSchoolRule(List<AgSubject> areas, String source) {
        public MiddleSchoolRule {
            areas = Require.list(areas);
            Require.text(source, "source");
        }
    }

    /** Transferability a college course needs to count for a system. */
    public enum Transferability {
        UC_TRANSFERABLE, CSU_TRANSFERABLE
    }

    /**
     * How a college course counts toward a-g.
     *
     * @param acceptedIf a course counts when it has any of these
     * @param yearUnits units (hundredths) at or above which a course is one year, per unit system
     * @param belowYearSemesters semesters a smaller course counts for
     * @param source where the rule comes from
     */
    public record CollegeCourseRule(
            List<Transferability> acceptedIf, Map<TermCalendar, Integer> yearUnits, int belowYearSemesters,
            String source) {
        public CollegeCourseRule {
            acceptedIf = Require.list(acceptedIf);
            if (acceptedIf.isEmpty()) {
                throw new IllegalArgumentException("'acceptedIf' must name at least one transferability");
            }
            yearUnits = Require.map(yearUnits);
            if (!yearUnits.containsKey(TermCalendar.SEMESTER) || !yearUnits.containsKey(TermCalendar.QUARTER)) {
                throw new IllegalArgumentException("'yearUnits' must give SEMESTER and QUARTER units");
            }
            yearUnits.forEach((calendar, units) -> Require.atLeast(units, 1, "yearUnits." + calendar));
            Require.atLeast(belowYearSemesters, 0, "belowYearSemesters");
            Require.text(source, "source");
        }
    }

    /**
     * Courses to complete before the senior year starts (the summer after 11th grade counts).
     *
     * @param courses yearlong courses
     * @param source where the rule comes from
     */
    public record SeniorYearRule(int courses, String source) {
        public SeniorYearRule {
            Require.atLeast(courses, 1, "courses");
            Require.text(source, "source");
        }
    }

    /**
     * How repeated courses are used.
     *
     * @param policy the policy
     * @param source where the rule comes from
     */
    public record RepeatRule(RepeatPolicy policy, String source) {
        public RepeatRule {
            Require.present(policy, "policy");
            Require.text(source, "source");
        }
    }

    /**
     * The requirement of one area.
     *
     * @param years yearlong courses required
     * @param components parts the years must include (US history, a lab science …); may be empty
     * @param caps limits on how many semesters of some disciplines count toward {@code years}
     * @param sequence validation rules for sequential areas (math, LOTE); {@code null} for other areas
     * @param source where the rule comes from
     */
    public record AreaRule(int years, List<ComponentRule> components, List<CapRule> caps, SequenceRule sequence,
            String source) {
        public AreaRule {
            Require.atLeast(years, 1, "years");
            components = Require.list(components);
            caps = Require.list(caps);
            Require.text(source, "source");
        }

        /** Validation rules, for math and LOTE. */
        public Optional<SequenceRule> sequenceRule() {
            return Optional.ofNullable(sequence);
        }
    }

    /**
     * A part an area's years must include.
     *
     * @param id short id ("us-history")
     * @param label what a counselor reads ("1 year of US history, or ½ US history + ½ civics")
     * @param semesters semesters required
     * @param disciplines disciplines that count; empty means any
     * @param sameDiscipline true when all semesters must be of one discipline (one language, one art)
     * @param fromAreas areas whose courses count (default: the area itself)
     * @param distinctFrom id of another component whose discipline this one must differ from
     * @param atLeast minimum semesters of particular disciplines within this component
     * @param source where the rule comes from
     */
    public record ComponentRule(String id, String label, int semesters, List<String> disciplines,
            boolean sameDiscipline, List<AgSubject> fromAreas, String distinctFrom, Map<String, Integer> atLeast,
            String source) {
        public ComponentRule {
            Require.text(id, "id");
            Require.text(label, "label");
            Require.atLeast(semesters, 1, "semesters");
            disciplines = Require.list(disciplines);
            fromAreas = Require.list(fromAreas);
            atLeast = Require.map(atLeast);
            Require.text(source, "source");
        }

        /** The component whose discipline this one must differ from. */
        public Optional<String> distinctFromId() {
            return Optional.ofNullable(distinctFrom);
        }

        /** Whether a discipline counts ({@code null} discipline counts only when any discipline does). */
        public boolean accepts(String discipline) {
            return disciplines.isEmpty() || (discipline != null && disciplines.contains(discipline));
        }

        /** Whether courses of an area count, given the area the component belongs to. */
        public boolean acceptsArea(AgSubject courseArea, AgSubject ownArea) {
            return fromAreas.isEmpty() ? courseArea == ownArea : fromAreas.contains(courseArea);
        }
    }

    /**
     * A limit on the semesters of some disciplines that count toward an area's years.
     *
     * @param disciplines the disciplines limited
     * @param maxSemesters the most semesters that count
     * @param source where the rule comes from
     */
    public record CapRule(Set<String> disciplines, int maxSemesters, String source) {
        public CapRule {
            disciplines = disciplines == null ? Set.of() : Set.copyOf(disciplines);
            if (disciplines.isEmpty()) {
                throw new IllegalArgumentException("'disciplines' must name at least one discipline");
            }
            Require.atLeast(maxSemesters, 0, "maxSemesters");
            Require.text(source, "source");
        }
    }

    /**
     * Validation of a sequential area (math, LOTE): a higher-level course with an accepted grade presumes the
     * lower levels.
     *
     * @param requiredLevels levels the area needs satisfied (completed or validated) to be met; empty when none
     * @param omissionLevels levels that count as years when validated without ever being taken
     * @param perDiscipline true when sequences are per discipline (one per language); false for one sequence
     * @param defaults validation of levels not listed in {@code levels}
     * @param levels validation per level, where it differs from {@code defaults}
     * @param source where the rule comes from
     */
    public record SequenceRule(List<Integer> requiredLevels, List<Integer> omissionLevels, boolean perDiscipline,
            LevelRule defaults, Map<Integer, LevelRule> levels, String source) {
        public SequenceRule {
            requiredLevels = Require.list(requiredLevels);
            omissionLevels = Require.list(omissionLevels);
            Require.present(defaults, "defaults");
            levels = Require.map(levels);
            for (Integer level : levels.keySet()) {
                Require.atLeast(level, 1, "levels key");
            }
            Require.text(source, "source");
        }

        /** The validation rule of a level. */
        public LevelRule level(int level) {
            return levels.getOrDefault(level, defaults);
        }
    }

    /**
     * Validation of one level.
     *
     * @param name what the level is ("Geometry / Integrated Math II")
     * @param byOmission a higher-level course validates this level when it was never taken
     * @param byDeficiency a higher-level course validates a D/F in this level
     * @param secondSemester an accepted second semester validates the first semester of this level
     * @param excludedValidators courses that do not validate this level
     * @param source where the rule comes from
     */
    public record LevelRule(String name, boolean byOmission, boolean byDeficiency, boolean secondSemester,
            List<ValidatorExclusion> excludedValidators, String source) {
        public LevelRule {
            Require.text(name, "name");
            excludedValidators = Require.list(excludedValidators);
            Require.text(source, "source");
        }
    }

    /**
     * Courses that no longer validate a level: those of the given disciplines taken from a given term on.
     *
     * @param disciplines the validator's disciplines ("DATA_SCIENCE", "STATISTICS")
     * @param takenFrom the first term whose courses are excluded; earlier courses keep their effect
     * @param source where the rule comes from
     */
    public record ValidatorExclusion(Set<String> disciplines, TermPoint takenFrom, String source) {
        public ValidatorExclusion {
            disciplines = disciplines == null ? Set.of() : Set.copyOf(disciplines);
            if (disciplines.isEmpty()) {
                throw new IllegalArgumentException("'disciplines' must name at least one discipline");
            }
            Require.present(takenFrom, "takenFrom");
            Require.text(source, "source");
        }

        /** Whether a validator of the discipline, taken in the term (ordinal), is excluded. */
        public boolean excludes(String discipline, int termOrdinal) {
            return discipline != null && disciplines.contains(discipline) && termOrdinal >= takenFrom.ordinal();
        }
    }
}
