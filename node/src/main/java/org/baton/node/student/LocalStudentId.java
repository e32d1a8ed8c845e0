package org.baton.node.student;

import java.util.Objects;

/**
 * An institution-local student identifier (SIS student number, CCCID, campus id) together with who issued it.
 * {@link #toString()} shows the issuer but not the value.
 *
 * @param issuer who assigned the id: an institution id (CDS code or IPEDS id) or a scheme name such as "CCCID"
 * @param value the id as the issuer wrote it
 */
public record LocalStudentId(String issuer, String value) {

    public LocalStudentId {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(value, "value");
        if (issuer.isBlank()) {
            throw new IllegalArgumentException("local student id issuer must not be blank");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException("local student id value must not be blank (issuer " + issuer + ")");
        }
    }

    public static LocalStudentId of(String issuer, String value) {
        return new LocalStudentId(issuer, value);
    }

    @Override
    public String toString() {
        return "LocalStudentId[issuer=" + issuer + ", value=redacted]";
    }
}
