package org.baton.node.student;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A California Statewide Student Identifier: exactly 10 digits, assigned by CALPADS. Sensitive: {@link #toString()}
 * never shows the digits, so an SSID that ends up in a log line or exception message by accident does not leak.
 *
 * @param value the 10 digits
 */
public record Ssid(String value) {

    private static final Pattern FORMAT = Pattern.compile("\\d{10}");

    public Ssid {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            // The rejected text is deliberately not echoed: it may be a real SSID with a typo.
            throw new IllegalArgumentException("SSID must be exactly 10 digits (got " + value.length() + " characters)");
        }
    }

    public static Ssid of(String value) {
        return new Ssid(value);
    }

    @Override
    public String toString() {
        return "Ssid[redacted]";
    }
}
