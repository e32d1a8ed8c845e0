package org.baton.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.baton.ledger.testing.LedgerFixtures.COLLEGE;
import static org.baton.ledger.testing.LedgerFixtures.DISTRICT;
import static org.baton.ledger.testing.LedgerFixtures.UNIVERSITY;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.baton.ledger.Acknowledgment;
import org.baton.ledger.Committed;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.EventCheckpoint;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantId;
import org.baton.ledger.Ledger;
import org.baton.ledger.LedgerRejectedException;
import org.baton.ledger.LedgerUnavailableException;
import org.baton.ledger.RefusalReason;
import org.baton.ledger.Scope;
import org.baton.ledger.testing.LedgerFixtures;
import org.baton.ledger.testing.MutableClock;
import org.baton.ledger.tx.LedgerTransaction;
import org.baton.ledger.tx.SignedTransaction;
import org.baton.ledger.tx.TransactionCodec;
import org.baton.ledger.tx.TxBody;
import org.baton.trust.InstitutionId;
import org.baton.trust.SigningKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EmbeddedLedgerTest {

    private final LedgerPki pki = LedgerPki.shared();
    private final MutableClock clock = new MutableClock(LedgerFixtures.START);

    @TempDir
    Path dir;

    private ChainLedger ledger;

    @BeforeEach
    void open() {
        ledger = open(EmbeddedLedgerConfig.defaults(dir));
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    private ChainLedger open(EmbeddedLedgerConfig config) {
        return (ChainLedger) EmbeddedLedger.open(config, pki.consortium(), pki.operator(), clock);
    }

    private Ledger as(InstitutionId institution) {
        return ledger.ledgerFor(institution, pki.credentials(institution).signingKey());
    }

    private static SignedTransaction signed(InstitutionId submitter, SigningKey key, TxBody body) {
        byte[] bytes = TransactionCodec.encode(LedgerTransaction.create(submitter, body, LedgerFixtures.START));
        return new SignedTransaction(bytes, key.sign(TransactionCodec.signingPayload(bytes)));
    }

    @Nested
    class Authenticating_transactions {

        @Test
        void refuses_a_signature_by_another_key_than_the_submitters() {
            ConsentGrant grant = LedgerFixtures.grant(clock.instant()).build();
            SignedTransaction forged = signed(DISTRICT, pki.credentials(COLLEGE).signingKey(),
                    new TxBody.CreateGrant(grant));

            assertThatThrownBy(() -> ledger.submit(forged))
                    .isInstanceOf(LedgerRejectedException.class)
                    .hasMessageContaining("BAD_SIGNATURE")
                    .hasMessageContaining("does not verify against the signing key of " + DISTRICT);
            assertThat(ledger.reader().grant(grant.id())).isEmpty();
        }

        @Test
        void refuses_a_submitter_outside_the_consortium() {
            InstitutionId outsider = InstitutionId.of("999999");
            SignedTransaction signed = signed(outsider, SigningKey.generate(new SecureRandom()),
                    new TxBody.RevokeGrant(GrantId.random()));

            assertThatThrownBy(() -> ledger.submit(signed))
                    .isInstanceOf(LedgerRejectedException.class)
                    .hasMessageContaining("UNKNOWN_SUBMITTER")
                    .hasMessageContaining("submitter 999999 is not a member");
        }

        @Test
        void refuses_bytes_that_are_not_a_canonical_transaction() {
            SignedTransaction garbage = new SignedTransaction("{\"version\":1}".getBytes(StandardCharsets.UTF_8),
                    new byte[64]);

            assertThatThrownBy(() -> ledger.submit(garbage))
                    .isInstanceOf(LedgerRejectedException.class)
                    .hasMessageContaining("MALFORMED_TRANSACTION")
                    .hasMessageContaining("$.type is missing");
        }
    }

    @Nested
    class Cutting_blocks {

        @Test
        void commits_concurrent_submitters_in_shared_blocks_with_dense_sequences() throws Exception {
            ConsentGrant grant = LedgerFixtures.grant(clock.instant()).build();
            as(DISTRICT).writer().createGrant(grant);
            int count = 200;
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<Committed>> futures = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    futures.add(pool.submit(() -> as(DISTRICT).writer().recordReceipt(
                            LedgerFixtures.receiptUnder(grant, EnumSet.of(Scope.TRANSCRIPT), clock.instant()))));
                }
                List<Long> sequences = new ArrayList<>();
                for (Future<Committed> future : futures) {
                    sequences.add(future.get().sequence());
                }

                assertThat(sequences).containsExactlyInAnyOrderElementsOf(
                        java.util.stream.LongStream.rangeClosed(2, count + 1).boxed().toList());
                assertThat(ledger.head().orElseThrow().number()).isLessThan(count);
                assertThat(ledger.reader().receiptsByGrant(grant.id())).hasSize(count);
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void cuts_a_block_at_the_configured_count() {
            ledger.close();
            ledger = open(new EmbeddedLedgerConfig(dir, 1, Duration.ZERO, 10));
            as(DISTRICT).writer().createGrant(LedgerFixtures.grant(clock.instant()).build());
            as(DISTRICT).writer().createGrant(LedgerFixtures.grant(clock.instant()).build());

            assertThat(ledger.head().orElseThrow().number()).isEqualTo(1);
            assertThat(ledger.head().orElseThrow().lastSequence()).isEqualTo(2);
        }

        @Test
        void never_moves_the_transaction_time_backwards() {
            as(DISTRICT).writer().createGrant(LedgerFixtures.grant(clock.instant()).build());
            clock.advance(Duration.ofMinutes(-10));

            Committed later = as(DISTRICT).writer().createGrant(LedgerFixtures.grant(clock.instant()).build());

            assertThat(later.committedAt()).isEqualTo(LedgerFixtures.START);
        }
    }

    @Nested
    class Reopening {

        @Test
        void keeps_every_committed_transaction() {
            ConsentGrant grant = LedgerFixtures.grant(clock.instant()).build();
            Committed created = as(DISTRICT).writer().createGrant(grant);
            ledger.close();

            ledger = open(EmbeddedLedgerConfig.defaults(dir));
            Committed revoked = as(DISTRICT).writer().revokeGrant(grant.id());

            assertThat(ledger.reader().transaction(created.txId())).contains(created);
            assertThat(revoked.sequence()).isEqualTo(created.sequence() + 1);
            assertThat(ledger.reader().grant(grant.id()).orElseThrow().revoked()).contains(revoked);
        }

        @Test
        void refuses_writes_after_close() {
            ledger.close();
            ConsentGrant grant = LedgerFixtures.grant(clock.instant()).build();

            assertThatThrownBy(() -> as(DISTRICT).writer().createGrant(grant))
                    .isInstanceOf(LedgerUnavailableException.class)
                    .hasMessageContaining("ledger unavailable for submit of transaction")
                    .hasMessageContaining("the ledger is closed");
            ledger.close();
            ledger = open(EmbeddedLedgerConfig.defaults(dir));
        }

        @Test
        void refuses_an_operator_whose_key_the_consortium_does_not_list() {
            ledger.close();

            assertThatThrownBy(() -> EmbeddedLedger.open(EmbeddedLedgerConfig.defaults(dir), pki.consortium(),
                    new ForeignKeyCredentials(pki.operator()), Clock.systemUTC()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("ledger operator CDE signs with a key other than the one consortium "
                            + pki.consortium().name() + " lists for it");
            ledger = open(EmbeddedLedgerConfig.defaults(dir));
        }
    }

    @Nested
    class Rebuilding_the_state {

        @Test
        void derives_byte_identical_state_from_the_chain() {
            ConsentGrant grant = LedgerFixtures.grant(clock.instant()).sources(
                    org.baton.ledger.Sources.named(DISTRICT, COLLEGE)).build();
            as(DISTRICT).writer().createGrant(grant);
            ExchangeReceipt receipt = LedgerFixtures.receiptUnder(grant, EnumSet.of(Scope.GPA), clock.instant());
            as(receipt.sender()).writer().recordReceipt(receipt);
            clock.advance(Duration.ofMinutes(5));
            as(UNIVERSITY).writer().acknowledge(Acknowledgment.accepted(receipt.id()));
            as(DISTRICT).writer().revokeGrant(grant.id());
            List<List<String>> before = dumpState();
            ledger.close();

            long replayed = EmbeddedLedger.rebuildState(dir);

            ledger = open(EmbeddedLedgerConfig.defaults(dir));
            assertThat(replayed).isEqualTo(4);
            assertThat(dumpState()).isEqualTo(before);
            assertThat(ledger.reader().events(EventCheckpoint.START, 10).events()).hasSize(4);
        }

        @Test
        void rebuilds_an_emptied_state() {
            ConsentGrant grant = LedgerFixtures.grant(clock.instant()).build();
            as(DISTRICT).writer().createGrant(grant);
            List<List<String>> before = dumpState();
            ledger.close();
            try (ChainStore store = ChainStore.open(dir)) {
                store.resetState();
                assertThat(store.grant(grant.id())).isEmpty();
                StateRebuilder.rebuild(store);
            }

            ledger = open(EmbeddedLedgerConfig.defaults(dir));

            assertThat(dumpState()).isEqualTo(before);
            assertThat(ledger.reader().grant(grant.id())).isPresent();
        }

        @Test
        void finishes_an_interrupted_rebuild_when_the_ledger_opens() {
            ConsentGrant grant = LedgerFixtures.grant(clock.instant()).build();
            as(DISTRICT).writer().createGrant(grant);
            List<List<String>> before = dumpState();
            ledger.close();
            try (ChainStore store = ChainStore.open(dir)) {
                store.markRebuilding(true);
                store.resetState();
            }

            ledger = open(EmbeddedLedgerConfig.defaults(dir));

            assertThat(dumpState()).isEqualTo(before);
            assertThat(ledger.store().rebuildInterrupted()).isFalse();
        }

        private List<List<String>> dumpState() {
            List<List<String>> out = new ArrayList<>();
            for (String column : ChainStore.STATE_COLUMNS) {
                out.add(ledger.store().dumpColumn(column));
            }
            return out;
        }
    }
}
