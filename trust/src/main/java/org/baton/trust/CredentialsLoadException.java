package org.baton.trust;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Key material (a certificate or a private key written by {@code baton pki}) could not be loaded: a file is
 * missing or unreadable, does not parse, or does not match the rest of the material.
 */
public final class CredentialsLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public CredentialsLoadException(Path file, String reason) {
        super(message(file, reason));
        this.file = file;
    }

    public CredentialsLoadException(Path file, String reason, Throwable cause) {
        super(message(file, reason), cause);
        this.file = file;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    private static String message(Path file, String reason) {
        Objects.requireNonNull(file, "file");
        return "cannot load " + file + ": " + reason;
    }
}
