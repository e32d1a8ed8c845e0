package org.baton.node.importer;

import java.util.List;

/** A CSV file cannot be read past some point (an unclosed quote, a record too long). */
final class MalformedCsvException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long line;
    private final String code;
    private final List<String> facts;

    private MalformedCsvException(long line, String reason, String code, List<String> facts) {
        super(reason);
        this.line = line;
        this.code = code;
        this.facts = facts;
    }

    /** The file ends inside a quoted field that starts on {@code line}. */
    static MalformedCsvException unclosedQuote(long line) {
        return new MalformedCsvException(line, "quoted field is not closed before the end of the file",
                "csv.unclosedQuote", List.of());
    }

    /** The record starting on {@code line} is longer than {@code max} bytes. */
    static MalformedCsvException tooLong(long line, int max) {
        return new MalformedCsvException(line, "record longer than " + max + " bytes", "csv.tooLong",
                List.of(String.valueOf(max)));
    }

    /** The line on which the broken record starts. */
    long line() {
        return line;
    }

    /** The rejection's reason when the rest of the file is not read. */
    String restNotRead() {
        return getMessage() + "; the rest of the file was not read";
    }

    /** The code of {@link #restNotRead()} ({@code import.reason.<code>}). */
    String code() {
        return code;
    }

    /** The facts the wording of {@link #code()} is filled with. */
    String[] facts() {
        return facts.toArray(String[]::new);
    }
}
