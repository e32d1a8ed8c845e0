package org.baton.node.importer;

/** A CSV file cannot be read past some point (an unclosed quote, a record too long). */
final class MalformedCsvException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long line;

    MalformedCsvException(long line, String reason) {
        super(reason);
        this.line = line;
    }

    /** The line on which the broken record starts. */
    long line() {
        return line;
    }
}
