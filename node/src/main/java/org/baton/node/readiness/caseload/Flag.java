package org.baton.node.readiness.caseload;

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
 */
public record Flag(FlagKind kind, Optional<HigherEdSystem> system, Optional<AgSubject> area, String detail) {

    public Flag {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(detail, "detail");
    }
}
