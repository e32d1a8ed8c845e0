package org.baton.trust;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A consortium file was refused: it is missing or unreadable, is not well-formed, its signature does not verify
 * against the configured consortium CA, or a field is invalid. The message names the file and the field.
 */
public final class ConsortiumLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public ConsortiumLoadException(Path file, String reason) {
        super(message(file, reason));
        this.file = file;
    }

    public ConsortiumLoadException(Path file, String reason, Throwable cause) {
        super(message(file, reason), cause);
        this.file = file;
    }

    /** The consortium file that was refused. */
    public Path file() {
        return file;
    }

    private static String message(Path file, String reason) {
        Objects.requireNonNull(file, "file");
        return "consortium file " + file + " refused: " + reason;
    }
}
