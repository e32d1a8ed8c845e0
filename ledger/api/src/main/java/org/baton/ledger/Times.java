package org.baton.ledger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** The ledger keeps time to the millisecond, because its canonical JSON carries epoch milliseconds. */
final class Times {

    private Times() {
    }

    static Instant millis(Instant instant, String what) {
        return Objects.requireNonNull(instant, what).truncatedTo(ChronoUnit.MILLIS);
    }
}
