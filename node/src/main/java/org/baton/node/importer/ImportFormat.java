package org.baton.node.importer;

import java.util.Locale;

/** The export formats {@link Importer} reads. Each is documented in {@code docs/formats/}. */
public enum ImportFormat {
    /** CALPADS-style CSV extracts (SINF, SENR, SCSC and Baton's companion files) in one directory. */
    CALPADS("calpads"),
    /** OneRoster 1.1 CSV (orgs, academicSessions, classes, courses, users, demographics, enrollments, results). */
    ONEROSTER("oneroster"),
    /** PESC High School Transcript or College Transcript XML: one file, or a directory of files. */
    PESC("pesc"),
    /** Baton JSON: the protobuf JSON mapping of {@code StudentRecord}, one record per line. */
    JSON("json");

    private final String cliName;

    ImportFormat(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line ({@code --format calpads}). */
    public String cliName() {
        return cliName;
    }

    /**
     * Parses a command-line format name.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code name} is not one of them
     */
    public static ImportFormat fromCliName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (ImportFormat f : values()) {
            if (f.cliName.equals(wanted)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown import format '" + name + "' (expected calpads, oneroster, pesc or json)");
    }
}
