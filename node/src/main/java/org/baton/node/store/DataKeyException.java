package org.baton.node.store;

import java.nio.file.Path;
import java.util.Objects;

/** Loading or creating the node data key file failed. */
public final class DataKeyException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public DataKeyException(Path file, String reason) {
        super("data key file " + file + ": " + reason);
        this.file = Objects.requireNonNull(file, "file");
    }

    public DataKeyException(Path file, String reason, Throwable cause) {
        super("data key file " + file + ": " + reason, cause);
        this.file = Objects.requireNonNull(file, "file");
    }

    public Path file() {
        return file;
    }
}
