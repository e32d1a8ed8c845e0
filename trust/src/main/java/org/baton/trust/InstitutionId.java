package org.baton.trust;

import java.util.Objects;

/**
 * Identifies a consortium member: a 14-digit CDS code for a K-12 district, a 6-digit IPEDS unit id for a
 * college or university campus, or a fixed id ({@code CSAC}, {@code CDE}) for a state agency.
 *
 * @param value the id as written in the consortium file and certificates
 */
public record InstitutionId(String value) implements Comparable<InstitutionId> {

    public InstitutionId {
        Objects.requireNonNull(value, "value");
        if (!wellFormed(value)) {
            throw new IllegalArgumentException(
                    "institution id '" + value + "' is not a 14-digit CDS code, a 6-digit IPEDS id, CSAC or CDE");
        }
    }

    /** {@code \d{14}|\d{6}|CSAC|CDE}, checked by hand (ids are parsed on every call and ledger event). */
    private static boolean wellFormed(String value) {
        int length = value.length();
        if (length != 14 && length != 6) {
            return value.equals("CSAC") || value.equals("CDE");
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
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
