package org.baton.node.readiness;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.baton.proto.v1.GePattern;

/**
 * A community-college student's progress toward transfer. Units are semester units (quarter units converted).
 *
 * @param program the declared program ({@code code title}), when there is one
 * @param gePattern the GE pattern that applies to the student (Cal-GETC unless a legacy pattern is allowed and chosen)
 * @param legacyPatternsAllowed whether the student may follow IGETC or CSU GE-Breadth (continuously enrolled before Cal-GETC)
 * @param continuousEnrollmentSince the first term of continuous enrollment, as recorded or derived
 * @param csuTransferableUnits CSU-transferable units completed
 * @param ucTransferableUnits UC-transferable units completed
 * @param ucTransferableUnitsCounted UC-transferable units that count (at most the CCC unit limit)
 * @param unitsInProgress units of college courses in progress
 * @param csuTransferableGpa GPA over CSU-transferable graded units
 * @param ucTransferableGpa GPA over UC-transferable graded units
 * @param collegeGpa GPA over every graded college unit (the Cal Grant transfer entitlement looks at it)
 * @param calGrantTransferEntitlementGpa the college GPA the Cal Grant CCC transfer entitlement needs
 * @param adt Associate Degree for Transfer progress
 * @param uc UC transfer progress
 * @param gePatterns GE pattern progress (Cal-GETC, and IGETC / CSU GE-Breadth when allowed)
 * @param ucSevenCourse the UC seven-course pattern
 * @param tag UC TAG eligibility per campus
 */
public record TransferProgress(Optional<String> program, GePattern gePattern, boolean legacyPatternsAllowed,
        String continuousEnrollmentSince, BigDecimal csuTransferableUnits, BigDecimal ucTransferableUnits,
        BigDecimal ucTransferableUnitsCounted, BigDecimal unitsInProgress, Optional<BigDecimal> csuTransferableGpa,
        Optional<BigDecimal> ucTransferableGpa, Optional<BigDecimal> collegeGpa,
        BigDecimal calGrantTransferEntitlementGpa, Adt adt, UcTransfer uc, List<Pattern> gePatterns,
        Pattern ucSevenCourse, List<TagCampus> tag) {

    public TransferProgress {
        gePatterns = List.copyOf(gePatterns);
        tag = List.copyOf(tag);
    }

    /** Whether the college GPA reaches the Cal Grant CCC transfer entitlement minimum. */
    public boolean meetsCalGrantTransferEntitlementGpa() {
        return collegeGpa.isPresent() && collegeGpa.get().compareTo(calGrantTransferEntitlementGpa) >= 0;
    }

    /**
     * ADT progress.
     *
     * @param complete every requirement met
     * @param units CSU-transferable units
     * @param unitsRequired units required
     * @param majorUnits major units with an accepted grade
     * @param majorUnitsRequired major units required
     * @param gpa CSU-transferable GPA
     * @param gpaRequired GPA required
     * @param gePatternComplete whether the applicable GE pattern is complete
     * @param missing what is still missing, in words ("3.00 more CSU-transferable units")
     */
    public record Adt(boolean complete, BigDecimal units, BigDecimal unitsRequired, BigDecimal majorUnits,
            BigDecimal majorUnitsRequired, Optional<BigDecimal> gpa, BigDecimal gpaRequired, boolean gePatternComplete,
            List<String> missing) {
        public Adt {
            missing = List.copyOf(missing);
        }
    }

    /**
     * UC transfer progress.
     *
     * @param complete every requirement met
     * @param units UC-transferable units that count
     * @param unitsRequired units required
     * @param gpa UC-transferable GPA
     * @param gpaRequired GPA required for the student's residency
     * @param sevenCourseComplete whether the seven-course pattern is complete
     * @param missing what is still missing, in words
     */
    public record UcTransfer(boolean complete, BigDecimal units, BigDecimal unitsRequired, Optional<BigDecimal> gpa,
            BigDecimal gpaRequired, boolean sevenCourseComplete, List<String> missing) {
        public UcTransfer {
            missing = List.copyOf(missing);
        }
    }

    /**
     * A course pattern's progress.
     *
     * @param pattern the pattern's key (CAL_GETC, IGETC, CSU_GE_BREADTH, UC_SEVEN_COURSE)
     * @param label its name
     * @param complete complete with completed courses
     * @param completeWithInProgress complete when courses in progress are completed
     * @param slots every slot and the course that fills it
     * @param unmetGroups constraints not met ("area 4 courses from two disciplines")
     * @param units units of the courses filling the slots
     * @param unitsRequired units the pattern requires (0 when none)
     */
    public record Pattern(String pattern, String label, boolean complete, boolean completeWithInProgress,
            List<Slot> slots, List<String> unmetGroups, BigDecimal units, BigDecimal unitsRequired) {
        public Pattern {
            slots = List.copyOf(slots);
            unmetGroups = List.copyOf(unmetGroups);
        }
    }

    /**
     * One slot of a pattern.
     *
     * @param id slot id
     * @param label what it requires
     * @param recordId the course filling it
     * @param title that course's title
     * @param inProgress whether that course is in progress
     */
    public record Slot(String id, String label, Optional<String> recordId, Optional<String> title, boolean inProgress) {
    }

    /**
     * TAG eligibility at one campus.
     *
     * @param campus the campus
     * @param gpaRequired its minimum UC-transferable GPA
     * @param eligible whether the student meets the units and GPA now
     * @param missing what is missing, in words
     */
    public record TagCampus(String campus, BigDecimal gpaRequired, boolean eligible, List<String> missing) {
        public TagCampus {
            missing = List.copyOf(missing);
        }
    }
}
