package org.baton.ledger.tx;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Hostile ledger transactions (what a member sends to {@code LedgerService.SubmitTransaction}): whatever the
 * bytes, {@link TransactionCodec#decode} returns a transaction whose canonical encoding is exactly those bytes, or
 * throws {@link IllegalArgumentException} with a reason, never anything else.
 *
 * <p>Seeds: {@code src/test/resources/org/baton/ledger/tx/TransactionCodecFuzzTestInputs/<method>/}. See
 * {@code docs/testing.md} for fuzzing longer.
 */
class TransactionCodecFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void any_bytes_decode_to_a_canonical_transaction_or_are_refused_with_a_reason(byte[] bytes) {
        LedgerTransaction tx;
        try {
            tx = TransactionCodec.decode(bytes);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(TransactionCodec.encode(tx)).isEqualTo(bytes);
        assertThat(TransactionCodec.txId(bytes)).isNotNull();
    }
}
