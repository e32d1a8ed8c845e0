package org.baton.ledger.chaincode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.baton.ledger.GrantId;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.TxId;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;

/**
 * The chaincode's queries (docs/fabric.md, "Queries"). Each returns documents exactly as stored; a list is
 * {@code {"items":[…]}}, a page {@code {"items":[…],"next":"<token>"}} without {@code next} on the last page.
 */
final class Queries {

    private static final byte[] NOTHING = new byte[0];

    private final ChaincodeStub stub;

    Queries(ChaincodeStub stub) {
        this.stub = Objects.requireNonNull(stub, "stub");
    }

    /** The grant document, or no bytes. */
    byte[] grant(String grantId) {
        return document(Keys.grant(QueryArguments.parsed("grant id", grantId, GrantId::of)));
    }

    /** The receipt document, or no bytes. */
    byte[] receipt(String receiptId) {
        return document(Keys.receipt(QueryArguments.parsed("receipt id", receiptId, ReceiptId::of)));
    }

    /** The transaction document, or no bytes. */
    byte[] transaction(String txId) {
        return document(Keys.transaction(QueryArguments.parsed("transaction id", txId, TxId::of)));
    }

    /** Every receipt recorded under the grant, in transaction-time order. */
    byte[] receiptsByGrant(String grantId) {
        GrantId grant = QueryArguments.parsed("grant id", grantId, GrantId::of);
        Keys.Range range = Keys.prefixed(Keys.receiptsByGrant(grant));
        Items items = new Items();
        try (QueryResultsIterator<KeyValue> entries = stub.getStateByRange(range.start(), range.end())) {
            for (KeyValue entry : entries) {
                items.add(indexed(Keys.RECEIPT, entry.getKey()));
            }
        }
        return items.finish(null);
    }

    /** A page of the grants an institution attests, receives or is a named source of. */
    byte[] grantsByInstitution(String institution, String from, String until, String pageSize, String pageToken) {
        return page(PageQuery.parse(Keys::grantsByInstitution, institution, from, until, pageSize, pageToken),
                Keys.GRANT);
    }

    /** A page of the receipts an institution sent or received. */
    byte[] receiptsByInstitution(String institution, String from, String until, String pageSize, String pageToken) {
        return page(PageQuery.parse(Keys::receiptsByInstitution, institution, from, until, pageSize, pageToken),
                Keys.RECEIPT);
    }

    private byte[] page(PageQuery query, String documents) {
        Items items = new Items();
        String last = null;
        String next = null;
        try (QueryResultsIterator<KeyValue> entries = stub.getStateByRange(query.start(), query.range().end())) {
            for (KeyValue entry : entries) {
                if (items.count() == query.size()) {
                    next = PageQuery.token(last);
                    break;
                }
                items.add(indexed(documents, entry.getKey()));
                last = entry.getKey();
            }
        }
        return items.finish(next);
    }

    private byte[] document(String key) {
        byte[] document = stub.getState(key);
        return StubLedgerState.present(document) ? document : NOTHING;
    }

    /** The document an index entry points to, which the transaction that wrote the entry wrote too. */
    private byte[] indexed(String documents, String indexKey) {
        String key = documents + Keys.indexedId(indexKey);
        byte[] document = stub.getState(key);
        if (!StubLedgerState.present(document)) {
            throw new IllegalStateException("index entry " + indexKey + " points to " + key + ", which is not in the"
                    + " world state");
        }
        return document;
    }

    /** Writes {@code {"items":[…]}} (and {@code "next"}) from documents already in canonical JSON. */
    private static final class Items {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int count;

        Items() {
            out.writeBytes("{\"items\":[".getBytes(StandardCharsets.US_ASCII));
        }

        void add(byte[] document) {
            if (count > 0) {
                out.write(',');
            }
            out.writeBytes(document);
            count++;
        }

        int count() {
            return count;
        }

        /** Closes the list; {@code next} (a base64url token, which needs no escaping) is null on the last page. */
        byte[] finish(String next) {
            out.write(']');
            if (next != null) {
                out.writeBytes((",\"next\":\"" + next + "\"").getBytes(StandardCharsets.US_ASCII));
            }
            out.write('}');
            return out.toByteArray();
        }
    }
}
