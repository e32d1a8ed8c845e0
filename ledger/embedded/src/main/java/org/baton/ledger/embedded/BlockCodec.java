package org.baton.ledger.embedded;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.baton.ledger.Sha256;
import org.baton.ledger.tx.SignedTransaction;
import org.baton.ledger.tx.TransactionCodec;
import org.baton.trust.InstitutionId;

/**
 * The byte form of a block, version 1. All integers big-endian:
 *
 * <pre>
 * "BTNB" | version u8 (1) | number u64 | previous hash [32] | time u64 (epoch ms) | first sequence u64
 * | operator length u8 | operator (ASCII) | transaction count u32
 * | count × (transaction length u32 | transaction bytes | Ed25519 signature [64])
 * | operator signature [64]
 * </pre>
 *
 * <p>The block hash is SHA-256 over everything before the operator signature; the operator signs
 * {@code "baton.ledger.block.v1\n" ‖ hash}.
 */
final class BlockCodec {

    static final int SIGNATURE_LENGTH = 64;
    private static final byte[] MAGIC = {'B', 'T', 'N', 'B'};
    private static final int VERSION = 1;
    private static final int MAX_TRANSACTIONS = 1_000_000;
    private static final byte[] SIGNING_CONTEXT = "baton.ledger.block.v1\n".getBytes(StandardCharsets.US_ASCII);

    private BlockCodec() {
    }

    /** The block without its operator signature: what its hash covers. */
    static byte[] unsignedBytes(Block block) {
        int size = 4 + 1 + 8 + 32 + 8 + 8 + 1 + block.operator().value().length() + 4;
        for (SignedTransaction tx : block.transactions()) {
            size += 4 + tx.transaction().length + SIGNATURE_LENGTH;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(size);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeByte(VERSION);
            out.writeLong(block.number());
            out.write(block.previousHash().bytes());
            out.writeLong(block.time().toEpochMilli());
            out.writeLong(block.firstSequence());
            byte[] operator = block.operator().value().getBytes(StandardCharsets.US_ASCII);
            out.writeByte(operator.length);
            out.write(operator);
            out.writeInt(block.transactions().size());
            for (SignedTransaction tx : block.transactions()) {
                byte[] transaction = tx.transaction();
                out.writeInt(transaction.length);
                out.write(transaction);
                out.write(tx.signature());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
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
            if (version != VERSION) {
                throw new IllegalArgumentException("has format version " + version + ", not " + VERSION);
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
            int count = in.getInt();
            if (count < 1 || count > MAX_TRANSACTIONS) {
                throw new IllegalArgumentException("claims " + count + " transactions");
            }
            List<SignedTransaction> transactions = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int length = in.getInt();
                if (length < 1 || length > TransactionCodec.MAX_BYTES || length > in.remaining()) {
                    throw new IllegalArgumentException("transaction " + i + " claims " + length + " bytes");
                }
                byte[] transaction = new byte[length];
                in.get(transaction);
                byte[] signature = new byte[SIGNATURE_LENGTH];
                in.get(signature);
                transactions.add(new SignedTransaction(transaction, signature));
            }
            if (in.remaining() != SIGNATURE_LENGTH) {
                throw new IllegalArgumentException("has " + in.remaining() + " bytes after its transactions, not a "
                        + SIGNATURE_LENGTH + "-byte signature");
            }
            return new Block(number, Sha256.ofDigest(previous), Instant.ofEpochMilli(time), firstSequence,
                    InstitutionId.of(new String(operator, StandardCharsets.US_ASCII)), transactions);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("ends early, at byte " + in.position() + " of " + stored.length, e);
        }
    }
}
