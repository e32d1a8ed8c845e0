package org.baton.node.importer;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CSV file with a header row. Columns are looked up by name, ignoring case, spaces, underscores and other
 * punctuation, so {@code StudentBirthDate}, {@code student_birth_date} and {@code Student Birth Date} are the
 * same column. Unknown columns are ignored.
 */
final class CsvTable implements Closeable {

    private final CsvReader reader;
    private final Map<String, Integer> columns = new HashMap<>();
    private final boolean empty;

    private CsvTable(CsvReader reader) throws IOException {
        this.reader = reader;
        this.empty = !reader.next();
        if (!empty) {
            for (int i = 0; i < reader.fieldCount(); i++) {
                columns.putIfAbsent(normalize(reader.field(i)), i);
            }
        }
    }

    static CsvTable open(Path file) throws IOException {
        return new CsvTable(new CsvReader(new BufferedInputStream(Files.newInputStream(file), 1 << 16)));
    }

    /** True when the file has no header row at all. */
    boolean empty() {
        return empty;
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

    boolean next() throws IOException {
        return reader.next();
    }

    /** The value of column {@code index} in the current row ("" for -1 or a short row). */
    String get(int index) {
        return index < 0 ? "" : reader.field(index);
    }

    long line() {
        return reader.line();
    }

    long bytesRead() {
        return reader.bytesRead();
    }

    @Override
    public void close() throws IOException {
        reader.close();
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
