package org.baton.ledger.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.LedgerReader;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.Page;
import org.baton.ledger.PageRequest;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.Scope;
import org.baton.ledger.TimeRange;
import org.baton.ledger.Verdict;
import org.baton.trust.InstitutionId;

/**
 * An auditor's check of what the ledger says was disclosed: every receipt against the rules a disclosure must have
 * kept (the grant it names was in force when it was recorded, covers its scopes, names its sender as a source and
 * its recipient as the recipient), every disclosure the recipient has not acknowledged in time, every one it
 * rejected, and what each institution sent and received.
 *
 * <p>The ledger enforces the same rules when it records a receipt; the audit checks them again from the records
 * alone, as someone who does not run the ledger would. It reads only what the ledger holds: ids, institutions,
 * scopes, times and hashes, never a student.
 */
public final class LedgerAudit {

    /** What a finding says is wrong. */
    public enum Kind {
        /** A receipt under consent names a grant the ledger does not hold. */
        GRANT_MISSING("the receipt names a grant the ledger does not hold"),
        /** Recorded at or after the revocation of its grant. */
        AFTER_REVOCATION("recorded after its grant was revoked"),
        /** Recorded before its grant was issued, or at or after its expiry. */
        OUTSIDE_VALIDITY("recorded outside its grant's validity period"),
        /** Its scopes are not all within the grant's. */
        SCOPE_OUTSIDE_GRANT("its scopes are not all within the grant's"),
        /** Its sender is not a source the grant names. */
        SENDER_NOT_A_SOURCE("its sender is not a source of the grant"),
        /** Its recipient is not the grant's recipient. */
        RECIPIENT_NOT_GRANTEE("its recipient is not the grant's recipient"),
        /** The recipient rejected the package (the disclosure happened; the records were not kept). */
        REJECTED("the recipient rejected the package"),
        /** The recipient has not acknowledged it, longer than allowed after it was recorded. */
        UNACKNOWLEDGED("not acknowledged by the recipient");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        /** What the finding means, in words. */
        public String text() {
            return text;
        }

        /** Whether the finding is a disclosure outside its consent, rather than one to follow up. */
        public boolean breach() {
            return this != REJECTED && this != UNACKNOWLEDGED;
        }
    }

    /**
     * One receipt the audit finds wrong or to follow up.
     *
     * @param kind    what is wrong
     * @param receipt the receipt
     * @param detail  the values concerned, in words (ids, times, scopes: never a student)
     * @param facts   the same values, for saying the detail in another language, in an order fixed per kind:
     *     {@code REJECTED} reason (empty when none was given), acknowledged at; {@code UNACKNOWLEDGED} recorded at,
     *     how long ago, its unit ({@code day}, {@code days} or {@code hours}), as of; {@code GRANT_MISSING} the
     *     grant; {@code AFTER_REVOCATION} recorded at, the grant, revoked at; {@code OUTSIDE_VALIDITY} recorded at,
     *     the grant, valid from, until; {@code SCOPE_OUTSIDE_GRANT} the scopes beyond it, the grant, its scopes
     *     (scope names, comma-separated); {@code SENDER_NOT_A_SOURCE} the sender, the grant, its sources
     *     (comma-separated; empty for every institution attended); {@code RECIPIENT_NOT_GRANTEE} the recipient, the
     *     grant, its recipient
     */
    public record Finding(Kind kind, ReceiptRecord receipt, String detail, List<String> facts) {
        public Finding {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(receipt, "receipt");
            Objects.requireNonNull(detail, "detail");
            facts = List.copyOf(facts);
        }

        /** A finding with its words only. */
        public Finding(Kind kind, ReceiptRecord receipt, String detail) {
            this(kind, receipt, detail, List.of());
        }
    }

    /**
     * What one institution disclosed and received within the audit.
     *
     * @param sentByBasis   receipts it recorded as sender, per legal basis
     * @param received      receipts naming it as recipient
     * @param unacknowledged receipts naming it as recipient that it has not acknowledged
     * @param rejected      receipts naming it as recipient that it rejected
     * @param grantsAttested grants it attested (its portal signed the student in)
     */
    public record Tally(Map<LegalBasis, Long> sentByBasis, long received, long unacknowledged, long rejected,
            long grantsAttested) {

        /** Receipts it recorded as sender. */
        public long sent() {
            return sentByBasis.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * The audit's result.
     *
     * @param grants         the grants read, each once
     * @param receipts       the receipts checked, in the order the ledger recorded them
     * @param acknowledged   receipts acknowledged (accepted or rejected)
     * @param findings       in the order of the receipts' recording
     * @param byInstitution  per institution, in id order
     */
    public record Report(List<GrantRecord> grants, List<ReceiptRecord> receipts, long acknowledged,
            List<Finding> findings, Map<InstitutionId, Tally> byInstitution) {

        public Report {
            grants = List.copyOf(grants);
            receipts = List.copyOf(receipts);
            findings = List.copyOf(findings);
            byInstitution = Collections.unmodifiableMap(new TreeMap<>(byInstitution));
        }

        /** How many findings of each kind (every kind present). */
        public Map<Kind, Long> countByKind() {
            Map<Kind, Long> out = new EnumMap<>(Kind.class);
            for (Kind kind : Kind.values()) {
                out.put(kind, 0L);
            }
            findings.forEach(f -> out.merge(f.kind(), 1L, Long::sum));
            return out;
        }

        /** Whether any receipt is a disclosure outside its consent. */
        public boolean breaches() {
            return findings.stream().anyMatch(f -> f.kind().breach());
        }
    }

    private final Duration acknowledgeWithin;

    /**
     * @param acknowledgeWithin how long after a receipt is recorded its recipient has to acknowledge it before the
     *     audit lists it
     */
    public LedgerAudit(Duration acknowledgeWithin) {
        Objects.requireNonNull(acknowledgeWithin, "acknowledgeWithin");
        if (acknowledgeWithin.isNegative()) {
            throw new IllegalArgumentException("acknowledgeWithin must not be negative: " + acknowledgeWithin);
        }
        this.acknowledgeWithin = acknowledgeWithin;
    }

    /**
     * Reads from the ledger the grants and receipts of {@code institutions} recorded within {@code range} (every
     * page; a receipt between two of them once) and checks them as of {@code now}. A grant a receipt names that was
     * recorded before the range, or between institutions not audited, is read by its id.
     *
     * @throws org.baton.ledger.LedgerUnavailableException if the ledger cannot be read
     */
    public Report audit(LedgerReader reader, Collection<InstitutionId> institutions, TimeRange range, Instant now) {
        Objects.requireNonNull(reader, "reader");
        Map<GrantId, GrantRecord> grants = new LinkedHashMap<>();
        Map<ReceiptId, ReceiptRecord> receipts = new LinkedHashMap<>();
        for (InstitutionId institution : institutions) {
            all(reader::grantsByInstitution, institution, range).forEach(g -> grants.putIfAbsent(g.id(), g));
            all(reader::receiptsByInstitution, institution, range).forEach(r -> receipts.putIfAbsent(r.id(), r));
        }
        Map<GrantId, Optional<GrantRecord>> read = new HashMap<>();
        return check(grants.values(), receipts.values(), id -> grants.containsKey(id) ? Optional.of(grants.get(id))
                : read.computeIfAbsent(id, reader::grant), now);
    }

    /** Every page of one of the reader's per-institution queries. */
    private static <T> List<T> all(PagedQuery<T> query, InstitutionId institution, TimeRange range) {
        List<T> out = new ArrayList<>();
        Optional<PageRequest> page = Optional.of(PageRequest.first(PageRequest.MAX_SIZE));
        while (page.isPresent()) {
            Page<T> result = query.page(institution, range, page.get());
            out.addAll(result.items());
            page = page.get().next(result);
        }
        return out;
    }

    @FunctionalInterface
    private interface PagedQuery<T> {
        Page<T> page(InstitutionId institution, TimeRange range, PageRequest page);
    }

    /**
     * Checks {@code receipts} as of {@code now}.
     *
     * @param grants   the grants read (each once), counted per attester
     * @param receipts the receipts to check (each once)
     * @param grantOf  the grant a receipt names, from {@code grants} or read from the ledger; empty if it holds none
     */
    public Report check(Collection<GrantRecord> grants, Collection<ReceiptRecord> receipts,
            Function<GrantId, Optional<GrantRecord>> grantOf, Instant now) {
        Map<InstitutionId, Counter> tallies = new TreeMap<>(Comparator.comparing(InstitutionId::value));
        grants.forEach(g -> counter(tallies, g.grant().attester()).grantsAttested++);
        List<ReceiptRecord> ordered = new ArrayList<>(receipts);
        ordered.sort(Comparator.comparingLong(r -> r.recorded().sequence()));
        List<Finding> findings = new ArrayList<>();
        long acknowledged = 0;
        for (ReceiptRecord record : ordered) {
            var receipt = record.receipt();
            counter(tallies, receipt.sender()).sent.merge(receipt.basis(), 1L, Long::sum);
            Counter recipient = counter(tallies, receipt.recipient());
            recipient.received++;
            if (record.acknowledged().isPresent()) {
                acknowledged++;
                var ack = record.acknowledged().get().acknowledgment();
                if (ack.verdict() == Verdict.REJECTED) {
                    recipient.rejected++;
                    Instant rejectedAt = record.acknowledged().get().committed().committedAt();
                    findings.add(new Finding(Kind.REJECTED, record, "rejected for "
                            + ack.reason().map(Enum::name).orElse("no reason given") + " at " + rejectedAt,
                            List.of(ack.reason().map(Enum::name).orElse(""), rejectedAt.toString())));
                }
            } else {
                recipient.unacknowledged++;
                Duration waiting = Duration.between(record.recorded().committedAt(), now);
                if (waiting.compareTo(acknowledgeWithin) > 0) {
                    findings.add(new Finding(Kind.UNACKNOWLEDGED, record, "recorded "
                            + record.recorded().committedAt() + ", " + days(waiting) + " before " + now,
                            List.of(record.recorded().committedAt().toString(), String.valueOf(
                                    waiting.toDays() >= 1 ? waiting.toDays() : waiting.toHours()),
                                    waiting.toDays() == 1 ? "day" : waiting.toDays() > 1 ? "days" : "hours",
                                    now.toString())));
                }
            }
            if (receipt.basis() == LegalBasis.CONSENT) {
                checkAgainstGrant(record, grantOf.apply(receipt.grant().orElseThrow()), findings);
            }
        }
        Map<InstitutionId, Tally> byInstitution = new TreeMap<>(Comparator.comparing(InstitutionId::value));
        tallies.forEach((id, c) -> byInstitution.put(id, c.tally()));
        return new Report(List.copyOf(grants), ordered, acknowledged, findings, byInstitution);
    }

    private static void checkAgainstGrant(ReceiptRecord record, Optional<GrantRecord> found, List<Finding> out) {
        var receipt = record.receipt();
        if (found.isEmpty()) {
            out.add(new Finding(Kind.GRANT_MISSING, record, "grant " + receipt.grant().orElseThrow(),
                    List.of(receipt.grant().orElseThrow().value())));
            return;
        }
        GrantRecord grant = found.get();
        Instant at = record.recorded().committedAt();
        String under = "grant " + grant.id();
        String id = grant.id().value();
        if (grant.revoked().isPresent() && !at.isBefore(grant.revoked().get().committedAt())) {
            Instant revoked = grant.revoked().get().committedAt();
            out.add(new Finding(Kind.AFTER_REVOCATION, record, "recorded " + at + "; " + under + " revoked "
                    + revoked, List.of(at.toString(), id, revoked.toString())));
        }
        if (at.isBefore(grant.grant().issuedAt()) || !at.isBefore(grant.grant().expiresAt())) {
            out.add(new Finding(Kind.OUTSIDE_VALIDITY, record, "recorded " + at + "; " + under + " valid from "
                    + grant.grant().issuedAt() + " until " + grant.grant().expiresAt(), List.of(at.toString(), id,
                    grant.grant().issuedAt().toString(), grant.grant().expiresAt().toString())));
        }
        if (!grant.grant().scopes().containsAll(receipt.scopes())) {
            List<Scope> beyond = receipt.scopes().stream().filter(s -> !grant.grant().scopes().contains(s)).toList();
            out.add(new Finding(Kind.SCOPE_OUTSIDE_GRANT, record, "scopes " + beyond + " not in " + under + " ("
                    + grant.grant().scopes() + ")", List.of(names(beyond), id, names(grant.grant().scopes()))));
        }
        if (!grant.grant().sources().includes(receipt.sender()) || receipt.sender().equals(grant.grant().recipient())) {
            out.add(new Finding(Kind.SENDER_NOT_A_SOURCE, record, "sender " + receipt.sender() + "; " + under
                    + " names " + (grant.grant().sources().everyAttended() ? "every institution attended"
                            : grant.grant().sources().named().toString()), List.of(receipt.sender().value(), id,
                    grant.grant().sources().everyAttended() ? "" : names(grant.grant().sources().named()))));
        }
        if (!receipt.recipient().equals(grant.grant().recipient())) {
            out.add(new Finding(Kind.RECIPIENT_NOT_GRANTEE, record, "recipient " + receipt.recipient() + "; " + under
                    + " is to " + grant.grant().recipient(), List.of(receipt.recipient().value(), id,
                    grant.grant().recipient().value())));
        }
    }

    /** Scope names or institution ids, comma-separated, in their order. */
    private static String names(Collection<?> values) {
        return values.stream().map(v -> v instanceof Enum<?> e ? e.name() : v instanceof InstitutionId i ? i.value()
                : String.valueOf(v)).collect(Collectors.joining(","));
    }

    private static String days(Duration waiting) {
        long days = waiting.toDays();
        return days >= 1 ? days + (days == 1 ? " day" : " days") : waiting.toHours() + " hours";
    }

    private static Counter counter(Map<InstitutionId, Counter> tallies, InstitutionId id) {
        return tallies.computeIfAbsent(id, k -> new Counter());
    }

    private static final class Counter {
        final Map<LegalBasis, Long> sent = new EnumMap<>(LegalBasis.class);
        long received;
        long unacknowledged;
        long rejected;
        long grantsAttested;

        Tally tally() {
            return new Tally(Collections.unmodifiableMap(new EnumMap<>(sent)), received, unacknowledged, rejected,
                    grantsAttested);
        }
    }
}
