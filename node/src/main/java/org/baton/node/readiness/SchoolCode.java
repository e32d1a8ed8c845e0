package org.baton.node.readiness;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A school: a 14-digit CDS code for a K-12 school, a 6-digit IPEDS unit id for a college.
 *
 * @param value the code
 */
public record SchoolCode(String value) implements Comparable<SchoolCode> {

    private static final Pattern FORMAT = Pattern.compile("\\d{14}|\\d{6}");

    public SchoolCode {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("school code '" + value + "' is not a 14-digit CDS code or a 6-digit IPEDS id");
        }
    }

    public static SchoolCode of(String value) {
        return new SchoolCode(value);
    }

    @Override
    public int compareTo(SchoolCode other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
