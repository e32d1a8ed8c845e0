package org.baton.node.readiness.caseload;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.baton.node.readiness.rules.AgSubject;
import org.baton.proto.v1.HigherEdSystem;

/**
 * One reason a student is off track.
 *
 * @param kind the reason
 * @param system the system it concerns (UC, CSU), when one
 * @param area the a-g area it concerns, when one
 * @param detail the reason in words ("c: 2 of 4 semesters by the end of grade 10")
 * @param message which wording the reason takes: the kind's name, or the kind's name and a variant after a dot
 *     ({@code GPA_BELOW_MINIMUM.REVIEW}); with {@code facts}, what a reader needs to say it in another language
 * @param facts the figures and names the wording is built from, in its order
 */
public record Flag(FlagKind kind, Optional<HigherEdSystem> system, Optional<AgSubject> area, String detail,
        String message, List<Object> facts) {
    public Flag {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(message, "message");
        facts = List.copyOf(facts);
    }
}
