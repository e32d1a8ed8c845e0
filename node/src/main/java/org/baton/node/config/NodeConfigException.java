package org.baton.node.config;

import java.nio.file.Path;
import java.util.Objects;

/** A node configuration file could not be read or has an invalid key. The message names the file and the key. */
public final class NodeConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String key;

    public NodeConfigException(Path file, String key, String reason) {
        super(message(file, key, reason));
        this.file = file;
        this.key = key;
    }

    public NodeConfigException(Path file, String key, String reason, Throwable cause) {
        super(message(file, key, reason), cause);
        this.file = file;
        this.key = key;
    }

    /** The configuration file. */
    public Path file() {
        return file;
    }

    /** The dotted key at fault, e.g. {@code peer.port}; empty when the file as a whole is at fault. */
    public String key() {
        return key;
    }

    private static String message(Path file, String key, String reason) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
        return "node config " + file + (key.isEmpty() ? "" : ": key '" + key + "'") + ": " + reason;
    }
}
