package org.baton.node.store;

import java.nio.file.Path;
import java.util.Objects;

/** Creating a checkpoint (backup copy) of the store failed; no usable checkpoint exists at the target. */
public final class CheckpointException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final transient Path target;

    public CheckpointException(Path target, String reason, Throwable cause) {
        super("cannot create store checkpoint at " + target + ": " + reason, cause);
        this.target = Objects.requireNonNull(target, "target");
    }

    public Path target() {
        return target;
    }
}
