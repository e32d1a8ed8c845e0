package org.baton.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.baton.ledger.testing.LedgerFixtures.DISTRICT;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.Ledger;
import org.baton.ledger.Scope;
import org.baton.ledger.testing.LedgerFixtures;
import org.baton.ledger.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ChainVerifierTest {

    private final LedgerPki pki = LedgerPki.shared();

    @TempDir
    Path dir;

    /** Writes three blocks (one transaction per block) and closes the ledger. */
    @BeforeEach
    void writeChain() {
        MutableClock clock = new MutableClock(LedgerFixtures.START);
        try (EmbeddedLedger ledger = EmbeddedLedger.open(new EmbeddedLedgerConfig(dir, 1, Duration.ZERO, 10),
                pki.consortium(), pki.operator(), clock)) {
            Ledger district = ledger.ledgerFor(DISTRICT, pki.credentials(DISTRICT).signingKey());
            ConsentGrant grant = LedgerFixtures.grant(clock.instant()).build();
            district.writer().createGrant(grant);
            district.writer().recordReceipt(LedgerFixtures.receiptUnder(grant, EnumSet.of(Scope.GPA), clock.instant()));
            district.writer().revokeGrant(grant.id());
        }
    }

    @Test
    void finds_an_untouched_chain_intact() {
        ChainReport report = ChainVerifier.verify(dir, pki.consortium());

        assertThat(report.intact()).isTrue();
        assertThat(report.blocks()).isEqualTo(3);
        assertThat(report.transactions()).isEqualTo(3);
    }

    @ParameterizedTest(name = "byte {0}")
    @ValueSource(ints = {0, 7, 20, 60, 300, -70, -1})
    void names_the_block_in_which_one_byte_was_flipped(int offset) throws Exception {
        RawChain.editBlock(dir, 1, RawChain.flipByte(offset));

        ChainReport report = ChainVerifier.verify(dir, pki.consortium());

        assertThat(report.intact()).isFalse();
        assertThat(report.fault().orElseThrow().block()).isEqualTo(1);
        assertThat(report.blocks()).isEqualTo(1);
        assertThat(report.fault().orElseThrow().toString()).startsWith("block 1: ");
    }

    @Test
    void explains_an_altered_block_by_its_operator_signature() throws Exception {
        RawChain.editBlock(dir, 2, RawChain.flipByte(200));

        ChainReport report = ChainVerifier.verify(dir, pki.consortium());

        assertThat(report.fault().orElseThrow().toString()).isEqualTo(
                "block 2: the operator signature of CDE does not verify: the block was altered after it was signed");
    }

    @Test
    void names_the_last_block_when_it_was_removed() throws Exception {
        RawChain.editBlock(dir, 2, bytes -> null);

        ChainReport report = ChainVerifier.verify(dir, pki.consortium());

        assertThat(report.fault().orElseThrow().block()).isEqualTo(2);
        assertThat(report.fault().orElseThrow().problem()).startsWith("the chain head names block 2");
    }

    @Test
    void refuses_to_open_an_altered_chain_head_block() throws Exception {
        RawChain.editBlock(dir, 2, RawChain.flipByte(100));

        assertThatThrownBy(() -> EmbeddedLedger.open(EmbeddedLedgerConfig.defaults(dir), pki.consortium(),
                pki.operator(), new MutableClock(LedgerFixtures.START)))
                .isInstanceOf(LedgerStorageException.class)
                .hasMessageEndingWith("block 2 does not hash to the chain head: run `baton ledger verify`");
    }

    @Test
    void refuses_a_directory_that_is_not_a_ledger() {
        Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> ChainVerifier.verify(missing, pki.consortium()))
                .isInstanceOf(LedgerStorageException.class)
                .hasMessage("ledger store " + missing + ": is not a directory");
    }
}
