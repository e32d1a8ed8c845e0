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
    /**
     * Level-0 files that start a compaction (RocksDB's default is 4). A bulk import flushes every column many
     * times; compacting at every fourth flush rewrites the same keys (and, in the records column, relocates blobs)
     * over and over. Eight halves those rounds; the slowdown and stop triggers (20 and 36) stay far above it.
     */
    private static final int L0_COMPACTION_TRIGGER = 8;
    /** Memtable bloom filter size as a share of the memtable (index keys are 32-byte hashes, values 8 bytes). */
    private static final double MEMTABLE_BLOOM_RATIO = 0.02;

    final LRUCache blockCache;
    final BloomFilter bloomFilter;
    final DBOptions db;
    final ColumnFamilyOptions columns;
    final ColumnFamilyOptions records;
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
        // The index columns are looked up for every student a batch writes (most look-ups of a bulk import find
        // nothing): a whole-key bloom filter per memtable answers those without searching the memtables.
        columns = new ColumnFamilyOptions()
                .setWriteBufferSize(config.writeBufferBytes())
                .setMemtablePrefixBloomSizeRatio(MEMTABLE_BLOOM_RATIO)
                .setMemtableWholeKeyFiltering(true)
                .setMaxWriteBufferNumber(3)
                .setLevel0FileNumCompactionTrigger(L0_COMPACTION_TRIGGER)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setLevelCompactionDynamicLevelBytes(true)
                .setTargetFileSizeBase(64L << 20)
                .setTableFormatConfig(table);
        // Student records are large (kilobytes) and encrypted, so incompressible: keep them in blob files, so
        // compaction rewrites only the small keys and blob references instead of every record again and again.
        records = new ColumnFamilyOptions()
                .setWriteBufferSize(config.writeBufferBytes())
                .setMaxWriteBufferNumber(3)
                .setLevel0FileNumCompactionTrigger(L0_COMPACTION_TRIGGER)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setLevelCompactionDynamicLevelBytes(true)
                .setTargetFileSizeBase(64L << 20)
                .setTableFormatConfig(table)
                .setEnableBlobFiles(true)
                .setMinBlobSize(512)
                .setBlobFileSize(256L << 20)
                .setBlobCompressionType(CompressionType.NO_COMPRESSION)
                .setEnableBlobGarbageCollection(true);
        write = new WriteOptions().setSync(config.syncWrites()).setDisableWAL(false);
        read = new ReadOptions();
    }

    static RocksOptions create(StoreConfig config) {
        return new RocksOptions(config);
    }

    /** The options of column family {@code name}. */
    ColumnFamilyOptions forColumn(String name) {
        return name.equals(Schema.STUDENTS.name()) ? records : columns;
    }

    @Override
    public void close() {
        read.close();
        write.close();
        records.close();
        columns.close();
        db.close();
        bloomFilter.close();
        blockCache.close();
    }
}
