package org.baton.ledger.embedded;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.baton.ledger.Sha256;
import org.baton.ledger.tx.TransactionCodec;
import org.baton.trust.InstitutionId;

/**
 * The byte form of a block. All integers big-endian. Version 1, written when every transaction carries its own
 * signature:
 *
 * <pre>
 * "BTNB" | version u8 (1) | number u64 | previous hash [32] | time u64 (epoch ms) | first sequence u64
 * | operator length u8 | operator (ASCII) | transaction count u32
 * | count × (transaction length u32 | transaction bytes | Ed25519 signature [64])
 * | operator signature [64]
 * </pre>
 *
 * <p>Version 2, written when a {@link BatchEnvelope} signs some of the transactions:
 *
 * <pre>
 * "BTNB" | version u8 (2) | number u64 | previous hash [32] | time u64 (epoch ms) | first sequence u64
 * | operator length u8 | operator (ASCII)
 * | envelope count u32 | envelopes × (id count u32 | ids [32 × id count] | Ed25519 signature [64])
 * | transaction count u32
 * | count × (transaction length u32 | transaction bytes | proof u8
 *            (0: Ed25519 signature [64] follows; 1: envelope index u32 follows))
 * | operator signature [64]
 * </pre>
 *
 * <p>The block hash is SHA-256 over everything before the operator signature; the operator signs
 * {@code "baton.ledger.block.v1\n" ‖ hash} (for both versions).
 */
final class BlockCodec {

    static final int SIGNATURE_LENGTH = 64;
    private static final byte[] MAGIC = {'B', 'T', 'N', 'B'};
    private static final int VERSION_OWN_SIGNATURES = 1;
    private static final int VERSION_ENVELOPES = 2;
    private static final int PROOF_SIGNATURE = 0;
    private static final int PROOF_ENVELOPE = 1;
    private static final int MAX_TRANSACTIONS = 1_000_000;
    private static final byte[] SIGNING_CONTEXT = "baton.ledger.block.v1\n".getBytes(StandardCharsets.US_ASCII);

    private BlockCodec() {
    }

    /** The block without its operator signature: what its hash covers. */
    static byte[] unsignedBytes(Block block) {
        boolean envelopes = !block.envelopes().isEmpty();
        byte[] operator = block.operator().value().getBytes(StandardCharsets.US_ASCII);
        int size = 4 + 1 + 8 + 32 + 8 + 8 + 1 + operator.length + 4;
        if (envelopes) {
            size += 4;
            for (BatchEnvelope envelope : block.envelopes()) {
                size += 4 + envelope.ids().length + SIGNATURE_LENGTH;
            }
        }
        for (BlockTx tx : block.transactions()) {
            size += 4 + tx.transaction().length + (envelopes ? 1 : 0)
                    + (tx.signature() != null ? SIGNATURE_LENGTH : 4);
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(MAGIC);
        out.put((byte) (envelopes ? VERSION_ENVELOPES : VERSION_OWN_SIGNATURES));
        out.putLong(block.number());
        out.put(block.previousHash().bytes());
        out.putLong(block.time().toEpochMilli());
        out.putLong(block.firstSequence());
        out.put((byte) operator.length);
        out.put(operator);
        if (envelopes) {
            out.putInt(block.envelopes().size());
            for (BatchEnvelope envelope : block.envelopes()) {
                out.putInt(envelope.count());
                out.put(envelope.ids());
                out.put(envelope.signature());
            }
        }
        out.putInt(block.transactions().size());
        for (BlockTx tx : block.transactions()) {
            out.putInt(tx.transaction().length);
            out.put(tx.transaction());
            if (tx.signature() != null) {
                if (envelopes) {
                    out.put((byte) PROOF_SIGNATURE);
                }
                out.put(tx.signature());
            } else {
                out.put((byte) PROOF_ENVELOPE);
                out.putInt(tx.envelope());
            }
        }
        if (out.hasRemaining()) {
            throw new IllegalStateException("block " + block.number() + " encoded short of its computed size");
        }
        return out.array();
    }

    /** The stored block: its unsigned bytes followed by the operator's signature. */
    static byte[] signedBytes(byte[] unsigned, byte[] operatorSignature) {
        if (operatorSignature.length != SIGNATURE_LENGTH) {
            throw new IllegalArgumentException("operator signature has " + operatorSignature.length + " bytes");
        }
        byte[] out = Arrays.copyOf(unsigned, unsigned.length + SIGNATURE_LENGTH);
        System.arraycopy(operatorSignature, 0, out, unsigned.length, SIGNATURE_LENGTH);
        return out;
    }

    /** The hash of a stored block (over all but its last 64 bytes). */
    static Sha256 hashOfStored(byte[] stored) {
        if (stored.length < SIGNATURE_LENGTH) {
            throw new IllegalArgumentException("block has " + stored.length + " bytes, fewer than a signature");
        }
        var digest = Sha256.newDigest();
        digest.update(stored, 0, stored.length - SIGNATURE_LENGTH);
        return Sha256.ofDigest(digest.digest());
    }

    static Sha256 hashOfUnsigned(byte[] unsigned) {
        return Sha256.hash(unsigned);
    }

    /** The operator signature of a stored block. */
    static byte[] operatorSignature(byte[] stored) {
        return Arrays.copyOfRange(stored, stored.length - SIGNATURE_LENGTH, stored.length);
    }

    /** What the operator signs for a block with this hash. */
    static byte[] signingPayload(Sha256 hash) {
        byte[] digest = hash.bytes();
        byte[] payload = Arrays.copyOf(SIGNING_CONTEXT, SIGNING_CONTEXT.length + digest.length);
        System.arraycopy(digest, 0, payload, SIGNING_CONTEXT.length, digest.length);
        return payload;
    }

    /**
     * Parses a stored block (the operator signature is not checked here).
     *
     * @throws IllegalArgumentException naming what is malformed
     */
    static Block decode(byte[] stored) {
        ByteBuffer in = ByteBuffer.wrap(stored);
        try {
            byte[] magic = new byte[4];
            in.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException("does not start with the block marker");
            }
            int version = in.get() & 0xff;
            if (version != VERSION_OWN_SIGNATURES && version != VERSION_ENVELOPES) {
                throw new IllegalArgumentException("has format version " + version + ", not "
                        + VERSION_OWN_SIGNATURES + " or " + VERSION_ENVELOPES);
            }
            long number = in.getLong();
            byte[] previous = new byte[32];
            in.get(previous);
            long time = in.getLong();
            if (time < 0) {
                throw new IllegalArgumentException("has a time before 1970");
            }
            long firstSequence = in.getLong();
            byte[] operator = new byte[in.get() & 0xff];
            in.get(operator);
            List<BatchEnvelope> envelopes = new ArrayList<>();
            if (version == VERSION_ENVELOPES) {
                int envelopeCount = in.getInt();
                if (envelopeCount < 1 || envelopeCount > MAX_TRANSACTIONS) {
                    throw new IllegalArgumentException("claims " + envelopeCount + " envelopes");
                }
                for (int e = 0; e < envelopeCount; e++) {
                    int ids = in.getInt();
                    if (ids < 1 || ids > BatchEnvelope.MAX_IDS
                            || (long) ids * BatchEnvelope.ID_LENGTH > in.remaining()) {
                        throw new IllegalArgumentException("envelope " + e + " claims " + ids + " ids");
                    }
                    byte[] joined = new byte[ids * BatchEnvelope.ID_LENGTH];
                    in.get(joined);
                    byte[] signature = new byte[SIGNATURE_LENGTH];
                    in.get(signature);
                    envelopes.add(new BatchEnvelope(joined, signature));
                }
            }
            int count = in.getInt();
            if (count < 1 || count > MAX_TRANSACTIONS) {
                throw new IllegalArgumentException("claims " + count + " transactions");
            }
            List<BlockTx> transactions = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int length = in.getInt();
                if (length < 1 || length > TransactionCodec.MAX_BYTES || length > in.remaining()) {
                    throw new IllegalArgumentException("transaction " + i + " claims " + length + " bytes");
                }
                byte[] transaction = new byte[length];
                in.get(transaction);
                int proof = version == VERSION_ENVELOPES ? in.get() & 0xff : PROOF_SIGNATURE;
                if (proof == PROOF_SIGNATURE) {
                    byte[] signature = new byte[SIGNATURE_LENGTH];
                    in.get(signature);
                    transactions.add(new BlockTx(transaction, signature, -1));
                } else if (proof == PROOF_ENVELOPE) {
                    int envelope = in.getInt();
                    if (envelope < 0 || envelope >= envelopes.size()) {
                        throw new IllegalArgumentException("transaction " + i + " names envelope " + envelope
                                + " of " + envelopes.size());
                    }
                    transactions.add(BlockTx.inEnvelope(transaction, envelope));
                } else {
                    throw new IllegalArgumentException("transaction " + i + " has unknown proof kind " + proof);
                }
            }
            if (in.remaining() != SIGNATURE_LENGTH) {
                throw new IllegalArgumentException("has " + in.remaining() + " bytes after its transactions, not a "
                        + SIGNATURE_LENGTH + "-byte signature");
            }
            return new Block(number, Sha256.ofDigest(previous), Instant.ofEpochMilli(time), firstSequence,
                    InstitutionId.of(new String(operator, StandardCharsets.US_ASCII)), envelopes, transactions);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("ends early, at byte " + in.position() + " of " + stored.length, e);
        }
    }
}
