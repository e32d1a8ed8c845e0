package org.baton.ledger.chaincode;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.baton.ledger.Committed;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.TxId;
import org.baton.ledger.json.CanonicalJson;
import org.baton.ledger.json.JsonFields;
import org.baton.ledger.json.LedgerJson;

/**
 * The documents the chaincode stores and returns, in canonical JSON (docs/fabric.md, "World state"):
 *
 * <ul>
 *   <li>a record document, {@code {"fabricTx":{<baton tx id>:<fabric tx id>,…},"record":<record>}}: the record, whose
 *       commits carry the placeholder sequence, and for each of its commits the Fabric transaction that made it;
 *   <li>a transaction document, {@code {"committedAt":<epoch ms>,"fabricTx":"<fabric tx id>","txId":"<baton tx id>"}}.
 * </ul>
 */
final class Documents {

    private Documents() {
    }

    /** A grant record and the Fabric transaction of each of its commits. */
    record StoredGrant(GrantRecord record, Map<TxId, String> fabricTx) {
        StoredGrant {
            Objects.requireNonNull(record, "record");
            fabricTx = Map.copyOf(fabricTx);
        }
    }

    /** A receipt record and the Fabric transaction of each of its commits. */
    record StoredReceipt(ReceiptRecord record, Map<TxId, String> fabricTx) {
        StoredReceipt {
            Objects.requireNonNull(record, "record");
            fabricTx = Map.copyOf(fabricTx);
        }
    }

    static byte[] encode(StoredGrant grant) {
        return document(grant.fabricTx(), LedgerJson.fields(grant.record()));
    }

    static byte[] encode(StoredReceipt receipt) {
        return document(receipt.fabricTx(), LedgerJson.fields(receipt.record()));
    }

    /**
     * The grant document stored under {@code key}.
     *
     * @throws IllegalStateException if it is not one: the world state is not what this chaincode writes
     */
    static StoredGrant decodeGrant(String key, byte[] document) {
        try {
            JsonFields fields = CanonicalJson.read(document);
            return new StoredGrant(LedgerJson.parseGrantRecord(fields.object("record")), fabricTx(fields));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("world state key " + key + " holds no grant document: " + e.getMessage(),
                    e);
        }
    }

    /**
     * The receipt document stored under {@code key}.
     *
     * @throws IllegalStateException if it is not one: the world state is not what this chaincode writes
     */
    static StoredReceipt decodeReceipt(String key, byte[] document) {
        try {
            JsonFields fields = CanonicalJson.read(document);
            return new StoredReceipt(LedgerJson.parseReceiptRecord(fields.object("record")), fabricTx(fields));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("world state key " + key + " holds no receipt document: " + e.getMessage(),
                    e);
        }
    }

    /** The transaction document of {@code committed}, made by Fabric transaction {@code fabricTxId}. */
    static byte[] transaction(Committed committed, String fabricTxId) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("committedAt", committed.committedAt().toEpochMilli());
        document.put("fabricTx", fabricTxId);
        document.put("txId", committed.txId().value());
        return CanonicalJson.write(document);
    }

    private static byte[] document(Map<TxId, String> fabricTx, Map<String, Object> record) {
        Map<String, Object> byTxId = new TreeMap<>();
        fabricTx.forEach((txId, fabric) -> byTxId.put(txId.value(), fabric));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("fabricTx", byTxId);
        document.put("record", record);
        return CanonicalJson.write(document);
    }

    private static Map<TxId, String> fabricTx(JsonFields document) {
        JsonFields fabricTx = document.object("fabricTx");
        Map<TxId, String> byTxId = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : fabricTx.node().properties()) {
            byTxId.put(TxId.of(entry.getKey()), fabricTx.string(entry.getKey()));
        }
        return byTxId;
    }
}
