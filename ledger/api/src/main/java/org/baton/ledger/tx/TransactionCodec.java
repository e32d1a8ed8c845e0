package org.baton.ledger.tx;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.baton.ledger.GrantId;
import org.baton.ledger.Sha256;
import org.baton.ledger.TxId;
import org.baton.ledger.json.CanonicalJson;
import org.baton.ledger.json.JsonFields;
import org.baton.ledger.json.LedgerJson;
import org.baton.trust.InstitutionId;

/**
 * The canonical byte form of a {@link LedgerTransaction}:
 *
 * <pre>{"body":{…},"createdAt":&lt;epoch ms&gt;,"nonce":"&lt;hex&gt;","submitter":"&lt;institution&gt;","type":"&lt;TYPE&gt;","version":1}</pre>
 *
 * <p>where {@code body} is {@code {"grant":<grant>}} for {@code CREATE_GRANT}, {@code {"grant":"<grant id>"}}
 * for {@code REVOKE_GRANT}, {@code {"receipt":<receipt>}} for {@code RECORD_RECEIPT} and
 * {@code {"acknowledgment":<acknowledgment>}} for {@code ACKNOWLEDGE_RECEIPT} — with
 * {@code "expectedReceipt":"<receipt digest>"} after it when the acceptance names the receipt it expects — each in
 * the form of
 * {@link LedgerJson}.
 */
public final class TransactionCodec {

    /** The largest transaction accepted, in bytes. */
    public static final int MAX_BYTES = 16 * 1024;

    private static final byte[] SIGNING_CONTEXT = "baton.ledger.tx.v1\n".getBytes(StandardCharsets.US_ASCII);

    private TransactionCodec() {
    }

    /** The canonical bytes of {@code tx}. */
    public static byte[] encode(LedgerTransaction tx) {
        Objects.requireNonNull(tx, "tx");
        if (tx.body() instanceof TxBody.RecordReceipt record) {
            // The common transaction, written field by field (the same bytes as the general path below).
            CanonicalJson.Writer out = new CanonicalJson.Writer();
            LedgerJson.write(out.object("body").object("receipt"), record.receipt()).end().end();
            return out.number("createdAt", tx.createdAt().toEpochMilli())
                    .string("nonce", tx.nonce())
                    .string("submitter", tx.submitter().value())
                    .string("type", TxBody.RecordReceipt.TYPE)
                    .number("version", tx.version())
                    .finish();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        TxBody b = tx.body();
        if (b instanceof TxBody.CreateGrant create) {
            body.put("grant", LedgerJson.fields(create.grant()));
        } else if (b instanceof TxBody.RevokeGrant revoke) {
            body.put("grant", revoke.grant().value());
        } else if (b instanceof TxBody.RecordReceipt record) {
            body.put("receipt", LedgerJson.fields(record.receipt()));
        } else if (b instanceof TxBody.AcknowledgeReceipt ack) {
            body.put("acknowledgment", LedgerJson.fields(ack.acknowledgment()));
            ack.expectedReceipt().ifPresent(digest -> body.put("expectedReceipt", digest.hex()));
        } else {
            throw new IllegalStateException("unknown transaction body " + b.getClass().getName());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", tx.version());
        out.put("type", b.type());
        out.put("submitter", tx.submitter().value());
        out.put("nonce", tx.nonce());
        out.put("createdAt", tx.createdAt().toEpochMilli());
        out.put("body", body);
        return CanonicalJson.write(out);
    }

    /**
     * Parses a transaction, which must be in canonical form: exactly the bytes {@link #encode} would write for
     * it (so no unknown field, no reordering, no whitespace).
     *
     * @throws IllegalArgumentException naming the first problem
     */
    public static LedgerTransaction decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("transaction has " + bytes.length + " bytes, over the limit of " + MAX_BYTES);
        }
        LedgerTransaction fast = ReceiptTransactionReader.read(bytes);
        if (fast != null && Arrays.equals(encode(fast), bytes)) {
            return fast;
        }
        JsonFields in = CanonicalJson.read(bytes);
        long version = in.integer("version");
        if (version != LedgerTransaction.VERSION) {
            throw new IllegalArgumentException("transaction version " + version + " is not " + LedgerTransaction.VERSION);
        }
        String type = in.string("type");
        JsonFields body = in.object("body");
        TxBody parsed = switch (type) {
            case TxBody.CreateGrant.TYPE -> new TxBody.CreateGrant(LedgerJson.parseGrant(body.object("grant")));
            case TxBody.RevokeGrant.TYPE -> new TxBody.RevokeGrant(body.parsed("grant", GrantId::of));
            case TxBody.RecordReceipt.TYPE -> new TxBody.RecordReceipt(LedgerJson.parseReceipt(body.object("receipt")));
            case TxBody.AcknowledgeReceipt.TYPE ->
                    new TxBody.AcknowledgeReceipt(LedgerJson.parseAcknowledgment(body.object("acknowledgment")),
                            body.optionalParsed("expectedReceipt", Sha256::ofHex));
            default -> throw new IllegalArgumentException("$.type '" + type + "' is not a known transaction type");
        };
        LedgerTransaction tx = new LedgerTransaction(
                LedgerTransaction.VERSION,
                in.parsed("submitter", InstitutionId::of),
                in.string("nonce"),
                LedgerJson.instant(in, "createdAt"),
                parsed);
        if (!Arrays.equals(encode(tx), bytes)) {
            throw new IllegalArgumentException("transaction is not in canonical form (field order, spacing, "
                    + "unknown fields, or unsorted sets)");
        }
        return tx;
    }

    /** The id of the transaction with these canonical bytes: their SHA-256. */
    public static TxId txId(byte[] canonical) {
        return TxId.of(Sha256.hash(canonical));
    }

    /**
     * The bytes a submitter signs: a fixed context string followed by the canonical transaction, so that a
     * transaction signature can never be mistaken for a signature over anything else the same key signs.
     */
    public static byte[] signingPayload(byte[] canonical) {
        byte[] payload = Arrays.copyOf(SIGNING_CONTEXT, SIGNING_CONTEXT.length + canonical.length);
        System.arraycopy(canonical, 0, payload, SIGNING_CONTEXT.length, canonical.length);
        return payload;
    }
}
