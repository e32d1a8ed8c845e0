package org.baton.ledger.embedded;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.baton.ledger.Sha256;
import org.baton.ledger.TxId;
import org.baton.trust.SigningKey;
import org.baton.trust.VerifyingKey;

/**
 * One Ed25519 signature by a submitter over an ordered list of transaction ids: the proof that it signed each
 * transaction of a {@code SubmitTransactions} batch, at the cost of one signature for the whole batch. Since a
 * transaction id is the SHA-256 of its canonical bytes, the signature binds every byte of every transaction it
 * lists, exactly as a signature of its own would. Blocks store the envelope, so the chain stays verifiable.
 *
 * <p>The submitter signs {@code "baton.ledger.batch.v1\n" ‖ count (u32, big-endian) ‖ count × id (32 bytes)}.
 *
 * @param ids the concatenated 32-byte ids, in batch order (copied in; not copied out, package-private use only)
 * @param signature the 64-byte Ed25519 signature
 */
record BatchEnvelope(byte[] ids, byte[] signature) {

    /** The most ids in one envelope. */
    static final int MAX_IDS = 100_000;
    static final int ID_LENGTH = 32;
    private static final byte[] SIGNING_CONTEXT = "baton.ledger.batch.v1\n".getBytes(StandardCharsets.US_ASCII);

    BatchEnvelope {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(signature, "signature");
        if (ids.length == 0 || ids.length % ID_LENGTH != 0 || ids.length / ID_LENGTH > MAX_IDS) {
            throw new IllegalArgumentException("batch envelope ids have " + ids.length
                    + " bytes, not 1.." + MAX_IDS + " ids of " + ID_LENGTH + " bytes");
        }
        if (signature.length != BlockCodec.SIGNATURE_LENGTH) {
            throw new IllegalArgumentException("batch signature has " + signature.length + " bytes, not "
                    + BlockCodec.SIGNATURE_LENGTH);
        }
        ids = ids.clone();
        signature = signature.clone();
    }

    /** Signs these 32-byte transaction ids, in order, with {@code key}. */
    static BatchEnvelope sign(List<byte[]> ids, SigningKey key) {
        byte[] joined = join(ids);
        return new BatchEnvelope(joined, key.sign(payload(joined)));
    }

    /** The concatenation of 32-byte ids. */
    static byte[] join(List<byte[]> ids) {
        byte[] joined = new byte[ids.size() * ID_LENGTH];
        for (int i = 0; i < ids.size(); i++) {
            byte[] id = ids.get(i);
            if (id.length != ID_LENGTH) {
                throw new IllegalArgumentException("id " + i + " has " + id.length + " bytes");
            }
            System.arraycopy(id, 0, joined, i * ID_LENGTH, ID_LENGTH);
        }
        return joined;
    }

    /** What the submitter signs for these concatenated ids. */
    static byte[] payload(byte[] joinedIds) {
        int count = joinedIds.length / ID_LENGTH;
        byte[] payload = Arrays.copyOf(SIGNING_CONTEXT, SIGNING_CONTEXT.length + 4 + joinedIds.length);
        int at = SIGNING_CONTEXT.length;
        payload[at] = (byte) (count >>> 24);
        payload[at + 1] = (byte) (count >>> 16);
        payload[at + 2] = (byte) (count >>> 8);
        payload[at + 3] = (byte) count;
        System.arraycopy(joinedIds, 0, payload, at + 4, joinedIds.length);
        return payload;
    }

    int count() {
        return ids.length / ID_LENGTH;
    }

    /** True if the signature verifies under {@code key}. */
    boolean verifiedBy(VerifyingKey key) {
        return key.verify(payload(ids), signature);
    }

    /** The ids listed, for membership checks. */
    Set<TxId> idSet() {
        Set<TxId> out = new HashSet<>(count() * 2);
        for (int i = 0; i < count(); i++) {
            out.add(TxId.of(Sha256.ofDigest(Arrays.copyOfRange(ids, i * ID_LENGTH, (i + 1) * ID_LENGTH))));
        }
        return out;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BatchEnvelope envelope && Arrays.equals(ids, envelope.ids)
                && Arrays.equals(signature, envelope.signature);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "BatchEnvelope[" + count() + " ids]";
    }
}
