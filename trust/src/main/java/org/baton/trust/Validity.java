package org.baton.trust;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The period a certificate is valid for. X.509 keeps whole seconds, so both ends are truncated to seconds.
 *
 * @param notBefore first instant the certificate is valid
 * @param notAfter last instant the certificate is valid; after {@code notBefore}
 */
public record Validity(Instant notBefore, Instant notAfter) {

    public Validity {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        notBefore = notBefore.truncatedTo(ChronoUnit.SECONDS);
        notAfter = notAfter.truncatedTo(ChronoUnit.SECONDS);
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("validity ends (" + notAfter + ") before it starts (" + notBefore + ")");
        }
    }

    /**
     * From {@code now} less a small allowance for clock skew between machines (5 minutes) for {@code length}.
     */
    public static Validity startingAt(Instant now, Duration length) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(length, "length");
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("validity length must be positive, got " + length);
        }
        return new Validity(now.minus(Duration.ofMinutes(5)), now.plus(length));
    }

    /** Whether {@code instant} lies within this period (both ends included). */
    public boolean contains(Instant instant) {
        return !instant.isBefore(notBefore) && !instant.isAfter(notAfter);
    }
}
