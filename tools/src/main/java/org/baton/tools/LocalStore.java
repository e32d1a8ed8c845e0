package org.baton.tools;

import java.util.Objects;
import org.baton.node.config.NodeConfig;
import org.baton.node.exchange.ExchangeModule;
import org.baton.node.importer.ImportRuns;
import org.baton.node.quality.DataQuality;
import org.baton.node.store.Column;
import org.baton.node.store.DataKey;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoreConfig;

/**
 * Opens a node's record store from its configuration, for commands that work on the store while the node is
 * stopped (import, export): {@code <dataDir>/store}, with the data key named in the configuration and the columns
 * the node declares, as {@code NodeApp} opens it.
 */
public final class LocalStore {

    /** Memtable size for bulk imports: larger memtables mean fewer, larger flushes. */
    public static final long IMPORT_WRITE_BUFFER_BYTES = 256L << 20;

    private LocalStore() {
    }

    /** Opens (or creates) the store of the node configured by {@code config}, with default tuning. */
    public static RecordStore open(NodeConfig config) {
        Objects.requireNonNull(config, "config");
        return RecordStore.open(storeConfig(config));
    }

    /** Opens the store tuned for a bulk import (larger memtables); commits stay synchronous, the WAL on. */
    public static RecordStore openForImport(NodeConfig config) {
        Objects.requireNonNull(config, "config");
        return RecordStore.open(storeConfig(config)
                .withTuning(IMPORT_WRITE_BUFFER_BYTES, StoreConfig.DEFAULT_BLOCK_CACHE_BYTES));
    }

    private static StoreConfig storeConfig(NodeConfig config) {
        DataKey key = DataKey.loadOrCreate(config.store().dataKeyFile());
        // Declared as the node declares them (NodeApp), so a store this creates is the node's store.
        return StoreConfig.of(config.dataDir().resolve("store"), key)
                .withColumns(ExchangeModule.columns().toArray(Column<?, ?>[]::new))
                .withColumns(ImportRuns.columns().toArray(Column<?, ?>[]::new))
                .withColumns(DataQuality.columns().toArray(Column<?, ?>[]::new));
    }
}
