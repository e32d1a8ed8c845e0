package org.baton.ledger.tx;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantId;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.trust.InstitutionId;

/**
 * Reads a {@code RECORD_RECEIPT} transaction in canonical form without a general JSON parser: it expects the
 * exact layout {@link TransactionCodec#encode} writes (keys in order, no whitespace, strings without escapes) and
 * gives up, returning null, at the first byte that does not fit. It proves nothing by itself: the caller accepts
 * the result only if encoding it gives back exactly the input bytes, and otherwise falls back to the general
 * parser, which also explains what is wrong.
 */
final class ReceiptTransactionReader {

    private final byte[] in;
    private int at;

    private ReceiptTransactionReader(byte[] in) {
        this.in = in;
    }

    /** How a canonical receipt transaction starts: any other transaction is told apart here, without a throw. */
    private static final String PREFIX = "{\"body\":{\"receipt\":{\"basis\":";

    /** The transaction, or null if {@code bytes} are not laid out as a canonical receipt transaction. */
    static LedgerTransaction read(byte[] bytes) {
        ReceiptTransactionReader reader = new ReceiptTransactionReader(bytes);
        if (!reader.next(PREFIX)) {
            return null;
        }
        try {
            return reader.transaction();
        } catch (IllegalArgumentException | IndexOutOfBoundsException | DateTimeException e) {
            return null;
        }
    }

    /** The rest of a receipt transaction, after {@link #PREFIX}. */
    private LedgerTransaction transaction() {
        LegalBasis basis = LegalBasis.valueOf(string());
        expect(",");
        Optional<GrantId> grant = Optional.empty();
        if (next("\"grant\":")) {
            grant = Optional.of(GrantId.of(string()));
            expect(",");
        }
        expect("\"id\":");
        ReceiptId id = ReceiptId.of(string());
        expect(",\"packageHash\":");
        Sha256 packageHash = Sha256.ofHex(string());
        expect(",\"recipient\":");
        InstitutionId recipient = InstitutionId.of(string());
        expect(",\"scopes\":[");
        List<Scope> scopes = new ArrayList<>(4);
        do {
            scopes.add(Scope.valueOf(string()));
        } while (next(","));
        expect("],\"sender\":");
        InstitutionId sender = InstitutionId.of(string());
        expect(",\"sentAt\":");
        Instant sentAt = Instant.ofEpochMilli(number());
        expect("}},\"createdAt\":");
        Instant createdAt = Instant.ofEpochMilli(number());
        expect(",\"nonce\":");
        String nonce = string();
        expect(",\"submitter\":");
        InstitutionId submitter = InstitutionId.of(string());
        expect(",\"type\":\"" + TxBody.RecordReceipt.TYPE + "\",\"version\":");
        long version = number();
        expect("}");
        if (at != in.length || version != LedgerTransaction.VERSION) {
            return null;
        }
        ExchangeReceipt receipt = new ExchangeReceipt(id, basis, grant, sender, recipient, Set.copyOf(scopes),
                packageHash, sentAt);
        return new LedgerTransaction(LedgerTransaction.VERSION, submitter, nonce, createdAt,
                new TxBody.RecordReceipt(receipt));
    }

    /** Consumes {@code ascii} or throws. */
    private void expect(String ascii) {
        if (!next(ascii)) {
            throw new IllegalArgumentException("unexpected layout");
        }
    }

    /** Consumes {@code ascii} if it comes next. */
    private boolean next(String ascii) {
        int n = ascii.length();
        if (at + n > in.length) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (in[at + i] != ascii.charAt(i)) {
                return false;
            }
        }
        at += n;
        return true;
    }

    /** A quoted string of printable ASCII without escapes. */
    private String string() {
        expect("\"");
        int start = at;
        while (in[at] != '"') {
            if (in[at] < 0x20 || in[at] == '\\') {
                throw new IllegalArgumentException("string needs the general parser");
            }
            at++;
        }
        String value = new String(in, start, at - start, StandardCharsets.ISO_8859_1);
        at++;
        return value;
    }

    /** A non-negative integer of at most 18 digits, without leading zeros. */
    private long number() {
        int start = at;
        long value = 0;
        while (at < in.length && in[at] >= '0' && in[at] <= '9') {
            value = value * 10 + (in[at] - '0');
            at++;
        }
        int digits = at - start;
        if (digits == 0 || digits > 18 || (digits > 1 && in[start] == '0')) {
            throw new IllegalArgumentException("number needs the general parser");
        }
        return value;
    }
}
