package org.baton.node.readiness;

import java.time.LocalDate;
import java.util.Optional;
import org.baton.node.readiness.rules.DeadlineKind;

/**
 * A deadline as it applies to one student on the evaluation date.
 *
 * @param kind which deadline
 * @param label what it is
 * @param opens first day of the filing period, when it is one
 * @param due the deadline
 * @param daysLeft days from the evaluation date to the deadline (negative once passed)
 * @param source where the date comes from
 */
public record UpcomingDeadline(DeadlineKind kind, String label, Optional<LocalDate> opens, LocalDate due,
        long daysLeft, String source) {

    /** Whether the deadline has passed on the evaluation date. */
    public boolean passed() {
        return daysLeft < 0;
    }
}
