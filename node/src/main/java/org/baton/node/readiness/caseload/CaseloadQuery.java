package org.baton.node.readiness.caseload;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.baton.node.readiness.rules.AgSubject;

/**
 * Which caseload rows to show and in what order. Filters combine with AND; an empty filter passes every row.
 *
 * @param offTrackOnly only students with at least one flag
 * @param anyFlag only students with at least one of these flags (empty: no filter)
 * @param ucAreaMissing only students with this UC area neither met nor in progress
 * @param gpaBelow only students whose UC capped weighted GPA is below this value
 * @param deadlineWithinDays only students with a deadline within this many days
 * @param gradeLevel only students of this grade level
 * @param sort the order
 * @param descending whether the order is reversed
 * @param limit the most rows returned (0: all)
 */
public record CaseloadQuery(boolean offTrackOnly, Set<FlagKind> anyFlag, Optional<AgSubject> ucAreaMissing,
        Optional<BigDecimal> gpaBelow, Optional<Integer> deadlineWithinDays, Optional<Integer> gradeLevel, Sort sort,
        boolean descending, int limit) {

    /** Orders for caseload rows; ties are broken by the caller's student key order. */
    public enum Sort {
        /** Most flags first (the default). */
        FLAGS,
        /** Lowest UC GPA first; students without a GPA last. */
        UC_GPA,
        /** Lowest CSU GPA first. */
        CSU_GPA,
        /** Lowest Cal Grant GPA first. */
        CAL_GRANT_GPA,
        /** Soonest deadline first; students without one last. */
        NEXT_DEADLINE,
        /** Lowest grade level first. */
        GRADE_LEVEL
    }

    public CaseloadQuery {
        anyFlag = anyFlag.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(anyFlag));
        Objects.requireNonNull(ucAreaMissing, "ucAreaMissing");
        Objects.requireNonNull(gpaBelow, "gpaBelow");
        Objects.requireNonNull(deadlineWithinDays, "deadlineWithinDays");
        Objects.requireNonNull(gradeLevel, "gradeLevel");
        Objects.requireNonNull(sort, "sort");
        if (limit < 0) {
            throw new IllegalArgumentException("caseload query limit must not be negative, was " + limit);
        }
    }

    /** Every student, most flags first. */
    public static CaseloadQuery all() {
        return new CaseloadQuery(false, Set.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Sort.FLAGS, false, 0);
    }

    /** This query, keeping only students with at least one flag. */
    public CaseloadQuery onlyOffTrack() {
        return new CaseloadQuery(true, anyFlag, ucAreaMissing, gpaBelow, deadlineWithinDays, gradeLevel, sort,
                descending, limit);
    }

    /** This query, keeping only students with at least one of the flags. */
    public CaseloadQuery withAnyFlag(FlagKind first, FlagKind... more) {
        return new CaseloadQuery(offTrackOnly, EnumSet.of(first, more), ucAreaMissing, gpaBelow, deadlineWithinDays,
                gradeLevel, sort, descending, limit);
    }

    /** This query, keeping only students with the UC area neither met nor in progress. */
    public CaseloadQuery withUcAreaMissing(AgSubject area) {
        return new CaseloadQuery(offTrackOnly, anyFlag, Optional.of(area), gpaBelow, deadlineWithinDays, gradeLevel,
                sort, descending, limit);
    }

    /** This query, keeping only students whose UC capped weighted GPA is below the value. */
    public CaseloadQuery withGpaBelow(BigDecimal value) {
        return new CaseloadQuery(offTrackOnly, anyFlag, ucAreaMissing, Optional.of(value), deadlineWithinDays,
                gradeLevel, sort, descending, limit);
    }

    /** This query, keeping only students with a deadline within the days. */
    public CaseloadQuery withDeadlineWithin(int days) {
        return new CaseloadQuery(offTrackOnly, anyFlag, ucAreaMissing, gpaBelow, Optional.of(days), gradeLevel, sort,
                descending, limit);
    }

    /** This query, keeping only students of the grade level. */
    public CaseloadQuery withGradeLevel(int value) {
        return new CaseloadQuery(offTrackOnly, anyFlag, ucAreaMissing, gpaBelow, deadlineWithinDays,
                Optional.of(value), sort, descending, limit);
    }

    /** This query in another order. */
    public CaseloadQuery sortedBy(Sort value, boolean reversed) {
        return new CaseloadQuery(offTrackOnly, anyFlag, ucAreaMissing, gpaBelow, deadlineWithinDays, gradeLevel,
                value, reversed, limit);
    }

    /** This query returning at most the rows (0: all). */
    public CaseloadQuery limitedTo(int rows) {
        return new CaseloadQuery(offTrackOnly, anyFlag, ucAreaMissing, gpaBelow, deadlineWithinDays, gradeLevel, sort,
                descending, rows);
    }

    /** Whether a row passes the filters. */
    public boolean matches(CaseloadRow<?> row) {
        if (offTrackOnly && !row.offTrack()) {
            return false;
        }
        if (!anyFlag.isEmpty() && row.flags().stream().noneMatch(f -> anyFlag.contains(f.kind()))) {
            return false;
        }
        if (ucAreaMissing.isPresent() && !row.ucMissing().contains(ucAreaMissing.get())) {
            return false;
        }
        if (gpaBelow.isPresent() && (row.ucGpa().isEmpty() || row.ucGpa().get().compareTo(gpaBelow.get()) >= 0)) {
            return false;
        }
        if (deadlineWithinDays.isPresent() && (row.nextDeadline().isEmpty()
                || row.nextDeadline().get().daysLeft() > deadlineWithinDays.get())) {
            return false;
        }
        return gradeLevel.isEmpty() || row.gradeLevel() == gradeLevel.get();
    }
}
