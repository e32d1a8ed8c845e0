package org.baton.ledger.embedded;

import java.nio.ByteBuffer;
import java.time.Instant;
import org.baton.ledger.Committed;
import org.baton.ledger.TxId;

/** Where a committed transaction is: its block, its index in the block, its sequence and its time. */
record TxLocation(long block, int index, long sequence, long timeMillis) {

    static final Codec<TxLocation> CODEC = new Codec<>() {
        @Override
        public byte[] encode(TxLocation value) {
            return ByteBuffer.allocate(28).putLong(value.block).putInt(value.index).putLong(value.sequence)
                    .putLong(value.timeMillis).array();
        }

        @Override
        public TxLocation decode(byte[] bytes) {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            return new TxLocation(in.getLong(), in.getInt(), in.getLong(), in.getLong());
        }
    };

    Committed committed(TxId txId) {
        return new Committed(txId, sequence, Instant.ofEpochMilli(timeMillis));
    }
}
