package org.baton.node.portal.accounts;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The record store's key of a student, as the portal links accounts to students: a student account to its own
 * record, a guardian to the minors the institution linked, a counselor to a caseload. Opaque to the portal; never
 * an SSID (SSIDs never appear in URLs or logs).
 *
 * @param value 1 to 64 characters from {@code [A-Za-z0-9._:-]}
 */
public record StudentRef(String value) implements Comparable<StudentRef> {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    public StudentRef {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("student reference is not 1-64 characters of [A-Za-z0-9._:-]");
        }
    }

    /** Parses a reference from a URL or form field, or returns empty when it is malformed. */
    public static java.util.Optional<StudentRef> parse(String value) {
        if (value == null || !FORMAT.matcher(value).matches()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new StudentRef(value));
    }

    @Override
    public int compareTo(StudentRef other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
