package org.baton.ledger.embedded;

import java.nio.file.Path;

/** The embedded ledger's RocksDB store failed, or holds something it cannot read. */
public final class LedgerStorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String directory;

    public LedgerStorageException(Path directory, String message, Throwable cause) {
        super("ledger store " + directory + ": " + message, cause);
        this.directory = directory.toString();
    }

    public String directory() {
        return directory;
    }
}
