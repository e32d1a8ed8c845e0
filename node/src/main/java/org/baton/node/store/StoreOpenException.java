package org.baton.node.store;

import java.nio.file.Path;
import java.util.Objects;

/** Opening (or creating) a store failed; nothing was opened and any partially acquired resource was released. */
public class StoreOpenException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final transient Path directory;

    public StoreOpenException(Path directory, String reason) {
        super("cannot open record store " + directory + ": " + reason);
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    public StoreOpenException(Path directory, String reason, Throwable cause) {
        super("cannot open record store " + directory + ": " + reason, cause);
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** The store directory that could not be opened. */
    public Path directory() {
        return directory;
    }
}
