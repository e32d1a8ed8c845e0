package org.baton.node.store;

import java.util.Optional;

/**
 * Reading from the store failed: RocksDB reported an error, or stored bytes could not be decrypted (wrong key,
 * tampering, corruption) or decoded.
 */
public final class StoreReadException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final String column;

    /** A failure reading one column. */
    public StoreReadException(String column, String reason, Throwable cause) {
        super("cannot read column '" + column + "': " + reason, cause);
        this.column = column;
    }

    /** A failure not tied to one column. */
    public StoreReadException(String reason, Throwable cause) {
        super("cannot read the record store: " + reason, cause);
        this.column = null;
    }

    /** The column being read, when the failure is tied to one. */
    public Optional<String> column() {
        return Optional.ofNullable(column);
    }
}
