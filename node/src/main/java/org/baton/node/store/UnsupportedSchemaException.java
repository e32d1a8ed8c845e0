package org.baton.node.store;

import java.nio.file.Path;

/**
 * The store on disk has a schema version this software cannot use: newer than it knows, or older with no
 * migration path. The store was left untouched.
 */
public final class UnsupportedSchemaException extends StoreOpenException {

    private static final long serialVersionUID = 1L;

    private final int foundVersion;
    private final int supportedVersion;

    public UnsupportedSchemaException(Path directory, int foundVersion, int supportedVersion, String reason) {
        super(directory, "schema version " + foundVersion + " is not supported (this software uses version "
                + supportedVersion + "): " + reason);
        this.foundVersion = foundVersion;
        this.supportedVersion = supportedVersion;
    }

    /** The schema version recorded in the store. */
    public int foundVersion() {
        return foundVersion;
    }

    /** The schema version this software reads and writes. */
    public int supportedVersion() {
        return supportedVersion;
    }
}
