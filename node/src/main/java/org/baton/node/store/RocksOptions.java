package org.baton.node.store;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.WriteOptions;

/**
 * The native option objects of one open store, created together and closed together after the database (closing
 * an option object a live database still uses would crash the JVM). Tuned for bulk import: large memtables, LZ4,
 * bloom filters for point lookups; the write-ahead log always on.
 */
final class RocksOptions implements AutoCloseable {

    private static final long MAX_TOTAL_WAL_BYTES = 512L << 20;

    final LRUCache blockCache;
    final BloomFilter bloomFilter;
    final DBOptions db;
    final ColumnFamilyOptions columns;
    final WriteOptions write;
    final ReadOptions read;

    private RocksOptions(StoreConfig config) {
        blockCache = new LRUCache(config.blockCacheBytes());
        bloomFilter = new BloomFilter(10);
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(blockCache)
                .setFilterPolicy(bloomFilter)
                .setBlockSize(16 << 10)
                .setCacheIndexAndFilterBlocks(true)
                .setPinL0FilterAndIndexBlocksInCache(true);
        int cores = Runtime.getRuntime().availableProcessors();
        db = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setMaxBackgroundJobs(Math.max(2, Math.min(4, cores)))
                .setBytesPerSync(1 << 20)
                // All memtables together; also bounds how long small columns keep old WAL files alive.
                .setDbWriteBufferSize(config.writeBufferBytes() * 4)
                .setMaxTotalWalSize(MAX_TOTAL_WAL_BYTES)
                .setKeepLogFileNum(5)
                .setMaxLogFileSize(16 << 20);
        columns = new ColumnFamilyOptions()
                .setWriteBufferSize(config.writeBufferBytes())
                .setMaxWriteBufferNumber(3)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setLevelCompactionDynamicLevelBytes(true)
                .setTargetFileSizeBase(64L << 20)
                .setTableFormatConfig(table);
        write = new WriteOptions().setSync(config.syncWrites()).setDisableWAL(false);
        read = new ReadOptions();
    }

    static RocksOptions create(StoreConfig config) {
        return new RocksOptions(config);
    }

    @Override
    public void close() {
        read.close();
        write.close();
        columns.close();
        db.close();
        bloomFilter.close();
        blockCache.close();
    }
}
