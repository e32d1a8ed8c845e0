package org.baton.ledger;

import java.time.Instant;

/**
 * A half-open interval of commit times, {@code [from, until)}, at millisecond precision.
 *
 * @param from first instant included
 * @param until first instant excluded (after {@code from})
 */
public record TimeRange(Instant from, Instant until) {

    private static final Instant END_OF_TIME = Instant.ofEpochMilli(Long.MAX_VALUE);

    public TimeRange {
        from = Times.millis(from, "from");
        until = Times.millis(until, "until");
        if (from.isBefore(Instant.EPOCH)) {
            throw new IllegalArgumentException("time range starts at " + from + ", before 1970-01-01T00:00:00Z");
        }
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException("time range ends at " + until + ", not after its start " + from);
        }
        if (until.isAfter(END_OF_TIME)) {
            until = END_OF_TIME;
        }
    }

    public static TimeRange between(Instant from, Instant until) {
        return new TimeRange(from, until);
    }

    /** Every commit time. */
    public static TimeRange all() {
        return new TimeRange(Instant.EPOCH, END_OF_TIME);
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(from) && instant.isBefore(until);
    }
}
