package org.baton.node.importer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header row of a CSV file. Columns are looked up by name, ignoring case, spaces, underscores and other
 * punctuation, so {@code StudentBirthDate}, {@code student_birth_date} and {@code Student Birth Date} are the same
 * column. Unknown columns are ignored.
 */
final class CsvHeader {

    private final Map<String, Integer> columns = new HashMap<>();

    /** The header of the record {@code r} is on. */
    CsvHeader(CsvReader r) {
        for (int i = 0; i < r.fieldCount(); i++) {
            columns.putIfAbsent(normalize(r.field(i)), i);
        }
    }

    /** The index of the first of {@code names} present in the header, or -1. */
    int column(String... names) {
        for (String n : names) {
            Integer i = columns.get(normalize(n));
            if (i != null) {
                return i;
            }
        }
        return -1;
    }

    /** The required columns (first name of each alias group) missing from the header. */
    List<String> missing(String[]... required) {
        List<String> missing = new ArrayList<>();
        for (String[] names : required) {
            if (column(names) < 0) {
                missing.add(names[0]);
            }
        }
        return missing;
    }

    static String normalize(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                b.append(c);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
