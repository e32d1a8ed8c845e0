package org.baton.ledger.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The options a RocksDB database was opened with, as RocksDB wrote them to the newest {@code OPTIONS-<n>} file in
 * its directory: for tests that check how a store tunes its column families.
 */
public final class RocksOptionsFile {

    private static final String PREFIX = "OPTIONS-";
    private static final String COLUMN_SECTION = "[CFOptions \"";

    private RocksOptionsFile() {}

    /** Column family name → the value of {@code option} in its section, for the families that set it. */
    public static Map<String, String> columnOption(Path database, String option) throws IOException {
        Path newest;
        try (Stream<Path> files = Files.list(database)) {
            newest = files.filter(file -> file.getFileName().toString().startsWith(PREFIX))
                    .max(Comparator.comparingLong(RocksOptionsFile::number))
                    .orElseThrow(() -> new AssertionError("RocksDB wrote no OPTIONS file in " + database));
        }
        Map<String, String> values = new HashMap<>();
        String column = null;
        for (String raw : Files.readAllLines(newest)) {
            String line = raw.strip();
            if (line.startsWith("[")) {
                column = line.startsWith(COLUMN_SECTION)
                        ? line.substring(COLUMN_SECTION.length(), line.lastIndexOf('"'))
                        : null;
            } else if (column != null && line.startsWith(option + "=")) {
                values.put(column, line.substring(option.length() + 1));
            }
        }
        return values;
    }

    private static long number(Path optionsFile) {
        return Long.parseLong(optionsFile.getFileName().toString().substring(PREFIX.length()));
    }
}
