package org.baton.node.importer;

import java.util.Objects;

/**
 * One rejected row: where it is and what is wrong with it. Reasons never repeat a sensitive value (SSID, name,
 * date of birth); they describe it instead.
 *
 * @param file   the input file, as given (a path relative to the input directory)
 * @param line   the physical line the row starts on (1-based); for XML, the line of the element
 * @param field  the column or element at fault ("-" when the row as a whole is at fault)
 * @param reason what is wrong, in words a registrar can act on
 */
public record Rejection(String file, long line, String field, String reason) {

    public Rejection {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }

    /** The report line: {@code file:line: field: reason}. */
    @Override
    public String toString() {
        return file + ":" + line + ": " + field + ": " + reason;
    }
}
