package org.baton.trust;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies a consortium member: a 14-digit CDS code for a K-12 district, a 6-digit IPEDS unit id for a
 * college or university campus, or a fixed id ({@code CSAC}, {@code CDE}) for a state agency.
 *
 * @param value the id as written in the consortium file and certificates
 */
public record InstitutionId(String value) implements Comparable<InstitutionId> {

    private static final Pattern FORMAT = Pattern.compile("\\d{14}|\\d{6}|CSAC|CDE");

    public InstitutionId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "institution id '" + value + "' is not a 14-digit CDS code, a 6-digit IPEDS id, CSAC or CDE");
        }
    }

    public static InstitutionId of(String value) {
        return new InstitutionId(value);
    }

    @Override
    public int compareTo(InstitutionId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
