package org.baton.node.importer;

import java.util.List;
import java.util.Objects;

/**
 * One rejected row: where it is and what is wrong with it. Reasons never repeat a sensitive value (SSID, name,
 * date of birth); they describe it instead.
 *
 * @param file   the input file, as given (a path relative to the input directory)
 * @param line   the physical line the row starts on (1-based); for XML, the line of the element
 * @param field  the column or element at fault ("-" when the row as a whole is at fault)
 * @param reason what is wrong, in words a registrar can act on (English)
 * @param code   what is wrong as a code the portal words in the reader's language ({@code import.reason.<code>}),
 *               or empty when the reason has no wording but its English
 * @param facts  the values that wording is filled with, none of them sensitive
 */
public record Rejection(String file, long line, String field, String reason, String code, List<String> facts) {

    public Rejection(String file, long line, String field, String reason) {
        this(file, line, field, reason, "", List.of());
    }

    public Rejection {
        code = Objects.requireNonNull(code, "code");
        facts = Objects.requireNonNull(facts, "facts").stream().map(Rejection::oneLine).toList();
        // One rejection is one report line: a reason quoting the input (or a parser's message) may hold line
        // breaks or other control characters, which would split the line or forge another.
        file = oneLine(Objects.requireNonNull(file, "file"));
        field = oneLine(Objects.requireNonNull(field, "field"));
        reason = oneLine(Objects.requireNonNull(reason, "reason"));
    }

    private static String oneLine(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append(' ');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** The report line: {@code file:line: field: reason}. */
    @Override
    public String toString() {
        return file + ":" + line + ": " + field + ": " + reason;
    }
}
