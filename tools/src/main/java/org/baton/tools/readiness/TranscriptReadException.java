package org.baton.tools.readiness;

import java.nio.file.Path;

/** A transcript or a-g list file could not be read: missing, unreadable or not valid Baton JSON. */
public final class TranscriptReadException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    TranscriptReadException(Path file, String reason, Throwable cause) {
        super("cannot read " + file + ": " + reason, cause);
        this.file = file;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }
}
