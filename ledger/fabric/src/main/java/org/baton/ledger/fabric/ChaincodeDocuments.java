package org.baton.ledger.fabric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.baton.ledger.Acknowledged;
import org.baton.ledger.Committed;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.Page;
import org.baton.ledger.PageToken;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.TxId;
import org.baton.ledger.json.CanonicalJson;
import org.baton.ledger.json.JsonFields;
import org.baton.ledger.json.LedgerJson;

/**
 * Reads the documents the chaincode returns (docs/fabric.md, "World state"): a record whose commits carry the
 * placeholder sequence, and the Fabric transaction of each commit, whose position gives the real sequence.
 */
final class ChaincodeDocuments {

    private final ChannelBlocks blocks;

    ChaincodeDocuments(ChannelBlocks blocks) {
        this.blocks = Objects.requireNonNull(blocks, "blocks");
    }

    /** A grant document, or empty for the empty result. */
    Optional<GrantRecord> grant(byte[] result) {
        return result.length == 0 ? Optional.empty() : Optional.of(grant(CanonicalJson.read(result)));
    }

    /** A receipt document, or empty for the empty result. */
    Optional<ReceiptRecord> receipt(byte[] result) {
        return result.length == 0 ? Optional.empty() : Optional.of(receipt(CanonicalJson.read(result)));
    }

    /** A transaction document ({@code {"committedAt","fabricTx","txId"}}), or empty for the empty result. */
    Optional<Committed> transaction(byte[] result) {
        if (result.length == 0) {
            return Optional.empty();
        }
        JsonFields document = CanonicalJson.read(result);
        return Optional.of(new Committed(document.parsed("txId", TxId::of),
                blocks.sequenceOf(document.string("fabricTx")), LedgerJson.instant(document, "committedAt")));
    }

    /** The commit a {@code Submit} returned, committed in block {@code number}. */
    Committed submitted(byte[] result, long number) {
        JsonFields document = CanonicalJson.read(result);
        return new Committed(document.parsed("txId", TxId::of),
                blocks.sequenceIn(number, document.string("fabricTx")), LedgerJson.instant(document, "committedAt"));
    }

    /** {@code {"items":[<receipt document>,…]}}. */
    List<ReceiptRecord> receipts(byte[] result) {
        return items(CanonicalJson.read(result), this::receipt);
    }

    /** A page of grant documents. */
    Page<GrantRecord> grantPage(byte[] result) {
        return page(result, this::grant);
    }

    /** A page of receipt documents. */
    Page<ReceiptRecord> receiptPage(byte[] result) {
        return page(result, this::receipt);
    }

    private <T> Page<T> page(byte[] result, Function<JsonFields, T> parse) {
        JsonFields page = CanonicalJson.read(result);
        return new Page<>(items(page, parse), page.optionalParsed("next", PageToken::of));
    }

    private static <T> List<T> items(JsonFields document, Function<JsonFields, T> parse) {
        JsonNode items = document.node().get("items");
        if (!(items instanceof ArrayNode array)) {
            throw new IllegalArgumentException(document.path() + ".items: not an array");
        }
        List<T> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof ObjectNode item)) {
                throw new IllegalArgumentException(document.path() + ".items[" + i + "]: not an object");
            }
            out.add(parse.apply(new JsonFields(document.path() + ".items[" + i + "]", item)));
        }
        return out;
    }

    private GrantRecord grant(JsonFields document) {
        Function<Committed, Committed> stamp = stamper(document);
        GrantRecord record = LedgerJson.parseGrantRecord(document.object("record"));
        return new GrantRecord(record.grant(), stamp.apply(record.created()), record.revoked().map(stamp));
    }

    private ReceiptRecord receipt(JsonFields document) {
        Function<Committed, Committed> stamp = stamper(document);
        ReceiptRecord record = LedgerJson.parseReceiptRecord(document.object("record"));
        return new ReceiptRecord(record.receipt(), stamp.apply(record.recorded()), record.acknowledged()
                .map(acknowledged -> new Acknowledged(acknowledged.acknowledgment(),
                        stamp.apply(acknowledged.committed()))));
    }

    /** Gives each commit of a document the sequence of the Fabric transaction the document names for it. */
    private Function<Committed, Committed> stamper(JsonFields document) {
        JsonFields fabricTx = document.object("fabricTx");
        Map<String, String> byTxId = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : fabricTx.node().properties()) {
            byTxId.put(entry.getKey(), fabricTx.string(entry.getKey()));
        }
        return committed -> {
            String fabric = byTxId.get(committed.txId().value());
            if (fabric == null) {
                throw new IllegalArgumentException(document.path() + ".fabricTx: names no Fabric transaction for "
                        + committed.txId());
            }
            return new Committed(committed.txId(), blocks.sequenceOf(fabric), committed.committedAt());
        };
    }

    /** A chaincode argument: UTF-8 text. */
    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
