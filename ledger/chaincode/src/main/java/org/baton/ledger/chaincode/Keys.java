package org.baton.ledger.chaincode;

import java.time.Instant;
import java.util.Locale;
import org.baton.ledger.GrantId;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.TxId;
import org.baton.trust.InstitutionId;

/**
 * The world-state keys of docs/fabric.md. An index key ends {@code /<order>/<id>}, where {@code <order>} is the
 * creating transaction's timestamp in nanoseconds, 20 digits, then {@code .} and its Fabric transaction id: so a key
 * range of an index is in transaction-time order, and a time range is a key range. Numbers are written in ASCII
 * digits whatever the JVM's locale: every peer must write the same keys.
 */
final class Keys {

    static final String GRANT = "grant/";
    static final String RECEIPT = "receipt/";
    static final String TX = "tx/";
    static final String GRANTS_BY_INSTITUTION = "ix/grant-inst/";
    static final String RECEIPTS_BY_INSTITUTION = "ix/receipt-inst/";
    static final String RECEIPTS_BY_GRANT = "ix/receipt-grant/";

    /** The largest time part of an order: 20 nines, later than any nanosecond timestamp a {@code long} holds. */
    private static final String LAST_TIME = "99999999999999999999";
    /** From this many milliseconds on, the time in nanoseconds has more than 20 digits. */
    private static final long FIRST_MILLIS_OVER_20_DIGITS = 100_000_000_000_000L;

    private Keys() {
    }

    static String grant(GrantId id) {
        return GRANT + id.value();
    }

    static String receipt(ReceiptId id) {
        return RECEIPT + id.value();
    }

    static String transaction(TxId id) {
        return TX + id.value();
    }

    /** The {@code <order>} of a transaction with this Fabric timestamp and id. */
    static String order(Instant timestamp, String fabricTxId) {
        if (timestamp.isBefore(Instant.EPOCH)) {
            throw new IllegalStateException("Fabric transaction " + fabricTxId + " has timestamp " + timestamp
                    + ", before 1970-01-01T00:00:00Z");
        }
        long nanos = Math.addExact(Math.multiplyExact(timestamp.getEpochSecond(), 1_000_000_000L), timestamp.getNano());
        return String.format(Locale.ROOT, "%020d", nanos) + "." + fabricTxId;
    }

    /**
     * The first time part of an order at or after {@code epochMillis} (which is not negative): the milliseconds in
     * nanoseconds, 20 digits, written as digits (the nanoseconds of a late millisecond overflow a {@code long}).
     */
    static String time(long epochMillis) {
        if (epochMillis >= FIRST_MILLIS_OVER_20_DIGITS) {
            return LAST_TIME;
        }
        return String.format(Locale.ROOT, "%014d", epochMillis) + "000000";
    }

    static String grantsByInstitution(InstitutionId institution) {
        return GRANTS_BY_INSTITUTION + institution.value() + "/";
    }

    static String receiptsByInstitution(InstitutionId institution) {
        return RECEIPTS_BY_INSTITUTION + institution.value() + "/";
    }

    static String receiptsByGrant(GrantId grant) {
        return RECEIPTS_BY_GRANT + grant.value() + "/";
    }

    /** The id an index key ends with. */
    static String indexedId(String indexKey) {
        return indexKey.substring(indexKey.lastIndexOf('/') + 1);
    }

    /** The key range of every key that starts with {@code prefix}, which ends with {@code /}. */
    static Range prefixed(String prefix) {
        return new Range(prefix, prefix.substring(0, prefix.length() - 1) + (char) ('/' + 1));
    }

    /**
     * Keys from {@code start} (included) to {@code end} (excluded), in the byte order of their UTF-8 encoding, as
     * Fabric ranges them.
     */
    record Range(String start, String end) {

        /**
         * True if {@code key} is in this range. The bounds are ASCII, against which a string's UTF-16 order agrees
         * with its byte order.
         */
        boolean contains(String key) {
            return key.compareTo(start) >= 0 && key.compareTo(end) < 0;
        }
    }
}
