package org.baton.ledger.embedded;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.baton.ledger.Committed;
import org.baton.ledger.EventCheckpoint;
import org.baton.ledger.EventPage;
import org.baton.ledger.EventType;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.LedgerEvent;
import org.baton.ledger.Page;
import org.baton.ledger.PageRequest;
import org.baton.ledger.PageToken;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.Sha256;
import org.baton.ledger.TimeRange;
import org.baton.ledger.TxId;
import org.baton.ledger.json.LedgerJson;
import org.baton.ledger.rules.Decision;
import org.baton.ledger.rules.StateWrite;
import org.baton.trust.InstitutionId;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.Env;
import org.rocksdb.Priority;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The chain and its derived state in one RocksDB database. The chain is the {@code blocks} column; everything
 * else except the metadata is derived from it and is rewritten by {@link #resetState()} plus a replay.
 *
 * <p>A block and every state change it causes are written in one atomic, fsynced batch, so after a crash the
 * store holds exactly the blocks whose write returned, with their state.
 *
 * <p>On-disk schema version 1. Keys are fixed-width and big-endian.
 */
final class ChainStore implements AutoCloseable {

    static final int SCHEMA_VERSION = 1;

    private static final byte[] SCHEMA_KEY = "schema".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEAD_KEY = "head".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REBUILDING_KEY = "rebuilding".getBytes(StandardCharsets.US_ASCII);
    private static final String BLOCKS = "blocks";
    /** The derived columns, rebuilt from the chain. */
    static final List<String> STATE_COLUMNS = List.of(
            "txs", "grants", "receipts", "events", "grants_by_institution", "receipts_by_institution",
            "receipts_by_grant");

    /**
     * Memtable size of the derived columns. Their keys are random ids, so each insert searches the memtable's skip
     * list from the top: with RocksDB's 64 MiB, in the exchange benchmark, the ledger's writer needed a third to
     * two fifths more CPU per exchange than at 8 MiB, and its RPC threads a fifth more (docs/performance.md,
     * "Exchange, seventh pass"). The blocks column, whose keys only grow, keeps the default.
     */
    static final long STATE_WRITE_BUFFER_BYTES = 8L << 20;

    /** The derived columns looked up by id for every new transaction (memtable bloom filters). */
    private static final Set<String> LOOKUP_COLUMNS = Set.of("txs", "grants", "receipts");
    private static final List<CompressionType> COMPRESSION_PER_LEVEL = List.of(CompressionType.NO_COMPRESSION,
            CompressionType.NO_COMPRESSION, CompressionType.LZ4_COMPRESSION, CompressionType.LZ4_COMPRESSION,
            CompressionType.LZ4_COMPRESSION, CompressionType.LZ4_COMPRESSION, CompressionType.LZ4_COMPRESSION);

    private static final Codec<Long> LONG = new Codec<>() {
        @Override
        public byte[] encode(Long value) {
            return Bytes.longKey(value);
        }

        @Override
        public Long decode(byte[] bytes) {
            return Bytes.readLong(bytes, 0);
        }
    };
    private static final Codec<byte[]> RAW = new Codec<>() {
        @Override
        public byte[] encode(byte[] value) {
            return value;
        }

        @Override
        public byte[] decode(byte[] bytes) {
            return bytes;
        }
    };
    private static final Codec<TxId> TX_ID = hexCodec(TxId::value, hex -> TxId.of(hex), 32);
    private static final Codec<GrantId> GRANT_ID = hexCodec(GrantId::value, GrantId::of, 16);
    private static final Codec<ReceiptId> RECEIPT_ID = hexCodec(ReceiptId::value, ReceiptId::of, 16);
    private static final Codec<GrantRecord> GRANT_RECORD =
            jsonCodec(LedgerJson::encodeGrantRecord, LedgerJson::decodeGrantRecord);
    private static final Codec<ReceiptRecord> RECEIPT_RECORD =
            jsonCodec(LedgerJson::encodeReceiptRecord, LedgerJson::decodeReceiptRecord);
    private static final Codec<LedgerEvent> EVENT = jsonCodec(LedgerJson::encodeEvent, LedgerJson::decodeEvent);

    /** Write-ahead log files kept for reuse once their data is flushed (see the constructor). */
    private static final int RECYCLED_WAL_FILES = 4;
    /**
     * The write-ahead log's size at which the columns holding its oldest file are flushed. The metadata column
     * changes at every block but by a few bytes, so its memtable never filled, never flushed, and kept every log
     * file since the ledger opened: 69 files (about 480 MiB) after three minutes of the exchange benchmark, all
     * replayed at the next start. RocksDB's own bound is four times all memtables together, gigabytes here.
     */
    static final long MAX_TOTAL_WAL_BYTES = 64L << 20;

    private final Path directory;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions columnOptions;
    private final ColumnFamilyOptions stateColumnOptions;
    private final ColumnFamilyOptions lookupColumnOptions;
    private final BloomFilter bloomFilter;
    private final WriteOptions syncWrite;
    private final WriteOptions bulkWrite;
    private final RocksDB db;
    private final List<ColumnFamilyHandle> handles;
    private final ColumnFamilyHandle meta;
    private final Column<Long, byte[]> blocks;
    private Column<TxId, TxLocation> txs;
    private Column<GrantId, GrantRecord> grants;
    private Column<ReceiptId, ReceiptRecord> receipts;
    private Column<Long, LedgerEvent> events;
    private Column<byte[], GrantId> grantsByInstitution;
    private Column<byte[], ReceiptId> receiptsByInstitution;
    private Column<byte[], ReceiptId> receiptsByGrant;
    private boolean closed;

    private ChainStore(Path directory, boolean readOnly) {
        this.directory = directory;
        RocksDB.loadLibrary();
        // Compactions run at the lowest CPU priority, behind the sequencer and the block writer (as in a node's store).
        Env.getDefault().lowerThreadPoolCPUPriority(Priority.LOW);
        this.bloomFilter = new BloomFilter(10);
        // Fresh data is flushed and first compacted uncompressed (those levels are small and rewritten soon; the
        // flush thread's compression cost about as much CPU per receipt as the sequencer), older levels with LZ4.
        this.columnOptions = new ColumnFamilyOptions()
                .setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(bloomFilter))
                .setCompressionPerLevel(COMPRESSION_PER_LEVEL);
        // The memtable bloom filter answers "not there" without searching the memtable's skip list: the sequencer
        // looks up every new transaction and receipt id, and almost all of them are absent. Only the columns
        // looked up by id pay for it on every insert.
        this.stateColumnOptions = new ColumnFamilyOptions(columnOptions).setWriteBufferSize(STATE_WRITE_BUFFER_BYTES);
        this.lookupColumnOptions = new ColumnFamilyOptions(stateColumnOptions)
                .setMemtablePrefixBloomSizeRatio(0.05)
                .setMemtableWholeKeyFiltering(true);
        // Flushes and compactions write their files directly where the file system takes it (DirectIo), else out a
        // megabyte at a time rather than all at once at the end, in one burst of writes the block writer's fsync
        // would queue behind. Log files are reused, so a block's sync does not also journal the log file's new size
        // (as in a node's store, RocksOptions).
        this.dbOptions = new DBOptions()
                .setCreateIfMissing(!readOnly)
                .setCreateMissingColumnFamilies(!readOnly)
                .setBytesPerSync(1 << 20)
                .setMaxTotalWalSize(MAX_TOTAL_WAL_BYTES)
                .setRecycleLogFileNum(RECYCLED_WAL_FILES)
                .setUseDirectIoForFlushAndCompaction(!readOnly && DirectIo.supportedIn(directory));
        this.syncWrite = new WriteOptions().setSync(true);
        this.bulkWrite = new WriteOptions();
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, columnOptions));
        descriptors.add(new ColumnFamilyDescriptor(BLOCKS.getBytes(StandardCharsets.US_ASCII), columnOptions));
        for (String name : STATE_COLUMNS) {
            descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.US_ASCII), optionsFor(name)));
        }
        this.handles = new ArrayList<>();
        try {
            if (!readOnly) {
                Files.createDirectories(directory);
            }
            this.db = readOnly
                    ? RocksDB.openReadOnly(dbOptions, directory.toString(), descriptors, handles)
                    : RocksDB.open(dbOptions, directory.toString(), descriptors, handles);
        } catch (RocksDBException | java.io.IOException e) {
            handles.forEach(ColumnFamilyHandle::close);
            syncWrite.close();
            bulkWrite.close();
            dbOptions.close();
            lookupColumnOptions.close();
            stateColumnOptions.close();
            columnOptions.close();
            bloomFilter.close();
            throw new LedgerStorageException(directory, "cannot open: " + e.getMessage(), e);
        }
        this.meta = handles.get(0);
        this.blocks = new Column<>(BLOCKS, LONG, RAW, handles.get(1));
        bindStateColumns();
        checkSchema(readOnly);
    }

    /** Opens (creating if needed) the store in {@code directory}. */
    static ChainStore open(Path directory) {
        return new ChainStore(Objects.requireNonNull(directory, "directory"), false);
    }

    /** Opens an existing store without writing to it (it must not be open for writing elsewhere). */
    static ChainStore openReadOnly(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new LedgerStorageException(directory, "is not a directory", null);
        }
        return new ChainStore(directory, true);
    }

    Path directory() {
        return directory;
    }

    private ColumnFamilyOptions optionsFor(String column) {
        return LOOKUP_COLUMNS.contains(column) ? lookupColumnOptions : stateColumnOptions;
    }

    private void bindStateColumns() {
        txs = new Column<>("txs", TX_ID, TxLocation.CODEC, handles.get(2));
        grants = new Column<>("grants", GRANT_ID, GRANT_RECORD, handles.get(3));
        receipts = new Column<>("receipts", RECEIPT_ID, RECEIPT_RECORD, handles.get(4));
        events = new Column<>("events", LONG, EVENT, handles.get(5));
        grantsByInstitution = new Column<>("grants_by_institution", RAW, GRANT_ID, handles.get(6));
        receiptsByInstitution = new Column<>("receipts_by_institution", RAW, RECEIPT_ID, handles.get(7));
        receiptsByGrant = new Column<>("receipts_by_grant", RAW, RECEIPT_ID, handles.get(8));
    }

    private void checkSchema(boolean readOnly) {
        try {
            byte[] schema = db.get(meta, SCHEMA_KEY);
            if (schema == null) {
                if (readOnly) {
                    throw new LedgerStorageException(directory, "is not a ledger store (no schema version)", null);
                }
                db.put(meta, syncWrite, SCHEMA_KEY, ByteBuffer.allocate(4).putInt(SCHEMA_VERSION).array());
            } else if (ByteBuffer.wrap(schema).getInt() != SCHEMA_VERSION) {
                throw new LedgerStorageException(directory, "has schema version " + ByteBuffer.wrap(schema).getInt()
                        + "; this build reads version " + SCHEMA_VERSION, null);
            }
        } catch (RocksDBException e) {
            close();
            throw new LedgerStorageException(directory, "cannot read the schema version", e);
        } catch (LedgerStorageException e) {
            close();
            throw e;
        }
    }

    // ---- chain ----

    Optional<ChainHead> head() {
        try {
            byte[] head = db.get(meta, HEAD_KEY);
            if (head == null) {
                return Optional.empty();
            }
            ByteBuffer in = ByteBuffer.wrap(head);
            long number = in.getLong();
            byte[] hash = new byte[32];
            in.get(hash);
            return Optional.of(new ChainHead(number, Sha256.ofDigest(hash), in.getLong(), in.getLong()));
        } catch (RocksDBException e) {
            throw failure("cannot read the chain head", e);
        }
    }

    Optional<byte[]> block(long number) {
        try {
            return blocks.get(db, number);
        } catch (RocksDBException e) {
            throw failure("cannot read block " + number, e);
        }
    }

    /**
     * Appends a block and applies the accepted decisions of its transactions, in one fsynced batch.
     *
     * @param block the block
     * @param stored its stored bytes (signed)
     * @param hash its hash
     * @param accepted the decision for each of its transactions, in order
     */
    void append(Block block, byte[] stored, Sha256 hash, List<Decision.Accepted> accepted) {
        if (accepted.size() != block.transactions().size()) {
            throw new IllegalArgumentException("block " + block.number() + " has " + block.transactions().size()
                    + " transactions but " + accepted.size() + " decisions");
        }
        try (WriteBatch batch = new WriteBatch()) {
            blocks.put(batch, block.number(), stored);
            batch.put(meta, HEAD_KEY, ByteBuffer.allocate(8 + 32 + 8 + 8).putLong(block.number()).put(hash.bytes())
                    .putLong(block.lastSequence()).putLong(block.time().toEpochMilli()).array());
            applyState(batch, block, accepted);
            db.write(syncWrite, batch);
        } catch (RocksDBException e) {
            throw failure("cannot write block " + block.number(), e);
        }
    }

    /**
     * Applies decisions to the derived state only (for a rebuild, where the blocks are already stored). The write
     * is not synced: a rebuild calls {@link #syncLog()} once at the end.
     */
    void applyState(Block block, List<Decision.Accepted> accepted) {
        try (WriteBatch batch = new WriteBatch()) {
            applyState(batch, block, accepted);
            db.write(bulkWrite, batch);
        } catch (RocksDBException e) {
            throw failure("cannot write the state of block " + block.number(), e);
        }
    }

    /** Records, durably, that a rebuild of the derived state has started ({@code true}) or finished. */
    void markRebuilding(boolean rebuilding) {
        try {
            if (rebuilding) {
                db.put(meta, syncWrite, REBUILDING_KEY, new byte[] {1});
            } else {
                db.delete(meta, syncWrite, REBUILDING_KEY);
            }
        } catch (RocksDBException e) {
            throw failure("cannot record the state rebuild", e);
        }
    }

    /** True if a rebuild of the derived state started and did not finish: the state is incomplete. */
    boolean rebuildInterrupted() {
        try {
            return db.get(meta, REBUILDING_KEY) != null;
        } catch (RocksDBException e) {
            throw failure("cannot read the state rebuild marker", e);
        }
    }

    /** Makes every write so far durable. */
    void syncLog() {
        try {
            db.flushWal(true);
        } catch (RocksDBException e) {
            throw failure("cannot sync the write-ahead log", e);
        }
    }

    private void applyState(WriteBatch batch, Block block, List<Decision.Accepted> accepted) throws RocksDBException {
        SortedBatch sorted = new SortedBatch();
        applyState(sorted, block, accepted);
        sorted.writeTo(batch);
    }

    private void applyState(SortedBatch batch, Block block, List<Decision.Accepted> accepted) {
        for (int i = 0; i < accepted.size(); i++) {
            Decision.Accepted decision = accepted.get(i);
            LedgerEvent event = decision.event();
            txs.put(batch, event.txId(),
                    new TxLocation(block.number(), i, event.sequence(), event.committedAt().toEpochMilli()));
            events.put(batch, event.sequence(), event);
            if (decision.write() instanceof StateWrite.Grant grant) {
                GrantRecord record = grant.record();
                grants.put(batch, record.id(), record);
                if (event.type() == EventType.GRANT_CREATED) {
                    Set<InstitutionId> parties = new LinkedHashSet<>();
                    parties.add(record.grant().attester());
                    parties.add(record.grant().recipient());
                    parties.addAll(record.grant().sources().named());
                    for (InstitutionId party : parties) {
                        grantsByInstitution.put(batch, indexKey(Bytes.institution(party), event), record.id());
                    }
                }
            } else if (decision.write() instanceof StateWrite.Receipt receiptWrite) {
                ReceiptRecord record = receiptWrite.record();
                if (event.type() == EventType.RECEIPT_RECORDED && record.acknowledged().isEmpty()) {
                    batch.put(receipts.handle(), receipts.keys().encode(record.id()),
                            recordedReceipt(block.transactions().get(i).transaction(), record));
                } else {
                    receipts.put(batch, record.id(), record);
                }
                if (event.type() == EventType.RECEIPT_RECORDED) {
                    ExchangeReceipt receipt = record.receipt();
                    receiptsByInstitution.put(batch, indexKey(Bytes.institution(receipt.sender()), event), record.id());
                    receiptsByInstitution.put(batch, indexKey(Bytes.institution(receipt.recipient()), event),
                            record.id());
                    if (receipt.grant().isPresent()) {
                        receiptsByGrant.put(batch, ByteBuffer.allocate(16 + 8)
                                .put(Bytes.hex(receipt.grant().get().value())).putLong(event.sequence()).array(),
                                record.id());
                    }
                }
            }
        }
    }

    private static final byte[] RECEIPT_TX_PREFIX = "{\"body\":{\"receipt\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RECORD_PREFIX = "{\"receipt\":".getBytes(StandardCharsets.US_ASCII);

    /**
     * The stored record of a receipt just recorded, built around the receipt object already inside its
     * transaction's canonical bytes ({@code {"body":{"receipt":{…}},"createdAt":…}}, where nothing after the
     * receipt object holds a brace) instead of encoding the receipt again: the same bytes as
     * {@link LedgerJson#encodeReceiptRecord}, which it falls back to if the transaction is not laid out so.
     */
    static byte[] recordedReceipt(byte[] transaction, ReceiptRecord record) {
        int start = RECEIPT_TX_PREFIX.length;
        int end = transaction.length - 1;
        if (end <= start + 2 || transaction[end] != '}' || transaction[start] != '{'
                || !java.util.Arrays.equals(transaction, 0, start, RECEIPT_TX_PREFIX, 0, start)) {
            return LedgerJson.encodeReceiptRecord(record);
        }
        // transaction[end] closes the transaction object; the two braces before it (the tail's fields hold no
        // braces) close the body and the receipt.
        int close = end - 1;
        while (close > start + 1 && transaction[close] != '}') {
            close--;
        }
        if (close <= start + 1 || transaction[close - 1] != '}') {
            return LedgerJson.encodeReceiptRecord(record);
        }
        int receiptLength = close - start;
        Committed recorded = record.recorded();
        byte[] tail = (",\"recorded\":{\"committedAt\":" + recorded.committedAt().toEpochMilli() + ",\"sequence\":"
                + recorded.sequence() + ",\"txId\":\"" + recorded.txId().value() + "\"}}")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[RECORD_PREFIX.length + receiptLength + tail.length];
        System.arraycopy(RECORD_PREFIX, 0, out, 0, RECORD_PREFIX.length);
        System.arraycopy(transaction, RECEIPT_TX_PREFIX.length, out, RECORD_PREFIX.length, receiptLength);
        System.arraycopy(tail, 0, out, RECORD_PREFIX.length + receiptLength, tail.length);
        return out;
    }

    private static byte[] indexKey(byte[] prefix, LedgerEvent event) {
        return ByteBuffer.allocate(prefix.length + 16).put(prefix)
                .putLong(event.committedAt().toEpochMilli()).putLong(event.sequence()).array();
    }

    /** Drops every derived column and recreates it empty; the chain is untouched. */
    void resetState() {
        try {
            for (int i = 2; i < handles.size(); i++) {
                ColumnFamilyHandle old = handles.get(i);
                byte[] name = old.getName();
                db.dropColumnFamily(old);
                old.close();
                handles.set(i, db.createColumnFamily(new ColumnFamilyDescriptor(name,
                        optionsFor(new String(name, StandardCharsets.US_ASCII)))));
            }
            bindStateColumns();
        } catch (RocksDBException e) {
            throw failure("cannot reset the derived state", e);
        }
    }

    /** Every entry of a derived column, in key order, as hex key → hex value (for comparing two states). */
    List<String> dumpColumn(String name) {
        int index = STATE_COLUMNS.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no derived column " + name);
        }
        List<String> out = new ArrayList<>();
        try (RocksIterator it = db.newIterator(handles.get(index + 2))) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                out.add(Bytes.hex(it.key(), 0, it.key().length) + "=" + Bytes.hex(it.value(), 0, it.value().length));
            }
        }
        return out;
    }

    // ---- state reads ----

    Optional<TxLocation> transaction(TxId id) {
        try {
            return txs.get(db, id);
        } catch (RocksDBException e) {
            throw failure("cannot read transaction " + id, e);
        }
    }

    boolean containsTransaction(TxId id) {
        try {
            return txs.contains(db, id);
        } catch (RocksDBException e) {
            throw failure("cannot read transaction " + id, e);
        }
    }

    Optional<GrantRecord> grant(GrantId id) {
        try {
            return grants.get(db, id);
        } catch (RocksDBException e) {
            throw failure("cannot read grant " + id, e);
        }
    }

    Optional<ReceiptRecord> receipt(ReceiptId id) {
        try {
            return receipts.get(db, id);
        } catch (RocksDBException e) {
            throw failure("cannot read receipt " + id, e);
        }
    }

    List<ReceiptRecord> receiptsByGrant(GrantId grant) {
        byte[] prefix = Bytes.hex(grant.value());
        List<ReceiptRecord> out = new ArrayList<>();
        try (RocksIterator it = db.newIterator(receiptsByGrant.handle())) {
            for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
                out.add(requireRecord(receiptsByGrant.values().decode(it.value()), this::receipt));
            }
        }
        return out;
    }

    Page<GrantRecord> grantsByInstitution(InstitutionId institution, TimeRange range, PageRequest page) {
        return scanIndex(grantsByInstitution, institution, range, page, this::grant);
    }

    Page<ReceiptRecord> receiptsByInstitution(InstitutionId institution, TimeRange range, PageRequest page) {
        return scanIndex(receiptsByInstitution, institution, range, page, this::receipt);
    }

    private <I, R> Page<R> scanIndex(Column<byte[], I> index, InstitutionId institution, TimeRange range,
            PageRequest page, Function<I, Optional<R>> lookup) {
        byte[] prefix = Bytes.institution(institution);
        long from = range.from().toEpochMilli();
        long until = range.until().toEpochMilli();
        byte[] start;
        if (page.after().isPresent()) {
            byte[] token = decodeToken(page.after().get());
            long millis = Bytes.readLong(token, 0);
            if (millis < from || millis >= until) {
                throw new IllegalArgumentException("page token is not from this query (outside its time range)");
            }
            // Resume just after the last key returned.
            start = ByteBuffer.allocate(prefix.length + 16).put(prefix).put(token).array();
            start = successor(start);
        } else {
            start = ByteBuffer.allocate(prefix.length + 16).put(prefix).putLong(from).putLong(0).array();
        }
        byte[] end = ByteBuffer.allocate(prefix.length + 16).put(prefix).putLong(until).putLong(0).array();
        List<R> items = new ArrayList<>();
        byte[] lastKey = null;
        boolean more = false;
        try (RocksIterator it = db.newIterator(index.handle())) {
            for (it.seek(start); it.isValid() && Bytes.compare(it.key(), end) < 0; it.next()) {
                if (items.size() == page.size()) {
                    more = true;
                    break;
                }
                lastKey = it.key();
                items.add(requireRecord(index.values().decode(it.value()), lookup));
            }
        }
        Optional<PageToken> next = more
                ? Optional.of(encodeToken(java.util.Arrays.copyOfRange(lastKey, prefix.length, prefix.length + 16)))
                : Optional.empty();
        return new Page<>(items, next);
    }

    EventPage events(EventCheckpoint after, int max) {
        List<LedgerEvent> out = new ArrayList<>();
        try (RocksIterator it = db.newIterator(events.handle())) {
            for (it.seek(Bytes.longKey(after.sequence() + 1)); it.isValid() && out.size() < max; it.next()) {
                out.add(events.values().decode(it.value()));
            }
        }
        return new EventPage(out, out.isEmpty() ? after : out.get(out.size() - 1).checkpoint());
    }

    private <I, R> R requireRecord(I id, Function<I, Optional<R>> lookup) {
        return lookup.apply(id).orElseThrow(() -> new LedgerStorageException(directory,
                "an index names " + id + ", which is not in the state: rebuild the state from the chain", null));
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length
                && java.util.Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] successor(byte[] key) {
        byte[] next = key.clone();
        for (int i = next.length - 1; i >= 0; i--) {
            if (++next[i] != 0) {
                return next;
            }
        }
        throw new IllegalArgumentException("no key after the last one");
    }

    private static PageToken encodeToken(byte[] position) {
        return PageToken.of(Base64.getUrlEncoder().withoutPadding().encodeToString(position));
    }

    private static byte[] decodeToken(PageToken token) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token.value());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("page token is not from this ledger", e);
        }
        if (bytes.length != 16) {
            throw new IllegalArgumentException("page token is not from this ledger");
        }
        return bytes;
    }

    private LedgerStorageException failure(String what, RocksDBException e) {
        return new LedgerStorageException(directory, what + ": " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        handles.forEach(ColumnFamilyHandle::close);
        db.close();
        syncWrite.close();
        bulkWrite.close();
        dbOptions.close();
        lookupColumnOptions.close();
        stateColumnOptions.close();
        columnOptions.close();
        bloomFilter.close();
    }

    private static <T> Codec<T> hexCodec(Function<T, String> hex, Function<String, T> parse, int length) {
        return new Codec<>() {
            @Override
            public byte[] encode(T value) {
                return Bytes.hex(hex.apply(value));
            }

            @Override
            public T decode(byte[] bytes) {
                return parse.apply(Bytes.hex(bytes, 0, length));
            }
        };
    }

    private static <T> Codec<T> jsonCodec(Function<T, byte[]> encode, Function<byte[], T> decode) {
        return new Codec<>() {
            @Override
            public byte[] encode(T value) {
                return encode.apply(value);
            }

            @Override
            public T decode(byte[] bytes) {
                return decode.apply(bytes);
            }
        };
    }
}
