package org.baton.node.readiness;

import java.nio.file.Path;

/** An a-g course list file could not be read or has a bad row; the message names the file, line and column. */
public final class AgListException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;

    AgListException(Path file, long line, String reason) {
        this(file, line, reason, null);
    }

    AgListException(Path file, long line, String reason, Throwable cause) {
        super("a-g list " + file + (line > 0 ? ":" + line : "") + ": " + reason, cause);
        this.file = file;
        this.line = line;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The line at fault (1 is the header), 0 for the file as a whole. */
    public long line() {
        return line;
    }
}
