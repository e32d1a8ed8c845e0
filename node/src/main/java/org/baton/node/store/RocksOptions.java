package org.baton.node.store;

import org.baton.ledger.embedded.DirectIo;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.Env;
import org.rocksdb.LRUCache;
import org.rocksdb.Priority;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteOptions;

/**
 * The native option objects of one open store, created together and closed together after the database (closing
 * an option object a live database still uses would crash the JVM). The store's own columns are tuned for bulk
 * import: large memtables, LZ4, bloom filters for point lookups. The columns other features declare (exchange
 * outbox, portal sessions, import runs) take one change at a time and get small memtables. The write-ahead log is
 * always on.
 */
final class RocksOptions implements AutoCloseable {

    private static final long MAX_TOTAL_WAL_BYTES = 512L << 20;
    /**
     * Write-ahead log files kept for reuse once their data is flushed. A synced write to a fresh log file grows the
     * file, so its sync also writes the file's size to the file system's journal; a reused file is already that
     * long, so the sync writes the data alone. Here that took a synced write from 64–70 to 44–46 µs of CPU, and from
     * 126–137 to 88–92 µs of wall time (docs/performance.md, "Exchange, nineteenth pass"). Recovery tells a reused
     * file's old records from new ones by the log number each record carries.
     */
    static final int RECYCLED_WAL_FILES = 4;
    /**
     * Level-0 files that start a compaction (RocksDB's default is 4). A bulk import flushes every column many
     * times; compacting at every fourth flush rewrites the same keys (and, in the records column, relocates blobs)
     * over and over. Eight halves those rounds; the slowdown and stop triggers (20 and 36) stay far above it.
     */
    private static final int L0_COMPACTION_TRIGGER = 8;
    /** Memtable bloom filter size as a share of the memtable (index keys are 32-byte hashes, values 8 bytes). */
    private static final double MEMTABLE_BLOOM_RATIO = 0.02;
    /**
     * Memtable size of the columns features declare. Their keys are random ids, so every insert searches the
     * memtable's skip list from the top; in a 64 MiB memtable that search took 8 % of an exchange benchmark's CPU
     * (the exchange store writer spent most of its time there). At 8 MiB the store writer needed a fifth to a
     * quarter less CPU per exchange; at 2 MiB the extra flushes and compactions took back what the inserts saved
     * (docs/performance.md, "Exchange, seventh pass").
     */
    static final long FEATURE_WRITE_BUFFER_BYTES = 8L << 20;

    final LRUCache blockCache;
    final BloomFilter bloomFilter;
    final DBOptions db;
    final ColumnFamilyOptions columns;
    final ColumnFamilyOptions records;
    final ColumnFamilyOptions features;
    /** Feature columns of {@link Column#largeValues() large values}: {@link #features} with blob files. */
    final ColumnFamilyOptions largeFeatures;
    final WriteOptions write;
    /** {@link #write} without the sync, for {@link StoreTransaction#commitWithoutSync()}. */
    final WriteOptions writeWithoutSync;
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
                .setRecycleLogFileNum(RECYCLED_WAL_FILES)
                .setKeepLogFileNum(5)
                .setMaxLogFileSize(16 << 20)
                // Flushes and compactions bypass the page cache where the file system takes it (DirectIo).
                .setUseDirectIoForFlushAndCompaction(DirectIo.supportedIn(config.directory()));
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
        features = new ColumnFamilyOptions(columns)
                .setWriteBufferSize(Math.min(config.writeBufferBytes(), FEATURE_WRITE_BUFFER_BYTES));
        // Signed packages (kilobytes, encrypted, written once): the same reasoning as the records column below,
        // without blob garbage collection. Collection relocates the live blobs of the oldest quarter of blob files
        // whenever a compaction meets them: in the exchange benchmark that moved about as many bytes of packages
        // as were written (655 MiB in a minute, docs/performance.md, "Exchange, thirteenth pass"). Packages are
        // deleted only when an exchange is refused or rejected, and a blob file whose blobs are all gone is
        // removed without it.
        largeFeatures = withBlobFiles(new ColumnFamilyOptions(features)).setEnableBlobGarbageCollection(false);
        // Student records are large (kilobytes) and encrypted, so incompressible: keep them in blob files, so
        // compaction rewrites only the small keys and blob references instead of every record again and again.
        records = withBlobFiles(new ColumnFamilyOptions()
                .setWriteBufferSize(config.writeBufferBytes())
                .setMaxWriteBufferNumber(3)
                .setLevel0FileNumCompactionTrigger(L0_COMPACTION_TRIGGER)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setLevelCompactionDynamicLevelBytes(true)
                .setTargetFileSizeBase(64L << 20)
                .setTableFormatConfig(table));
        write = new WriteOptions().setSync(config.syncWrites()).setDisableWAL(false);
        writeWithoutSync = new WriteOptions().setSync(false).setDisableWAL(false);
        read = new ReadOptions();
    }

    /** Values of 512 bytes or more go to blob files, uncompressed (they are encrypted), collected when compacted. */
    private static ColumnFamilyOptions withBlobFiles(ColumnFamilyOptions options) {
        return options
                .setEnableBlobFiles(true)
                .setMinBlobSize(512)
                .setBlobFileSize(256L << 20)
                .setBlobCompressionType(CompressionType.NO_COMPRESSION)
                .setEnableBlobGarbageCollection(true);
    }

    static RocksOptions create(StoreConfig config) {
        RocksDB.loadLibrary();
        // Compactions (the process-wide low-priority pool) run at the lowest CPU priority: on a node's few cores they
        // take what the exchange, the portal and imports leave, rather than stalling them. Flushes keep theirs.
        Env.getDefault().lowerThreadPoolCPUPriority(Priority.LOW);
        return new RocksOptions(config);
    }

    /**
     * The options of column family {@code name}.
     *
     * @param declared the feature's declaration of it, or null for the store's own columns and for one no feature
     *     declared
     */
    ColumnFamilyOptions forColumn(String name, Column<?, ?> declared) {
        if (name.equals(Schema.STUDENTS.name())) {
            return records;
        }
        if (Schema.RESERVED_NAMES.contains(name)) {
            return columns;
        }
        return declared != null && declared.largeValues() ? largeFeatures : features;
    }

    @Override
    public void close() {
        read.close();
        writeWithoutSync.close();
        write.close();
        features.close();
        records.close();
        largeFeatures.close();
        columns.close();
        db.close();
        bloomFilter.close();
        blockCache.close();
    }
}
