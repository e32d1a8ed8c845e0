package org.baton.ledger.embedded;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.RefusalReason;
import org.baton.ledger.RejectionReason;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.ledger.Sources;
import org.baton.ledger.SubjectCommitment;
import org.baton.ledger.TxId;
import org.baton.ledger.Verdict;
import org.baton.ledger.protobuf.ConsentEnums;
import org.baton.proto.v1.Commit;
import org.baton.proto.v1.LedgerEventType;
import org.baton.trust.InstitutionId;

/**
 * Maps the ledger's records to and from {@code baton.v1} ledger.proto. Parsing throws
 * {@link IllegalArgumentException} naming the bad field.
 */
final class ProtoMapper {

    private ProtoMapper() {
    }

    // ---- times and commits ----

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    static Instant instant(Timestamp timestamp, String field) {
        if (timestamp.getNanos() < 0 || timestamp.getNanos() > 999_999_999) {
            throw new IllegalArgumentException(field + " has nanos outside 0..999999999");
        }
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    static Commit commit(Committed committed) {
        return Commit.newBuilder()
                .setTxId(committed.txId().value())
                .setSequence(committed.sequence())
                .setCommittedAt(timestamp(committed.committedAt()))
                .build();
    }

    static Committed committed(Commit commit, String field) {
        return new Committed(TxId.of(commit.getTxId()), commit.getSequence(),
                instant(commit.getCommittedAt(), field + ".committed_at"));
    }

    // ---- grants ----

    static org.baton.proto.v1.ConsentGrant grant(ConsentGrant grant) {
        org.baton.proto.v1.ConsentGrant.Builder out = org.baton.proto.v1.ConsentGrant.newBuilder()
                .setGrantId(grant.id().value())
                .setSubjectCommitment(ByteString.copyFrom(grant.subject().digest().bytes()))
                .setGrantor(org.baton.proto.v1.GrantorRole.valueOf("GRANTOR_" + grant.grantor().name()))
                .setAttester(grant.attester().value())
                .setRecipient(grant.recipient().value())
                .setEveryInstitutionAttended(grant.sources().everyAttended())
                .setPurpose(ConsentEnums.toProto(grant.purpose()))
                .setIssuedAt(timestamp(grant.issuedAt()))
                .setExpiresAt(timestamp(grant.expiresAt()))
                .setConsentDocumentHash(ByteString.copyFrom(grant.consentDocumentHash().bytes()));
        grant.sources().named().forEach(source -> out.addSources(source.value()));
        grant.scopes().forEach(scope -> out.addScopes(ConsentEnums.toProto(scope)));
        return out.build();
    }

    static ConsentGrant grant(org.baton.proto.v1.ConsentGrant in) {
        List<InstitutionId> sources = new ArrayList<>();
        in.getSourcesList().forEach(source -> sources.add(InstitutionId.of(source)));
        return new ConsentGrant(
                GrantId.of(in.getGrantId()),
                new SubjectCommitment(digest(in.getSubjectCommitment(), "subject_commitment")),
                fromProto(GrantorRole.class, in.getGrantor().name(), "GRANTOR_", "grantor"),
                InstitutionId.of(in.getAttester()),
                InstitutionId.of(in.getRecipient()),
                in.getEveryInstitutionAttended() ? Sources.everyInstitutionAttended() : Sources.named(sources),
                scopes(in.getScopesList()),
                ConsentEnums.fromProto(in.getPurpose()),
                instant(in.getIssuedAt(), "issued_at"),
                instant(in.getExpiresAt(), "expires_at"),
                digest(in.getConsentDocumentHash(), "consent_document_hash"));
    }

    static org.baton.proto.v1.GrantRecord grantRecord(GrantRecord record) {
        org.baton.proto.v1.GrantRecord.Builder out = org.baton.proto.v1.GrantRecord.newBuilder()
                .setGrant(grant(record.grant()))
                .setCreated(commit(record.created()));
        record.revoked().ifPresent(revoked -> out.setRevoked(commit(revoked)));
        return out.build();
    }

    static GrantRecord grantRecord(org.baton.proto.v1.GrantRecord in) {
        return new GrantRecord(grant(in.getGrant()), committed(in.getCreated(), "created"),
                in.hasRevoked() ? Optional.of(committed(in.getRevoked(), "revoked")) : Optional.empty());
    }

    // ---- receipts ----

    static org.baton.proto.v1.ExchangeReceipt receipt(ExchangeReceipt receipt) {
        org.baton.proto.v1.ExchangeReceipt.Builder out = org.baton.proto.v1.ExchangeReceipt.newBuilder()
                .setReceiptId(receipt.id().value())
                .setBasis(ConsentEnums.toProto(receipt.basis()))
                .setSender(receipt.sender().value())
                .setRecipient(receipt.recipient().value())
                .setPackageHash(ByteString.copyFrom(receipt.packageHash().bytes()))
                .setSentAt(timestamp(receipt.sentAt()));
        receipt.grant().ifPresent(grant -> out.setGrantId(grant.value()));
        receipt.scopes().forEach(scope -> out.addScopes(ConsentEnums.toProto(scope)));
        return out.build();
    }

    static ExchangeReceipt receipt(org.baton.proto.v1.ExchangeReceipt in) {
        return new ExchangeReceipt(
                ReceiptId.of(in.getReceiptId()),
                ConsentEnums.fromProto(in.getBasis()),
                in.getGrantId().isEmpty() ? Optional.empty() : Optional.of(GrantId.of(in.getGrantId())),
                InstitutionId.of(in.getSender()),
                InstitutionId.of(in.getRecipient()),
                scopes(in.getScopesList()),
                digest(in.getPackageHash(), "package_hash"),
                instant(in.getSentAt(), "sent_at"));
    }

    static org.baton.proto.v1.Acknowledgment acknowledgment(Acknowledgment ack) {
        org.baton.proto.v1.Acknowledgment.Builder out = org.baton.proto.v1.Acknowledgment.newBuilder()
                .setReceiptId(ack.receipt().value())
                .setVerdict(org.baton.proto.v1.Verdict.valueOf("VERDICT_" + ack.verdict().name()));
        ack.reason().ifPresent(reason ->
                out.setReason(org.baton.proto.v1.RejectionReason.valueOf("REJECTION_" + reason.name())));
        return out.build();
    }

    static Acknowledgment acknowledgment(org.baton.proto.v1.Acknowledgment in) {
        Optional<RejectionReason> reason = in.getReason() == org.baton.proto.v1.RejectionReason.REJECTION_REASON_UNSPECIFIED
                ? Optional.empty()
                : Optional.of(fromProto(RejectionReason.class, in.getReason().name(), "REJECTION_", "reason"));
        return new Acknowledgment(ReceiptId.of(in.getReceiptId()),
                fromProto(Verdict.class, in.getVerdict().name(), "VERDICT_", "verdict"), reason);
    }

    static org.baton.proto.v1.ReceiptRecord receiptRecord(ReceiptRecord record) {
        org.baton.proto.v1.ReceiptRecord.Builder out = org.baton.proto.v1.ReceiptRecord.newBuilder()
                .setReceipt(receipt(record.receipt()))
                .setRecorded(commit(record.recorded()));
        record.acknowledged().ifPresent(ack -> out
                .setAcknowledgment(acknowledgment(ack.acknowledgment()))
                .setAcknowledged(commit(ack.committed())));
        return out.build();
    }

    static ReceiptRecord receiptRecord(org.baton.proto.v1.ReceiptRecord in) {
        if (in.hasAcknowledgment() != in.hasAcknowledged()) {
            throw new IllegalArgumentException("receipt record has one of acknowledgment and acknowledged, not both");
        }
        return new ReceiptRecord(receipt(in.getReceipt()), committed(in.getRecorded(), "recorded"),
                in.hasAcknowledgment()
                        ? Optional.of(new Acknowledged(acknowledgment(in.getAcknowledgment()),
                                committed(in.getAcknowledged(), "acknowledged")))
                        : Optional.empty());
    }

    // ---- events and refusals ----

    static org.baton.proto.v1.LedgerEvent event(LedgerEvent event) {
        org.baton.proto.v1.LedgerEvent.Builder out = org.baton.proto.v1.LedgerEvent.newBuilder()
                .setSequence(event.sequence())
                .setType(LedgerEventType.valueOf("EVENT_" + event.type().name()))
                .setTxId(event.txId().value())
                .setCommittedAt(timestamp(event.committedAt()))
                .setSubmitter(event.submitter().value());
        event.grant().ifPresent(grant -> out.setGrantId(grant.value()));
        event.receipt().ifPresent(receipt -> out.setReceiptId(receipt.value()));
        event.acknowledgment().ifPresent(ack -> out.setAcknowledgment(acknowledgment(ack)));
        return out.build();
    }

    static LedgerEvent event(org.baton.proto.v1.LedgerEvent in) {
        return new LedgerEvent(
                in.getSequence(),
                fromProto(EventType.class, in.getType().name(), "EVENT_", "event type"),
                TxId.of(in.getTxId()),
                instant(in.getCommittedAt(), "committed_at"),
                InstitutionId.of(in.getSubmitter()),
                in.getGrantId().isEmpty() ? Optional.empty() : Optional.of(GrantId.of(in.getGrantId())),
                in.getReceiptId().isEmpty() ? Optional.empty() : Optional.of(ReceiptId.of(in.getReceiptId())),
                in.hasAcknowledgment() ? Optional.of(acknowledgment(in.getAcknowledgment())) : Optional.empty());
    }

    static org.baton.proto.v1.RefusalReason refusal(RefusalReason reason) {
        return org.baton.proto.v1.RefusalReason.valueOf("REFUSAL_" + reason.name());
    }

    static RefusalReason refusal(org.baton.proto.v1.RefusalReason reason) {
        return fromProto(RefusalReason.class, reason.name(), "REFUSAL_", "refusal reason");
    }

    // ---- helpers ----

    private static Set<Scope> scopes(List<org.baton.proto.v1.Scope> scopes) {
        Set<Scope> out = EnumSet.noneOf(Scope.class);
        scopes.forEach(scope -> out.add(ConsentEnums.fromProto(scope)));
        return out;
    }

    private static Sha256 digest(ByteString bytes, String field) {
        if (bytes.size() != 32) {
            throw new IllegalArgumentException(field + " has " + bytes.size() + " bytes, not 32");
        }
        return Sha256.ofDigest(bytes.toByteArray());
    }

    private static <E extends Enum<E>> E fromProto(Class<E> type, String protoName, String prefix, String field) {
        if (protoName.startsWith(prefix)) {
            String name = protoName.substring(prefix.length());
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(name)) {
                    return constant;
                }
            }
        }
        throw new IllegalArgumentException(field + " " + protoName + " is not a known value");
    }
}
