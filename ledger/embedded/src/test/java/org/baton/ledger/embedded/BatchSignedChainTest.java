package org.baton.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.baton.ledger.testing.LedgerFixtures.COLLEGE;
import static org.baton.ledger.testing.LedgerFixtures.DISTRICT;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.GrantId;
import org.baton.ledger.LedgerRejectedException;
import org.baton.ledger.RefusalReason;
import org.baton.ledger.Scope;
import org.baton.ledger.TxId;
import org.baton.ledger.testing.LedgerFixtures;
import org.baton.ledger.testing.MutableClock;
import org.baton.ledger.tx.LedgerTransaction;
import org.baton.ledger.tx.SignedTransaction;
import org.baton.ledger.tx.TransactionCodec;
import org.baton.ledger.tx.TxBody;
import org.baton.trust.InstitutionId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Transactions signed together by one batch envelope: committed each on its own, stored with the envelope, and
 * re-verified from the chain.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BatchSignedChainTest {

    private final LedgerPki pki = LedgerPki.shared();
    private final MutableClock clock = new MutableClock(LedgerFixtures.START);

    @TempDir
    Path dir;

    private ConsentGrant grant;

    private ChainLedger open() {
        return (ChainLedger) EmbeddedLedger.open(new EmbeddedLedgerConfig(dir, 100, Duration.ofMillis(50), 1000),
                pki.consortium(), pki.operator(), clock);
    }

    /** Block 0: a grant with its own signature. */
    @BeforeEach
    void createGrant() {
        grant = LedgerFixtures.grant(clock.instant()).build();
        try (ChainLedger ledger = open()) {
            ledger.ledgerFor(DISTRICT, pki.credentials(DISTRICT).signingKey()).writer().createGrant(grant);
        }
    }

    private byte[] unsigned(InstitutionId submitter, TxBody body) {
        return TransactionCodec.encode(LedgerTransaction.create(submitter, body, clock.instant()));
    }

    private byte[] receipt() {
        return unsigned(DISTRICT, new TxBody.RecordReceipt(
                LedgerFixtures.receiptUnder(grant, EnumSet.of(Scope.TRANSCRIPT), clock.instant())));
    }

    private static List<byte[]> ids(List<byte[]> transactions) {
        return transactions.stream().map(tx -> HexFormat.of().parseHex(TransactionCodec.txId(tx).value())).toList();
    }

    private static List<ChainLedger.Submission> submissions(List<byte[]> transactions) {
        return transactions.stream()
                .map(tx -> new ChainLedger.Submission(tx, null, TransactionCodec.txId(tx))).toList();
    }

    /** Submits {@code transactions} under one envelope signed by {@code signer}; the outcome of each. */
    private List<Object> submitBatch(ChainLedger ledger, List<byte[]> transactions, InstitutionId signer) {
        BatchEnvelope envelope = BatchEnvelope.sign(ids(transactions), pki.credentials(signer).signingKey());
        List<CompletableFuture<TxLocation>> outcomes = ledger.submitAllAsync(submissions(transactions),
                Optional.of(envelope), Optional.of(DISTRICT));
        List<Object> out = new ArrayList<>();
        for (CompletableFuture<TxLocation> outcome : outcomes) {
            try {
                out.add(outcome.join());
            } catch (CompletionException e) {
                out.add(e.getCause());
            }
        }
        return out;
    }

    @Nested
    class A_batch_signed_once {

        @Test
        void commits_every_transaction_with_its_own_id_and_refuses_only_the_bad_one() {
            byte[] first = receipt();
            byte[] unknownGrant = unsigned(DISTRICT, new TxBody.RevokeGrant(GrantId.random()));
            byte[] third = receipt();

            List<Object> outcomes;
            try (ChainLedger ledger = open()) {
                outcomes = submitBatch(ledger, List.of(first, unknownGrant, third), DISTRICT);

                assertThat(ledger.transactionBytes(TransactionCodec.txId(first))).hasValueSatisfying(
                        bytes -> assertThat(bytes).isEqualTo(first));
            }

            assertThat(outcomes.get(0)).isInstanceOf(TxLocation.class);
            assertThat(outcomes.get(2)).isInstanceOf(TxLocation.class);
            assertThat(outcomes.get(1)).isInstanceOf(LedgerRejectedException.class);
            assertThat(((LedgerRejectedException) outcomes.get(1)).reason()).isEqualTo(RefusalReason.GRANT_NOT_FOUND);
            ChainReport report = ChainVerifier.verify(dir, pki.consortium());
            assertThat(report.intact()).isTrue();
            assertThat(report.transactions()).isEqualTo(3);
        }

        @Test
        void is_refused_whole_when_the_envelope_is_not_signed_by_the_submitter() {
            byte[] first = receipt();

            List<Object> outcomes;
            try (ChainLedger ledger = open()) {
                outcomes = submitBatch(ledger, List.of(first, receipt()), COLLEGE);
            }

            assertThat(outcomes).allSatisfy(outcome -> {
                assertThat(outcome).isInstanceOf(LedgerRejectedException.class);
                assertThat(((LedgerRejectedException) outcome).reason()).isEqualTo(RefusalReason.BAD_SIGNATURE);
                assertThat(((LedgerRejectedException) outcome).getMessage())
                        .contains("the batch signature does not verify against the signing key of " + DISTRICT);
            });
        }

        @Test
        void refuses_the_replay_of_a_committed_transaction_as_a_duplicate() {
            byte[] first = receipt();
            try (ChainLedger ledger = open()) {
                submitBatch(ledger, List.of(first), DISTRICT);

                SignedTransaction replay = new SignedTransaction(first, pki.credentials(DISTRICT).signingKey()
                        .sign(TransactionCodec.signingPayload(first)));
                assertThatThrownBy(() -> ledger.submit(replay))
                        .isInstanceOf(LedgerRejectedException.class)
                        .hasMessageContaining("transaction " + TransactionCodec.txId(first) + " is already on the ledger");
            }
        }

        @Test
        void is_replayed_by_a_state_rebuild() {
            try (ChainLedger ledger = open()) {
                submitBatch(ledger, List.of(receipt(), receipt()), DISTRICT);
            }

            assertThat(EmbeddedLedger.rebuildState(dir)).isEqualTo(3);
        }
    }

    @Nested
    class The_verifier {

        /** Block 1: three receipts under one envelope. */
        @BeforeEach
        void writeBatch() {
            try (ChainLedger ledger = open()) {
                submitBatch(ledger, List.of(receipt(), receipt(), receipt()), DISTRICT);
            }
        }

        @ParameterizedTest(name = "byte {0}")
        @ValueSource(ints = {5, 70, 120, 180, 400, 1200, -70, -1})
        void names_the_batch_signed_block_in_which_one_byte_was_flipped(int offset) throws Exception {
            RawChain.editBlock(dir, 1, RawChain.flipByte(offset));

            ChainReport report = ChainVerifier.verify(dir, pki.consortium());

            assertThat(report.intact()).isFalse();
            assertThat(report.fault().orElseThrow().block()).isEqualTo(1);
        }

        @Test
        void finds_an_envelope_signature_that_does_not_verify_even_in_a_block_the_operator_signed_again()
                throws Exception {
            RawChain.editBlock(dir, 1, stored -> resign(stored, block -> {
                BatchEnvelope envelope = block.envelopes().get(0);
                byte[] forged = envelope.signature().clone();
                forged[10] ^= 0x01;
                return withEnvelope(block, new BatchEnvelope(envelope.ids(), forged));
            }));

            ChainReport report = ChainVerifier.verify(dir, pki.consortium());

            TxId first = TransactionCodec.txId(blockOf(dir).transactions().get(0).transaction());
            assertThat(report.fault().orElseThrow().toString()).isEqualTo("block 1: the batch signature of envelope 0"
                    + " over transaction 0 (" + first + ") by " + DISTRICT + " does not verify");
        }

        @Test
        void finds_a_transaction_its_envelope_does_not_list_even_in_a_block_the_operator_signed_again()
                throws Exception {
            byte[] other = receipt();
            RawChain.editBlock(dir, 1, stored -> resign(stored, block -> {
                List<BlockTx> transactions = new ArrayList<>(block.transactions());
                transactions.set(1, BlockTx.inEnvelope(other, 0));
                return new Block(block.number(), block.previousHash(), block.time(), block.firstSequence(),
                        block.operator(), block.envelopes(), transactions);
            }));

            ChainReport report = ChainVerifier.verify(dir, pki.consortium());

            assertThat(report.fault().orElseThrow().toString()).isEqualTo("block 1: transaction 1 ("
                    + TransactionCodec.txId(other) + ") is not listed in batch envelope 0 that is to sign it");
        }

        private Block blockOf(Path directory) throws Exception {
            byte[][] stored = new byte[1][];
            RawChain.editBlock(directory, 1, bytes -> {
                stored[0] = bytes;
                return bytes;
            });
            return BlockCodec.decode(stored[0]);
        }

        private static Block withEnvelope(Block block, BatchEnvelope envelope) {
            return new Block(block.number(), block.previousHash(), block.time(), block.firstSequence(),
                    block.operator(), List.of(envelope), block.transactions());
        }

        /** Decodes, edits and re-signs a block with the operator key: what a dishonest operator could do. */
        private byte[] resign(byte[] stored, java.util.function.UnaryOperator<Block> edit) {
            Block edited = edit.apply(BlockCodec.decode(stored));
            byte[] unsigned = BlockCodec.unsignedBytes(edited);
            return BlockCodec.signedBytes(unsigned, pki.operator().signingKey()
                    .sign(BlockCodec.signingPayload(BlockCodec.hashOfUnsigned(unsigned))));
        }
    }
}
