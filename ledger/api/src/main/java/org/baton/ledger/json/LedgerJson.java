package org.baton.ledger.json;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.baton.ledger.Acknowledged;
import org.baton.ledger.Acknowledgment;
import org.baton.ledger.Committed;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.EventType;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.GrantorRole;
import org.baton.ledger.LedgerEvent;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.Purpose;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.RejectionReason;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.ledger.Sources;
import org.baton.ledger.SubjectCommitment;
import org.baton.ledger.TxId;
import org.baton.ledger.Verdict;
import org.baton.trust.InstitutionId;

/**
 * Maps the ledger's records to and from canonical JSON. The {@code encode}/{@code decode} pairs work on whole
 * documents (the bytes a backend stores); the {@code fields}/{@code parse} pairs on nested objects, for
 * composing larger documents such as transactions.
 *
 * <p>Decoding throws {@link IllegalArgumentException} naming the path of the first bad field.
 */
public final class LedgerJson {

    private LedgerJson() {
    }

    // ---- whole documents ----

    public static byte[] encodeGrantRecord(GrantRecord record) {
        return CanonicalJson.write(fields(record));
    }

    public static GrantRecord decodeGrantRecord(byte[] json) {
        return parseGrantRecord(CanonicalJson.read(json));
    }

    /** The same bytes as {@code CanonicalJson.write(fields(record))}, written directly (the sequencer's hot path). */
    public static byte[] encodeReceiptRecord(ReceiptRecord record) {
        Objects.requireNonNull(record, "record");
        CanonicalJson.Writer out = new CanonicalJson.Writer();
        // Keys in canonical order: acknowledged < receipt < recorded.
        record.acknowledged().ifPresent(ack -> {
            out.object("acknowledged");
            write(out.object("acknowledgment"), ack.acknowledgment()).end();
            committed(out.object("committed"), ack.committed()).end();
            out.end();
        });
        write(out.object("receipt"), record.receipt()).end();
        committed(out.object("recorded"), record.recorded()).end();
        return out.finish();
    }

    /**
     * Writes the fields of {@code acknowledgment} into the open object of {@code out}: the same bytes as
     * {@code fields(acknowledgment)} would give.
     */
    private static CanonicalJson.Writer write(CanonicalJson.Writer out, Acknowledgment acknowledgment) {
        // Keys in canonical order: reason < receipt < verdict.
        acknowledgment.reason().ifPresent(reason -> out.string("reason", reason.name()));
        out.string("receipt", acknowledgment.receipt().value());
        return out.string("verdict", acknowledgment.verdict().name());
    }

    /**
     * Writes the fields of {@code receipt} into the open object of {@code out}: the same bytes as
     * {@code fields(receipt)} would give.
     */
    public static CanonicalJson.Writer write(CanonicalJson.Writer out, ExchangeReceipt receipt) {
        Objects.requireNonNull(receipt, "receipt");
        out.string("basis", receipt.basis().name());
        receipt.grant().ifPresent(grant -> out.string("grant", grant.value()));
        out.string("id", receipt.id().value());
        out.string("packageHash", receipt.packageHash().hex());
        out.string("recipient", receipt.recipient().value());
        out.strings("scopes", sortedNames(receipt.scopes()));
        out.string("sender", receipt.sender().value());
        return out.number("sentAt", receipt.sentAt().toEpochMilli());
    }

    /** Writes the fields of {@code committed} (committedAt < sequence < txId) into the open object. */
    private static CanonicalJson.Writer committed(CanonicalJson.Writer out, Committed committed) {
        return out.number("committedAt", committed.committedAt().toEpochMilli())
                .number("sequence", committed.sequence())
                .string("txId", committed.txId().value());
    }

    private static String[] sortedNames(Set<Scope> scopes) {
        String[] names = new String[scopes.size()];
        int i = 0;
        for (Scope scope : scopes) {
            names[i++] = scope.name();
        }
        java.util.Arrays.sort(names);
        return names;
    }

    public static ReceiptRecord decodeReceiptRecord(byte[] json) {
        return parseReceiptRecord(CanonicalJson.read(json));
    }

    /** The same bytes as {@code CanonicalJson.write(fields(event))}, written directly (the sequencer's hot path). */
    public static byte[] encodeEvent(LedgerEvent event) {
        Objects.requireNonNull(event, "event");
        CanonicalJson.Writer out = new CanonicalJson.Writer();
        // Keys in canonical order: acknowledgment < committedAt < grant < receipt < sequence < submitter < txId <
        // type.
        event.acknowledgment().ifPresent(acknowledgment -> write(out.object("acknowledgment"), acknowledgment).end());
        out.number("committedAt", event.committedAt().toEpochMilli());
        event.grant().ifPresent(grant -> out.string("grant", grant.value()));
        event.receipt().ifPresent(receipt -> out.string("receipt", receipt.value()));
        out.number("sequence", event.sequence());
        out.string("submitter", event.submitter().value());
        out.string("txId", event.txId().value());
        out.string("type", event.type().name());
        return out.finish();
    }

    public static LedgerEvent decodeEvent(byte[] json) {
        return parseEvent(CanonicalJson.read(json));
    }

    public static byte[] encodeCommitted(Committed committed) {
        return CanonicalJson.write(fields(committed));
    }

    public static Committed decodeCommitted(byte[] json) {
        return parseCommitted(CanonicalJson.read(json));
    }

    // ---- grants ----

    public static Map<String, Object> fields(ConsentGrant grant) {
        Objects.requireNonNull(grant, "grant");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", grant.id().value());
        out.put("subjectCommitment", grant.subject().digest().hex());
        out.put("grantor", grant.grantor().name());
        out.put("attester", grant.attester().value());
        out.put("recipient", grant.recipient().value());
        Map<String, Object> sources = new LinkedHashMap<>();
        sources.put("everyInstitutionAttended", grant.sources().everyAttended());
        sources.put("named", sortedStrings(grant.sources().named(), InstitutionId::value));
        out.put("sources", sources);
        out.put("scopes", sortedStrings(grant.scopes(), Scope::name));
        out.put("purpose", grant.purpose().name());
        out.put("issuedAt", grant.issuedAt().toEpochMilli());
        out.put("expiresAt", grant.expiresAt().toEpochMilli());
        out.put("consentDocumentHash", grant.consentDocumentHash().hex());
        return out;
    }

    public static ConsentGrant parseGrant(JsonFields in) {
        JsonFields sources = in.object("sources");
        List<InstitutionId> named = sources.strings("named", InstitutionId::of);
        boolean every = sources.bool("everyInstitutionAttended");
        return new ConsentGrant(
                in.parsed("id", GrantId::of),
                in.parsed("subjectCommitment", SubjectCommitment::ofHex),
                in.enumValue("grantor", GrantorRole.class),
                in.parsed("attester", InstitutionId::of),
                in.parsed("recipient", InstitutionId::of),
                every ? Sources.everyInstitutionAttended() : Sources.named(named),
                Set.copyOf(in.strings("scopes", Scope::valueOf)),
                in.enumValue("purpose", Purpose.class),
                instant(in, "issuedAt"),
                instant(in, "expiresAt"),
                in.parsed("consentDocumentHash", Sha256::ofHex));
    }

    public static Map<String, Object> fields(GrantRecord record) {
        Objects.requireNonNull(record, "record");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("grant", fields(record.grant()));
        out.put("created", fields(record.created()));
        record.revoked().ifPresent(revoked -> out.put("revoked", fields(revoked)));
        return out;
    }

    public static GrantRecord parseGrantRecord(JsonFields in) {
        return new GrantRecord(
                parseGrant(in.object("grant")),
                parseCommitted(in.object("created")),
                in.optionalObject("revoked").map(LedgerJson::parseCommitted));
    }

    // ---- receipts ----

    public static Map<String, Object> fields(ExchangeReceipt receipt) {
        Objects.requireNonNull(receipt, "receipt");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", receipt.id().value());
        out.put("basis", receipt.basis().name());
        receipt.grant().ifPresent(grant -> out.put("grant", grant.value()));
        out.put("sender", receipt.sender().value());
        out.put("recipient", receipt.recipient().value());
        out.put("scopes", sortedStrings(receipt.scopes(), Scope::name));
        out.put("packageHash", receipt.packageHash().hex());
        out.put("sentAt", receipt.sentAt().toEpochMilli());
        return out;
    }

    public static ExchangeReceipt parseReceipt(JsonFields in) {
        return new ExchangeReceipt(
                in.parsed("id", ReceiptId::of),
                in.enumValue("basis", LegalBasis.class),
                in.optionalParsed("grant", GrantId::of),
                in.parsed("sender", InstitutionId::of),
                in.parsed("recipient", InstitutionId::of),
                Set.copyOf(in.strings("scopes", Scope::valueOf)),
                in.parsed("packageHash", Sha256::ofHex),
                instant(in, "sentAt"));
    }

    public static Map<String, Object> fields(Acknowledgment acknowledgment) {
        Objects.requireNonNull(acknowledgment, "acknowledgment");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("receipt", acknowledgment.receipt().value());
        out.put("verdict", acknowledgment.verdict().name());
        acknowledgment.reason().ifPresent(reason -> out.put("reason", reason.name()));
        return out;
    }

    public static Acknowledgment parseAcknowledgment(JsonFields in) {
        return new Acknowledgment(
                in.parsed("receipt", ReceiptId::of),
                in.enumValue("verdict", Verdict.class),
                in.optionalParsed("reason", RejectionReason::valueOf));
    }

    public static Map<String, Object> fields(ReceiptRecord record) {
        Objects.requireNonNull(record, "record");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("receipt", fields(record.receipt()));
        out.put("recorded", fields(record.recorded()));
        record.acknowledged().ifPresent(ack -> {
            Map<String, Object> acknowledged = new LinkedHashMap<>();
            acknowledged.put("acknowledgment", fields(ack.acknowledgment()));
            acknowledged.put("committed", fields(ack.committed()));
            out.put("acknowledged", acknowledged);
        });
        return out;
    }

    public static ReceiptRecord parseReceiptRecord(JsonFields in) {
        return new ReceiptRecord(
                parseReceipt(in.object("receipt")),
                parseCommitted(in.object("recorded")),
                in.optionalObject("acknowledged").map(ack -> new Acknowledged(
                        parseAcknowledgment(ack.object("acknowledgment")),
                        parseCommitted(ack.object("committed")))));
    }

    // ---- commits and events ----

    public static Map<String, Object> fields(Committed committed) {
        Objects.requireNonNull(committed, "committed");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("txId", committed.txId().value());
        out.put("sequence", committed.sequence());
        out.put("committedAt", committed.committedAt().toEpochMilli());
        return out;
    }

    public static Committed parseCommitted(JsonFields in) {
        return new Committed(
                in.parsed("txId", TxId::of),
                in.integer("sequence"),
                instant(in, "committedAt"));
    }

    public static Map<String, Object> fields(LedgerEvent event) {
        Objects.requireNonNull(event, "event");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sequence", event.sequence());
        out.put("type", event.type().name());
        out.put("txId", event.txId().value());
        out.put("committedAt", event.committedAt().toEpochMilli());
        out.put("submitter", event.submitter().value());
        event.grant().ifPresent(grant -> out.put("grant", grant.value()));
        event.receipt().ifPresent(receipt -> out.put("receipt", receipt.value()));
        event.acknowledgment().ifPresent(acknowledgment -> out.put("acknowledgment", fields(acknowledgment)));
        return out;
    }

    public static LedgerEvent parseEvent(JsonFields in) {
        return new LedgerEvent(
                in.integer("sequence"),
                in.enumValue("type", EventType.class),
                in.parsed("txId", TxId::of),
                instant(in, "committedAt"),
                in.parsed("submitter", InstitutionId::of),
                in.optionalParsed("grant", GrantId::of),
                in.optionalParsed("receipt", ReceiptId::of),
                in.optionalObject("acknowledgment").map(LedgerJson::parseAcknowledgment));
    }

    /** An epoch-millisecond field as an instant. */
    public static Instant instant(JsonFields in, String name) {
        long millis = in.integer(name);
        if (millis < 0) {
            throw new IllegalArgumentException(in.path() + "." + name + " is before 1970-01-01T00:00:00Z");
        }
        return Instant.ofEpochMilli(millis);
    }

    private static <T> List<String> sortedStrings(Collection<T> values, Function<T, String> written) {
        TreeSet<String> sorted = new TreeSet<>();
        values.forEach(value -> sorted.add(written.apply(value)));
        return List.copyOf(sorted);
    }
}
