package org.baton.ledger.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The options a RocksDB database was opened with, as RocksDB wrote them to the newest {@code OPTIONS-<n>} file in
 * its directory: for tests that check how a store tunes its column families.
 */
public final class RocksOptionsFile {

    private static final String PREFIX = "OPTIONS-";
    private static final String COLUMN_SECTION = "[CFOptions \"";
    private static final String DB_SECTION = "[DBOptions]";

    private RocksOptionsFile() {}

    /** The value of the database-wide {@code option}, if the file sets it. */
    public static Optional<String> databaseOption(Path database, String option) throws IOException {
        boolean inSection = false;
        for (String raw : Files.readAllLines(newest(database))) {
            String line = raw.strip();
            if (line.startsWith("[")) {
                inSection = line.equals(DB_SECTION);
            } else if (inSection && line.startsWith(option + "=")) {
                return Optional.of(line.substring(option.length() + 1));
            }
        }
        return Optional.empty();
    }

    /** Column family name → the value of {@code option} in its section, for the families that set it. */
    public static Map<String, String> columnOption(Path database, String option) throws IOException {
        Path newest = newest(database);
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

    private static Path newest(Path database) throws IOException {
        try (Stream<Path> files = Files.list(database)) {
            return files.filter(file -> file.getFileName().toString().startsWith(PREFIX))
                    .max(Comparator.comparingLong(RocksOptionsFile::number))
                    .orElseThrow(() -> new AssertionError("RocksDB wrote no OPTIONS file in " + database));
        }
    }

    private static long number(Path optionsFile) {
        return Long.parseLong(optionsFile.getFileName().toString().substring(PREFIX.length()));
    }
}
