package org.baton.node.importer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An import stopped: the input could not be read, the work directory could not be written, or the store refused
 * a batch. Batches committed before the failure stay committed; re-running the same import completes it.
 * (Bad rows never cause this: they are rejected and reported.)
 */
public final class ImportFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path input;

    public ImportFailedException(Path input, String message, Throwable cause) {
        super("import of " + Objects.requireNonNull(input, "input") + " failed: " + message, cause);
        this.input = input;
    }

    public ImportFailedException(Path input, String message) {
        this(input, message, null);
    }

    /** The input being imported. */
    public Path input() {
        return input;
    }
}
