package org.baton.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.baton.ledger.Committed;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantId;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.ledger.TxId;
import org.baton.ledger.json.LedgerJson;
import org.baton.ledger.testing.LedgerFixtures;
import org.baton.ledger.testing.RocksOptionsFile;
import org.baton.ledger.tx.LedgerTransaction;
import org.baton.ledger.tx.TransactionCodec;
import org.baton.ledger.tx.TxBody;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ChainStoreTest {

    @Test
    void derived_columns_take_small_memtables_and_the_blocks_column_the_default(@TempDir Path dir) throws IOException {
        try (ChainStore store = ChainStore.open(dir)) {
            assertThat(store.directory()).isEqualTo(dir);
        }

        Map<String, String> sizes = RocksOptionsFile.columnOption(dir, "write_buffer_size");

        for (String column : ChainStore.STATE_COLUMNS) {
            assertThat(sizes).containsEntry(column, Long.toString(ChainStore.STATE_WRITE_BUFFER_BYTES));
        }
        assertThat(sizes).containsEntry("blocks", Long.toString(64L << 20));
    }

    @Test
    void the_write_ahead_log_is_bounded_and_its_files_reused(@TempDir Path dir) throws IOException {
        try (ChainStore store = ChainStore.open(dir)) {
            assertThat(store.directory()).isEqualTo(dir);
        }

        assertThat(RocksOptionsFile.databaseOption(dir, "max_total_wal_size"))
                .contains(Long.toString(ChainStore.MAX_TOTAL_WAL_BYTES));
        assertThat(RocksOptionsFile.databaseOption(dir, "recycle_log_file_num")).hasValueSatisfying(
                files -> assertThat(Integer.parseInt(files)).isPositive());
        assertThat(RocksOptionsFile.databaseOption(dir, "bytes_per_sync")).contains(Long.toString(1L << 20));
    }

    @Test
    void flushes_and_compactions_write_directly_where_the_file_system_takes_it(@TempDir Path dir) throws IOException {
        try (ChainStore store = ChainStore.open(dir)) {
            assertThat(store.directory()).isEqualTo(dir);
        }

        assertThat(RocksOptionsFile.databaseOption(dir, "use_direct_io_for_flush_and_compaction"))
                .contains(Boolean.toString(DirectIo.supportedIn(dir)));
    }

    @Nested
    class A_recorded_receipt {

        @Test
        void is_stored_as_the_same_bytes_as_its_encoded_record() {
            Instant at = Instant.ofEpochMilli(1772470900000L);
            ExchangeReceipt underGrant = ExchangeReceipt.underGrant(ReceiptId.random(), GrantId.random(),
                    LedgerFixtures.DISTRICT, LedgerFixtures.UNIVERSITY, EnumSet.of(Scope.GPA, Scope.TRANSCRIPT),
                    Sha256.ofHex("c".repeat(64)), at);
            ExchangeReceipt underBasis = new ExchangeReceipt(ReceiptId.random(), LegalBasis.CAL_GRANT_GPA_UPLOAD,
                    Optional.empty(), LedgerFixtures.DISTRICT, LedgerFixtures.CSAC, EnumSet.of(Scope.GPA),
                    Sha256.ofHex("d".repeat(64)), Instant.ofEpochMilli(0));
            for (ExchangeReceipt receipt : List.of(underGrant, underBasis)) {
                byte[] transaction = TransactionCodec.encode(
                        LedgerTransaction.create(LedgerFixtures.DISTRICT, new TxBody.RecordReceipt(receipt), at));
                ReceiptRecord record = new ReceiptRecord(receipt,
                        new Committed(TransactionCodec.txId(transaction), 12345, at.plusMillis(1)), Optional.empty());

                assertThat(new String(ChainStore.recordedReceipt(transaction, record), StandardCharsets.UTF_8))
                        .isEqualTo(new String(LedgerJson.encodeReceiptRecord(record), StandardCharsets.UTF_8));
            }
        }

        @Test
        void is_encoded_from_the_record_when_the_transaction_is_laid_out_otherwise() {
            ExchangeReceipt receipt = new ExchangeReceipt(ReceiptId.random(), LegalBasis.CAL_GRANT_GPA_UPLOAD,
                    Optional.empty(), LedgerFixtures.DISTRICT, LedgerFixtures.CSAC, EnumSet.of(Scope.GPA),
                    Sha256.ofHex("d".repeat(64)), Instant.ofEpochMilli(5));
            ReceiptRecord record = new ReceiptRecord(receipt,
                    new Committed(TxId.of("1".repeat(64)), 1, Instant.ofEpochMilli(6)), Optional.empty());

            assertThat(ChainStore.recordedReceipt("{\"x\":1}".getBytes(StandardCharsets.UTF_8), record))
                    .isEqualTo(LedgerJson.encodeReceiptRecord(record));
        }
    }
}
