package org.baton.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.baton.ledger.GrantId;
import org.baton.ledger.Sha256;
import org.baton.ledger.testing.LedgerFixtures;
import org.baton.ledger.tx.LedgerTransaction;
import org.baton.ledger.tx.SignedTransaction;
import org.baton.ledger.tx.TransactionCodec;
import org.baton.ledger.tx.TxBody;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BlockCodecTest {

    private static Block block() {
        byte[] tx = TransactionCodec.encode(LedgerTransaction.create(LedgerFixtures.DISTRICT,
                new TxBody.RevokeGrant(GrantId.random()), LedgerFixtures.START));
        byte[] signature = new byte[64];
        Arrays.fill(signature, (byte) 7);
        return new Block(5, Sha256.hash("previous".getBytes(StandardCharsets.UTF_8)), Instant.ofEpochMilli(1234),
                41, LedgerFixtures.CDE, List.of(new SignedTransaction(tx, signature), new SignedTransaction(tx, signature)));
    }

    @Test
    void reads_back_what_it_writes() {
        Block block = block();
        byte[] stored = BlockCodec.signedBytes(BlockCodec.unsignedBytes(block), new byte[64]);

        Block read = BlockCodec.decode(stored);

        assertThat(read).isEqualTo(block);
        assertThat(read.lastSequence()).isEqualTo(42);
        assertThat(BlockCodec.hashOfStored(stored)).isEqualTo(BlockCodec.hashOfUnsigned(BlockCodec.unsignedBytes(block)));
    }

    @Test
    void starts_with_the_marker_and_version() {
        byte[] unsigned = BlockCodec.unsignedBytes(block());

        assertThat(new String(unsigned, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("BTNB");
        assertThat(unsigned[4]).isEqualTo((byte) 1);
    }

    @Test
    void refuses_a_truncated_block() {
        byte[] stored = BlockCodec.signedBytes(BlockCodec.unsignedBytes(block()), new byte[64]);

        assertThatThrownBy(() -> BlockCodec.decode(Arrays.copyOf(stored, stored.length - 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("has 63 bytes after its transactions");
        assertThatThrownBy(() -> BlockCodec.decode(Arrays.copyOf(stored, 30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ends early, at byte 13 of 30");
    }

    @Test
    void signs_a_context_and_the_hash() {
        Sha256 hash = Sha256.hash(new byte[] {1});

        assertThat(new String(BlockCodec.signingPayload(hash), 0, 22, StandardCharsets.US_ASCII))
                .isEqualTo("baton.ledger.block.v1\n");
        assertThat(BlockCodec.signingPayload(hash)).hasSize(22 + 32);
    }
}
