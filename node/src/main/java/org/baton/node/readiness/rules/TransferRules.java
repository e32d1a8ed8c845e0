package org.baton.node.readiness.rules;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.baton.proto.v1.GePattern;

/**
 * Community-college transfer rules (ADT, UC transfer, TAG, GE patterns) in all their versions.
 *
 * @param versions versions keyed by the first term they apply to
 */
public record TransferRules(List<Version> versions) {

    public TransferRules {
        versions = Require.list(versions).stream().sorted(Comparator.comparing(Version::effectiveFrom)).toList();
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("'versions' must have at least one version");
        }
    }

    /** Pattern key of the UC seven-course pattern in {@link Version#patterns()}. */
    public static final String UC_SEVEN_COURSE = "UC_SEVEN_COURSE";

    /**
     * One version.
     *
     * @param effectiveFrom first term the version applies to
     * @param collegeGradePoints grade points in tenths per college letter grade with its sign ("A-": 37)
     * @param semesterUnitsPerQuarterUnits how quarter units convert: {@code [semester, quarter]} (2 semester = 3 quarter)
     * @param rounding how transfer GPAs are brought to two decimals
     * @param adt the Associate Degree for Transfer
     * @param ucTransfer UC transfer admission
     * @param tag the UC Transfer Admission Guarantee
     * @param calGetcFrom the first term of Cal-GETC; students continuously enrolled before it may follow IGETC or CSU GE-Breadth
     * @param patterns GE patterns by {@link GePattern} name, plus the {@link #UC_SEVEN_COURSE} pattern
     * @param source where the rules come from
     */
    public record Version(TermPoint effectiveFrom, Map<String, Integer> collegeGradePoints,
            List<Integer> semesterUnitsPerQuarterUnits, Rounding rounding, Adt adt, UcTransfer ucTransfer, Tag tag,
            TermPoint calGetcFrom, Map<String, Pattern> patterns, String source) implements Versioned {
        public Version {
            Require.present(effectiveFrom, "effectiveFrom");
            collegeGradePoints = Require.map(collegeGradePoints);
            for (String grade : List.of("A", "B", "C", "D", "F")) {
                if (!collegeGradePoints.containsKey(grade)) {
                    throw new IllegalArgumentException("'collegeGradePoints' has no value for " + grade);
                }
            }
            collegeGradePoints.forEach((grade, tenths) -> {
                if (tenths < 0 || tenths > 50) {
                    throw new IllegalArgumentException("'collegeGradePoints." + grade + "' must be 0-50 tenths, was " + tenths);
                }
            });
            semesterUnitsPerQuarterUnits = Require.list(semesterUnitsPerQuarterUnits);
            if (semesterUnitsPerQuarterUnits.size() != 2 || semesterUnitsPerQuarterUnits.get(0) < 1
                    || semesterUnitsPerQuarterUnits.get(1) < 1) {
                throw new IllegalArgumentException("'semesterUnitsPerQuarterUnits' must be [semester, quarter], e.g. [2, 3]");
            }
            Require.present(rounding, "rounding");
            Require.present(adt, "adt");
            Require.present(ucTransfer, "ucTransfer");
            Require.present(tag, "tag");
            Require.present(calGetcFrom, "calGetcFrom");
            patterns = Require.map(patterns);
            for (String needed : List.of(GePattern.CAL_GETC.name(), GePattern.IGETC.name(),
                    GePattern.CSU_GE_BREADTH.name(), UC_SEVEN_COURSE)) {
                if (!patterns.containsKey(needed)) {
                    throw new IllegalArgumentException("'patterns' has no " + needed + " pattern");
                }
            }
            Require.text(source, "source");
        }

        @Override
        public int versionKey() {
            return effectiveFrom.ordinal();
        }

        /** A GE pattern's rules. */
        public Pattern pattern(GePattern pattern) {
            return patterns.get(pattern.name());
        }
    }

    /**
     * The Associate Degree for Transfer (AA-T / AS-T).
     *
     * @param units CSU-transferable semester units required, hundredths
     * @param gpa minimum CSU-transferable GPA
     * @param majorUnits semester units in the major, hundredths, when the program does not say
     * @param majorMinimum lowest grade of a major course ("C")
     * @param source where the rule comes from
     */
    public record Adt(int units, BigDecimal gpa, int majorUnits, String majorMinimum, String source) {
        public Adt {
            Require.atLeast(units, 1, "units");
            gpa = Require.gpa(gpa, "gpa");
            Require.atLeast(majorUnits, 1, "majorUnits");
            Require.text(majorMinimum, "majorMinimum");
            Require.text(source, "source");
        }
    }

    /**
     * UC transfer admission.
     *
     * @param units UC-transferable semester units required, hundredths
     * @param residentGpa minimum UC-transferable GPA, residents
     * @param nonResidentGpa minimum, non-residents
     * @param maxCccUnits most community-college semester units that transfer, hundredths
     * @param source where the rule comes from
     */
    public record UcTransfer(int units, BigDecimal residentGpa, BigDecimal nonResidentGpa, int maxCccUnits,
            String source) {
        public UcTransfer {
            Require.atLeast(units, 1, "units");
            residentGpa = Require.gpa(residentGpa, "residentGpa");
            nonResidentGpa = Require.gpa(nonResidentGpa, "nonResidentGpa");
            Require.atLeast(maxCccUnits, 1, "maxCccUnits");
            Require.text(source, "source");
        }
    }

    /**
     * The UC Transfer Admission Guarantee.
     *
     * @param minUnits UC-transferable semester units needed when applying, hundredths
     * @param campuses the TAG campuses and their GPA thresholds
     * @param source where the rule comes from
     */
    public record Tag(int minUnits, List<TagCampus> campuses, String source) {
        public Tag {
            Require.atLeast(minUnits, 1, "minUnits");
            campuses = Require.list(campuses);
            Require.text(source, "source");
        }
    }

    /**
     * One TAG campus.
     *
     * @param campus the campus name
     * @param gpa its minimum UC-transferable GPA
     */
    public record TagCampus(String campus, BigDecimal gpa) {
        public TagCampus {
            Require.text(campus, "campus");
            gpa = Require.gpa(gpa, "gpa");
        }
    }

    /**
     * A course pattern: slots filled by distinct courses, plus constraints over groups of slots.
     *
     * @param label the pattern's name
     * @param gePattern whose {@code GeArea} codes the slots name; {@code null} for the UC seven-course pattern,
     *     whose slots name {@code UcPatternArea} values
     * @param minimum lowest grade that counts ("C")
     * @param passAccepted whether P/CR counts
     * @param minUnits semester units the assigned courses must total, hundredths (0: no minimum)
     * @param slots the slots
     * @param groups constraints over groups of slots
     * @param source where the rule comes from
     */
    public record Pattern(String label, GePattern gePattern, String minimum, boolean passAccepted, int minUnits,
            List<Slot> slots, List<Group> groups, String source) {
        public Pattern {
            Require.text(label, "label");
            Require.text(minimum, "minimum");
            Require.atLeast(minUnits, 0, "minUnits");
            slots = Require.list(slots);
            if (slots.isEmpty()) {
                throw new IllegalArgumentException("'slots' must not be empty");
            }
            groups = Require.list(groups);
            List<String> ids = slots.stream().map(Slot::id).toList();
            if (ids.stream().distinct().count() != ids.size()) {
                throw new IllegalArgumentException("slot ids repeat: " + ids);
            }
            for (Group group : groups) {
                for (String slot : group.slots()) {
                    if (!ids.contains(slot)) {
                        throw new IllegalArgumentException("group '" + group.label() + "' names unknown slot '" + slot + "'");
                    }
                }
            }
            Require.text(source, "source");
        }

        /** The GE pattern whose area codes the slots use; empty for the UC seven-course pattern. */
        public Optional<GePattern> gePatternValue() {
            return Optional.ofNullable(gePattern);
        }
    }

    /**
     * A slot: one course with any of the areas.
     *
     * @param id slot id
     * @param label what it is ("1A English composition")
     * @param areas area codes accepted
     */
    public record Slot(String id, String label, List<String> areas) {
        public Slot {
            Require.text(id, "id");
            Require.text(label, "label");
            areas = Require.list(areas);
            if (areas.isEmpty()) {
                throw new IllegalArgumentException("slot '" + id + "' accepts no area");
            }
        }
    }

    /**
     * A constraint over some slots, checked once all of them are filled.
     *
     * @param label what it requires ("two disciplines", "one with a lab")
     * @param slots the slots
     * @param minDistinctDisciplines courses must come from at least this many disciplines (0: no constraint)
     * @param minDistinctAreas courses must come from at least this many of the slots' areas (0: none)
     * @param requiresArea at least one course must also carry this area (e.g. a lab); {@code null} when none
     * @param minUnits the courses must total this many semester units, hundredths (0: none)
     */
    public record Group(String label, List<String> slots, int minDistinctDisciplines, int minDistinctAreas,
            String requiresArea, int minUnits) {
        public Group {
            Require.text(label, "label");
            slots = Require.list(slots);
            if (slots.isEmpty()) {
                throw new IllegalArgumentException("group '" + label + "' has no slots");
            }
            Require.atLeast(minDistinctDisciplines, 0, "minDistinctDisciplines");
            Require.atLeast(minDistinctAreas, 0, "minDistinctAreas");
            Require.atLeast(minUnits, 0, "minUnits");
        }

        /** The area a course of the group must also carry, when any. */
        public Optional<String> requiredArea() {
            return Optional.ofNullable(requiresArea);
        }
    }
}
