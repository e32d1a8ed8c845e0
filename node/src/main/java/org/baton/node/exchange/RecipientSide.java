package org.baton.node.exchange;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.baton.ledger.Acknowledgment;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.GrantStatus;
import org.baton.ledger.LedgerRejectedException;
import org.baton.ledger.LedgerUnavailableException;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.RejectionReason;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.ledger.Verdict;
import org.baton.node.store.PreparedValue;
import org.baton.node.store.StoreTransaction;
import org.baton.proto.v1.PackageContent;
import org.baton.proto.v1.SignedPackage;
import org.baton.proto.v1.StoredExchange;
import org.baton.proto.v1.StoredExchangeKind;
import org.baton.proto.v1.StoredExchangeState;
import org.baton.proto.v1.StoredReceivedPackage;
import org.baton.trust.InstitutionId;

/**
 * The recipient's side of the exchange: pulling a grant's records from a source, receiving pushed packages,
 * verifying and storing them apart from the node's own records, and acknowledging their receipts on the ledger —
 * or rejecting them there with a reason. A package is stored before it is acknowledged; an acknowledgment the
 * ledger could not take waits in the outbox and is retried.
 */
final class RecipientSide {

    /** What an accepted exchange's last write sets besides its state. */
    private static final Consumer<StoredExchange.Builder> ACCEPTED =
            b -> b.setVerdict(ExchangeProtos.verdictToProto(Verdict.ACCEPTED));

    private final Outbox outbox;
    private final LedgerGate ledger;
    private final GrantCache grants;
    private final PackageVerifier verifier;
    private final PeerClient peers;
    private final Backoffs backoffs;
    private final ReceivedByStudent byStudent;
    private final ArrivalHandoff handoff;

    RecipientSide(Outbox outbox, LedgerGate ledger, GrantCache grants, PackageVerifier verifier, PeerClient peers,
            Backoffs backoffs, ReceivedByStudent byStudent, ArrivalHandoff handoff) {
        this.byStudent = byStudent;
        this.handoff = handoff;
        this.outbox = outbox;
        this.ledger = ledger;
        this.grants = grants;
        this.verifier = verifier;
        this.peers = peers;
        this.backoffs = backoffs;
    }

    // ---------------------------------------------------------------------------------------------- pulls

    ExchangeId pull(GrantId grantId, InstitutionId source, Set<Scope> scopes) {
        if (outbox.store().opening(grantId).isEmpty()) {
            throw new OpeningMissingException(grantId);
        }
        if (source.equals(outbox.self())) {
            throw new InvalidExchangeRequestException("a node does not pull from itself");
        }
        try {
            checkRecipientMay(ledger.call(() -> grants.get(grantId)), source, scopes);
        } catch (LedgerUnavailableException e) {
            // The source checks the grant on the ledger before it answers; the pull waits in the outbox until then.
        }
        ExchangeId id = ExchangeId.random();
        StoredExchange exchange = newPull(id, grantId, source, scopes, outbox.now());
        Outbox.NewExchange inserted = outbox.prepare(exchange);
        long writing = System.nanoTime();
        outbox.writer().write(tx -> Outbox.insert(tx, inserted, true));
        outbox.timed(ExchangeStep.REQUESTED_WRITE, writing);
        outbox.schedule(id, exchange.getState());
        return id;
    }

    StoredExchange newPull(ExchangeId id, GrantId grant, InstitutionId source, Set<Scope> scopes, Instant now) {
        return outbox.create(id, StoredExchangeKind.PULL, StoredExchangeState.STATE_REQUESTED, source,
                Optional.of(grant), LegalBasis.CONSENT, scopes, now).setRequestId(id.value()).build();
    }

    private void checkRecipientMay(GrantRecord record, InstitutionId source, Set<Scope> scopes) {
        ConsentGrant grant = record.grant();
        if (!grant.recipient().equals(outbox.self())) {
            throw new ConsentRefusedException(grant.id(), "institution " + outbox.self() + " is not its recipient");
        }
        if (!grant.sources().includes(source)) {
            throw new ConsentRefusedException(grant.id(), "institution " + source + " is not one of its sources");
        }
        if (!grant.covers(scopes)) {
            EnumSet<Scope> extra = EnumSet.copyOf(scopes);
            extra.removeAll(grant.scopes());
            throw new ConsentRefusedException(grant.id(), "scopes " + extra + " are not granted");
        }
        GrantStatus status = record.statusAt(outbox.now());
        if (status == GrantStatus.REVOKED || status == GrantStatus.EXPIRED) {
            throw new ConsentRefusedException(grant.id(), "it is " + status.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    // ---------------------------------------------------------------------------------------------- pushes

    /** A package a source delivers; returns whether it had been delivered before. */
    boolean receive(InstitutionId caller, SignedPackage pkg, ReceiptId receipt) {
        VerifiedPackage verified;
        try {
            verified = verifier.verifyAddressedTo(pkg, outbox.self());
        } catch (PackageVerificationException e) {
            rejectDelivery(caller, receipt, e);
            throw e;
        }
        if (!verified.sender().equals(caller)) {
            throw new CallerRefusedException(caller, "it is not the signer " + verified.sender() + " of package "
                    + verified.packageId());
        }
        Optional<ExchangeId> known = outbox.store().indexedExchange(ExchangeStore.packageKey(verified.packageId()));
        if (known.isPresent()) {
            return duplicate(known.get(), verified);
        }
        Instant now = outbox.now();
        ExchangeId id = ExchangeId.random();
        StoredExchange exchange = outbox.create(id, StoredExchangeKind.RECEIVE_PUSH, StoredExchangeState.STATE_RECEIVED,
                        caller, verified.grant(), verified.basis(), verified.scopes(), now)
                .setRequestId(verified.requestId())
                .setPackageId(verified.packageId().value())
                .setPackageHash(verified.hash().hex())
                .setReceiptId(receipt.value())
                .setSentAt(ExchangeProtos.timestamp(verified.createdAt()))
                .build();
        Outbox.NewExchange inserted = outbox.prepare(exchange);
        Received received = received(id, verified, receipt, now);
        boolean[] raced = new boolean[1];
        outbox.writer().write(tx -> {
            if (tx.get(ExchangeStore.INDEX, ExchangeStore.packageKey(verified.packageId())).isPresent()) {
                raced[0] = true;
                return;
            }
            Outbox.insert(tx, inserted, true);
            received.put(tx);
        });
        if (raced[0]) {
            return duplicate(outbox.store().indexedExchange(ExchangeStore.packageKey(verified.packageId())).orElseThrow(),
                    verified);
        }
        outbox.schedule(id, exchange.getState());
        return false;
    }

    private boolean duplicate(ExchangeId id, VerifiedPackage verified) {
        StoredExchange stored = outbox.store().exchange(id).orElseThrow(() ->
                new IllegalStateException("package index names exchange " + id + ", which is missing"));
        if (!stored.getPackageHash().equals(verified.hash().hex())) {
            throw new InvalidExchangeRequestException("package id " + verified.packageId()
                    + " was already delivered with other content");
        }
        return true;
    }

    /** A delivered package failed verification: reject its receipt on the ledger (once), if it names this node. */
    private void rejectDelivery(InstitutionId caller, ReceiptId receipt, PackageVerificationException error) {
        outbox.events().packageRejected(error.packageId(), caller, error.reason());
        Instant now = outbox.now();
        ExchangeId id = ExchangeId.random();
        StoredExchange exchange = outbox.create(id, StoredExchangeKind.RECEIVE_PUSH, StoredExchangeState.STATE_REJECTED,
                        caller, Optional.empty(), LegalBasis.CONSENT, EnumSet.noneOf(Scope.class), now)
                .setReceiptId(receipt.value())
                .setPackageId(error.packageId().map(PackageId::value).orElse(""))
                .setFailure(error.getMessage())
                .setRejection(ExchangeProtos.rejectionToProto(error.reason()))
                .build();
        boolean[] added = new boolean[1];
        outbox.writer().write(tx -> {
            String key = ExchangeStore.receiptKey(receipt);
            if (tx.get(ExchangeStore.INDEX, key).isPresent()) {
                return;
            }
            Outbox.insert(tx, exchange, true);
            tx.put(ExchangeStore.INDEX, key, id.value());
            added[0] = true;
        });
        if (added[0]) {
            outbox.schedule(id, exchange.getState());
        }
    }

    // ---------------------------------------------------------------------------------------------- steps

    WorkScheduler.Step step(StoredExchange exchange) {
        ExchangeId id = ExchangeId.of(exchange.getExchangeId());
        switch (exchange.getState()) {
            case STATE_REQUESTED:
                return request(exchange);
            case STATE_RECEIVED:
                return acknowledge(exchange);
            case STATE_REJECTED:
                if (!exchange.getRejectionRecorded()) {
                    return recordRejection(exchange);
                }
                outbox.writer().write(tx -> Outbox.finish(tx, id));
                return WorkScheduler.DONE;
            default:
                outbox.writer().write(tx -> Outbox.finish(tx, id));
                return WorkScheduler.DONE;
        }
    }

    /**
     * Pulls the exchange's records. The worker does not wait for the source: its answer ends the step on another
     * worker, which verifies the package and queues it to be stored; the write's commit then acknowledges it.
     */
    private WorkScheduler.Step request(StoredExchange exchange) {
        ExchangeId id = ExchangeId.of(exchange.getExchangeId());
        InstitutionId source = InstitutionId.of(exchange.getPeer());
        GrantId grant = GrantId.of(exchange.getGrantId());
        Set<Scope> scopes = ExchangeProtos.scopesFromProto(exchange.getScopesList(), "scopes");
        Optional<Opening> opening = outbox.store().opening(grant)
                .map(stored -> Opening.fromProto(stored.getOpening(), "stored opening"));
        long requesting = System.nanoTime();
        return new WorkScheduler.Step.Awaiting(peers.requestRecordsAsync(source, id, grant, scopes, opening)
                .handle((pulled, error) -> {
                    Throwable cause = ExchangeErrors.unwrap(error);
                    if (cause == null) {
                        backoffs.succeeded(source.value());
                        outbox.timed(ExchangeStep.REQUEST, requesting);
                        return new WorkScheduler.Step.OnWorker(() -> pulled(exchange, opening, pulled));
                    }
                    if (cause instanceof PeerUnavailableException e) {
                        outbox.writer().submit(tx -> Outbox.attemptFailed(tx, id, e.getMessage(), outbox.now()));
                        return new WorkScheduler.Step.Retry(source.value(), e.getMessage());
                    }
                    if (cause instanceof PeerRefusedException e) {
                        backoffs.succeeded(source.value());
                        return new WorkScheduler.Step.OnWorker(() -> {
                            end(id, StoredExchangeState.STATE_REFUSED, b -> b.setFailure("the source refused: "
                                    + e.detail()));
                            return WorkScheduler.DONE;
                        });
                    }
                    throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
                }));
    }

    /** Verifies a pulled package and stores it; once it is stored durably, acknowledges it. */
    private WorkScheduler.Step pulled(StoredExchange exchange, Optional<Opening> opening, PeerClient.Pulled pulled) {
        ExchangeId id = ExchangeId.of(exchange.getExchangeId());
        InstitutionId source = InstitutionId.of(exchange.getPeer());
        long verifying = System.nanoTime();
        VerifiedPackage verified;
        try {
            verified = verifier.verifyAddressedTo(pulled.pkg(), outbox.self());
            checkPulled(exchange, verified, opening);
        } catch (PackageVerificationException e) {
            outbox.events().packageRejected(e.packageId(), source, e.reason());
            outbox.writer().write(tx -> Outbox.advance(tx, id, StoredExchangeState.STATE_REJECTED, outbox.now(), b -> b
                    .setReceiptId(pulled.receipt().value())
                    .setPackageId(e.packageId().map(PackageId::value).orElse(""))
                    .setFailure(e.getMessage())
                    .setRejection(ExchangeProtos.rejectionToProto(e.reason()))));
            outbox.label(id, StoredExchangeState.STATE_REJECTED);
            return WorkScheduler.CONTINUE;
        }
        outbox.timed(ExchangeStep.VERIFY, verifying);
        long storing = System.nanoTime();
        Instant now = outbox.now();
        Received stored = received(id, verified, pulled.receipt(), now);
        StoredExchange[] received = new StoredExchange[1];
        CompletableFuture<Void> written = outbox.writer().submit(tx -> {
            received[0] = Outbox.advance(tx, id, StoredExchangeState.STATE_RECEIVED, now, b -> b
                    .setPackageId(verified.packageId().value())
                    .setPackageHash(verified.hash().hex())
                    .setReceiptId(pulled.receipt().value())
                    .setSentAt(ExchangeProtos.timestamp(verified.createdAt())));
            stored.put(tx);
        });
        return new WorkScheduler.Step.Awaiting(written.thenApply(committed -> {
            outbox.label(id, StoredExchangeState.STATE_RECEIVED);
            outbox.timed(ExchangeStep.RECEIVED_WRITE, storing);
            if (received[0].getState() != StoredExchangeState.STATE_RECEIVED) {
                return WorkScheduler.CONTINUE;
            }
            // The package is stored durably: acknowledge it now, from the exchange as just written, rather than as
            // the next step, which would read and decrypt the exchange again. A failure here is retried as that step
            // would be.
            return new WorkScheduler.Step.OnWorker(() -> acknowledge(received[0], Optional.of(
                    new ArrivalHandoff.Accepted(verified.packageId(), verified.sender(), now,
                            ReceivedChecks.studentKey(byStudent, verified.record(), verified.packageId()),
                            verified.scopes(),
                            ByteString.copyFrom(verified.signed().getContent().asReadOnlyByteBuffer())))));
        }));
    }

    /** What a pulled package must say beyond its signature: it answers this request, for this student. */
    private void checkPulled(StoredExchange exchange, VerifiedPackage verified, Optional<Opening> opening) {
        Optional<PackageId> id = Optional.of(verified.packageId());
        if (!verified.sender().value().equals(exchange.getPeer())) {
            throw new PackageVerificationException(id, RejectionReason.NOT_EXPECTED, "it is signed by "
                    + verified.sender() + ", not by the source asked, " + exchange.getPeer());
        }
        if (verified.basis() != LegalBasis.CONSENT
                || !verified.grant().map(GrantId::value).orElse("").equals(exchange.getGrantId())
                || !verified.requestId().equals(exchange.getRequestId())) {
            throw new PackageVerificationException(id, RejectionReason.NOT_EXPECTED,
                    "it does not answer request " + exchange.getRequestId() + " under grant " + exchange.getGrantId());
        }
        if (!verified.scopes().equals(ExchangeProtos.scopesFromProto(exchange.getScopesList(), "scopes"))) {
            throw new PackageVerificationException(id, RejectionReason.SCOPE_MISMATCH, "it covers scopes "
                    + verified.scopes() + ", not the scopes asked for");
        }
        if (opening.isPresent() && !opening.get().ssid().value().equals(verified.record().getStudent().getSsid())) {
            throw new PackageVerificationException(id, RejectionReason.STUDENT_NOT_MATCHED,
                    "its records are not those of the grant's student (SSID differs)");
        }
    }

    /**
     * A received package's writes, prepared on the calling thread (the package serialized and encrypted, the keyed
     * hash of its student's index key computed) so that the writer thread only adds them to its transaction.
     */
    private record Received(PreparedValue<PackageId, StoredReceivedPackage> value, String packageKey,
            ExchangeId exchange, Optional<String> byGrantKey, Optional<String> byStudentKey, String packageId) {

        void put(StoreTransaction tx) {
            tx.put(value);
            tx.put(ExchangeStore.INDEX, packageKey, exchange.value());
            byGrantKey.ifPresent(key -> tx.put(ExchangeStore.INDEX, key, packageId));
            byStudentKey.ifPresent(key -> tx.put(ExchangeStore.INDEX, key, packageId));
        }
    }

    private Received received(ExchangeId exchange, VerifiedPackage verified, ReceiptId receipt, Instant now) {
        StoredReceivedPackage.Builder received = StoredReceivedPackage.newBuilder()
                .setPackage(verified.signed())
                .setPackageId(verified.packageId().value())
                .setSource(verified.sender().value())
                .setBasis(ExchangeProtos.basisToProto(verified.basis()))
                .setReceiptId(receipt.value())
                .setPackageHash(verified.hash().hex())
                .setReceivedAt(ExchangeProtos.timestamp(now))
                .setExchangeId(exchange.value());
        verified.grant().ifPresent(grant -> received.setGrantId(grant.value()));
        return new Received(
                outbox.store().records().prepare(ExchangeStore.RECEIVED, verified.packageId(), received.build()),
                ExchangeStore.packageKey(verified.packageId()),
                exchange,
                verified.grant().map(grant -> ExchangeStore.receivedByGrantKey(grant, verified.packageId())),
                byStudent.key(verified.record().getStudent().getSsid(), verified.packageId()),
                verified.packageId().value());
    }

    private void unstore(StoreTransaction tx, StoredExchange exchange) {
        if (exchange.getPackageId().isEmpty()) {
            return;
        }
        PackageId packageId = PackageId.of(exchange.getPackageId());
        tx.get(ExchangeStore.RECEIVED, packageId).ifPresent(stored -> {
            try {
                String ssid = PackageContent.parseFrom(stored.getPackage().getContent()).getRecord().getStudent()
                        .getSsid();
                byStudent.key(ssid, packageId).ifPresent(key -> tx.delete(ExchangeStore.INDEX, key));
            } catch (InvalidProtocolBufferException e) {
                // Verified before it was stored, so it parses; if it did not, there is no index entry to remove.
            }
        });
        tx.delete(ExchangeStore.RECEIVED, packageId);
        markForCheck(tx, packageId.value()); // a check that ran before the rejection leaves the queue
        if (!exchange.getGrantId().isEmpty()) {
            tx.delete(ExchangeStore.INDEX, ExchangeStore.receivedByGrantKey(GrantId.of(exchange.getGrantId()), packageId));
        }
    }

    // ---------------------------------------------------------------------------------------------- acknowledgments

    /** The sender's receipt as the ledger holds it (empty if it holds none), or why the ledger could not say. */
    private record ReceiptLookup(Optional<ReceiptRecord> found, Optional<LedgerUnavailableException> unavailable) {
    }

    private ReceiptLookup readReceipt(ReceiptId receiptId) {
        long reading = System.nanoTime();
        try {
            Optional<ReceiptRecord> found = ledger.call(() -> ledger.reader().receipt(receiptId));
            outbox.timed(ExchangeStep.RECEIPT_READ, reading);
            return new ReceiptLookup(found, Optional.empty());
        } catch (LedgerUnavailableException e) {
            return new ReceiptLookup(Optional.empty(), Optional.of(e));
        }
    }

    /**
     * Accepts the stored package on the ledger in one write that names the receipt this node expects: the package's
     * hash, its sender, grant or basis, scopes and sent-at time. If the ledger refuses — its receipt is missing or
     * differs, or an earlier attempt whose answer was lost already acknowledged it — the receipt is read and the
     * package accepted or rejected from what it says.
     */
    private WorkScheduler.Step acknowledge(StoredExchange exchange) {
        return acknowledge(exchange, Optional.empty());
    }

    /**
     * As {@link #acknowledge(StoredExchange)}; once the package is accepted, {@code arrival} (the package as just
     * verified and stored) goes to the data-quality check, which need not read it again.
     */
    private WorkScheduler.Step acknowledge(StoredExchange exchange, Optional<ArrivalHandoff.Accepted> arrival) {
        ExchangeId id = ExchangeId.of(exchange.getExchangeId());
        ReceiptId receiptId = ReceiptId.of(exchange.getReceiptId());
        Optional<ExchangeReceipt> expected = expectedReceipt(exchange);
        if (expected.isEmpty()) {
            return new WorkScheduler.Step.OnWorker(() -> acknowledge(exchange, readReceipt(receiptId)));
        }
        // The worker does not wait for the ledger: the acceptance's answer ends the step. Only a refusal, which
        // reads the receipt, goes back to a worker.
        long acknowledging = System.nanoTime();
        return new WorkScheduler.Step.Awaiting(ledger.callAsync(() -> ledger.writer().acceptAsync(expected.get()))
                .handle((committed, error) -> {
                    Throwable cause = ExchangeErrors.unwrap(error);
                    if (cause == null) {
                        return acknowledgedLater(id, acknowledging, arrival);
                    }
                    if (cause instanceof LedgerUnavailableException unavailable) {
                        return CompletableFuture.completedFuture(ledgerUnavailable(id, unavailable));
                    }
                    if (cause instanceof LedgerRejectedException) {
                        return CompletableFuture.<WorkScheduler.Step>completedFuture(new WorkScheduler.Step.OnWorker(
                                () -> acknowledge(exchange, readReceipt(receiptId))));
                    }
                    return CompletableFuture.<WorkScheduler.Step>failedFuture(cause);
                })
                .thenCompose(Function.identity()));
    }

    /**
     * The receipt the sender should have recorded for a stored package; empty for an exchange stored without the
     * package's signing time, or one whose package no receipt could describe (the receipt is then read and the
     * package rejected for what differs).
     */
    private Optional<ExchangeReceipt> expectedReceipt(StoredExchange exchange) {
        if (!exchange.hasSentAt()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ExchangeReceipt(ReceiptId.of(exchange.getReceiptId()),
                    ExchangeProtos.basisFromProto(exchange.getBasis()),
                    exchange.getGrantId().isEmpty() ? Optional.empty() : Optional.of(GrantId.of(exchange.getGrantId())),
                    InstitutionId.of(exchange.getPeer()), outbox.self(),
                    ExchangeProtos.scopesFromProto(exchange.getScopesList(), "scopes"),
                    Sha256.ofHex(exchange.getPackageHash()),
                    ExchangeProtos.instant(exchange.getSentAt())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private WorkScheduler.Step acknowledge(StoredExchange exchange, ReceiptLookup receipt) {
        ExchangeId id = ExchangeId.of(exchange.getExchangeId());
        ReceiptId receiptId = ReceiptId.of(exchange.getReceiptId());
        if (receipt.unavailable().isPresent()) {
            return ledgerUnavailable(id, receipt.unavailable().get());
        }
        Optional<ReceiptRecord> found = receipt.found();
        if (found.isEmpty()) {
            reject(exchange, RejectionReason.NOT_EXPECTED, "the sender's receipt " + receiptId + " is not on the ledger",
                    true);
            return WorkScheduler.DONE;
        }
        Optional<RejectionReason> problem = receiptProblem(exchange, found.get().receipt());
        if (found.get().acknowledged().isPresent()) {
            // Acknowledged by an earlier attempt whose answer was lost.
            Acknowledgment ack = found.get().acknowledged().get().acknowledgment();
            if (ack.verdict() == Verdict.ACCEPTED) {
                accepted(id);
            } else {
                reject(exchange, ack.reason().orElse(RejectionReason.OTHER), "rejected on the ledger", true);
            }
            return WorkScheduler.DONE;
        }
        if (problem.isPresent()) {
            reject(exchange, problem.get(), "the receipt on the ledger does not match the package ("
                    + problem.get() + ")", false);
            return WorkScheduler.CONTINUE;
        }
        long acknowledging = System.nanoTime();
        try {
            ledger.call(() -> ledger.writer().acknowledge(Acknowledgment.accepted(receiptId)));
        } catch (LedgerUnavailableException e) {
            return ledgerUnavailable(id, e);
        } catch (LedgerRejectedException e) {
            // ALREADY_ACKNOWLEDGED: an earlier attempt committed; read which verdict on the next step.
            return switch (e.reason()) {
                case ALREADY_ACKNOWLEDGED -> WorkScheduler.CONTINUE;
                default -> {
                    reject(exchange, RejectionReason.NOT_EXPECTED, "the ledger refused the acknowledgment: "
                            + e.reason(), true);
                    yield WorkScheduler.DONE;
                }
            };
        }
        return acknowledged(id, acknowledging);
    }

    /** The acceptance is on the ledger: times it and ends the exchange acknowledged. */
    private WorkScheduler.Step acknowledged(ExchangeId id, long acknowledging) {
        outbox.timed(ExchangeStep.ACKNOWLEDGE, acknowledging);
        long ending = System.nanoTime();
        accepted(id);
        outbox.timed(ExchangeStep.ACKNOWLEDGED_WRITE, ending);
        return WorkScheduler.DONE;
    }

    /**
     * As {@link #acknowledged}, on the thread that heard the ledger's answer: the write is queued, not waited for,
     * and the step is done once it is committed.
     */
    private CompletableFuture<WorkScheduler.Step> acknowledgedLater(ExchangeId id, long acknowledging,
            Optional<ArrivalHandoff.Accepted> arrival) {
        outbox.timed(ExchangeStep.ACKNOWLEDGE, acknowledging);
        long ending = System.nanoTime();
        StoredExchange[] ended = new StoredExchange[1];
        return outbox.writer().submitWithoutSync(ending(id, StoredExchangeState.STATE_ACKNOWLEDGED, ACCEPTED,
                        this::markAccepted, ended))
                .thenApply(committed -> {
                    if (ended[0].getState() == StoredExchangeState.STATE_ACKNOWLEDGED) {
                        arrival.filter(a -> a.packageId().value().equals(ended[0].getPackageId()))
                                .ifPresent(handoff::accepted);
                    }
                    outbox.settled(ended[0]);
                    outbox.timed(ExchangeStep.ACKNOWLEDGED_WRITE, ending);
                    return WorkScheduler.DONE;
                });
    }

    /** Counts the failed attempt and retries once the ledger is back. */
    private WorkScheduler.Step ledgerUnavailable(ExchangeId id, LedgerUnavailableException e) {
        outbox.writer().submit(tx -> Outbox.attemptFailed(tx, id, "ledger unavailable", outbox.now()));
        return new WorkScheduler.Step.Retry(Backoffs.LEDGER, e.getMessage());
    }

    private Optional<RejectionReason> receiptProblem(StoredExchange exchange, ExchangeReceipt receipt) {
        if (!receipt.packageHash().hex().equals(exchange.getPackageHash())) {
            return Optional.of(RejectionReason.PACKAGE_HASH_MISMATCH);
        }
        if (!receipt.sender().value().equals(exchange.getPeer()) || !receipt.recipient().equals(outbox.self())
                || !receipt.grant().map(GrantId::value).orElse("").equals(exchange.getGrantId())
                || receipt.basis() != ExchangeProtos.basisFromProto(exchange.getBasis())) {
            return Optional.of(RejectionReason.NOT_EXPECTED);
        }
        if (!receipt.scopes().equals(ExchangeProtos.scopesFromProto(exchange.getScopesList(), "scopes"))) {
            return Optional.of(RejectionReason.SCOPE_MISMATCH);
        }
        return Optional.empty();
    }

    /** Ends the exchange accepted, and marks its package for the data-quality rules in the same write. */
    private void accepted(ExchangeId id) {
        end(id, StoredExchangeState.STATE_ACKNOWLEDGED, ACCEPTED, this::markAccepted);
    }

    private void markAccepted(StoreTransaction tx, StoredExchange ended) {
        markForCheck(tx, ended.getPackageId());
    }

    private void markForCheck(StoreTransaction tx, String packageId) {
        if (!packageId.isEmpty()) {
            tx.put(ExchangeStore.INDEX, ExchangeStore.qualityCheckKey(outbox.store().nextMark(outbox.now()),
                    PackageId.of(packageId)), packageId);
        }
    }

    /** Drops the stored package and marks the exchange rejected; {@code recorded} when nothing is left to tell the ledger. */
    private void reject(StoredExchange exchange, RejectionReason reason, String failure, boolean recorded) {
        ExchangeId id = ExchangeId.of(exchange.getExchangeId());
        outbox.events().packageRejected(exchange.getPackageId().isEmpty() ? Optional.empty()
                : Optional.of(PackageId.of(exchange.getPackageId())), InstitutionId.of(exchange.getPeer()), reason);
        StoredExchange[] ended = new StoredExchange[1];
        outbox.writer().write(tx -> {
            ended[0] = Outbox.advance(tx, id, StoredExchangeState.STATE_REJECTED, outbox.now(), b -> b
                    .setFailure(failure)
                    .setRejection(ExchangeProtos.rejectionToProto(reason))
                    .setVerdict(ExchangeProtos.verdictToProto(Verdict.REJECTED))
                    .setRejectionRecorded(recorded));
            unstore(tx, exchange);
            if (recorded) {
                Outbox.finish(tx, id);
            }
        });
        if (recorded) {
            outbox.settled(ended[0]);
        } else {
            outbox.label(id, StoredExchangeState.STATE_REJECTED);
        }
    }

    /** Records a rejection on the ledger, if there is a receipt naming this node to reject. */
    private WorkScheduler.Step recordRejection(StoredExchange exchange) {
        ExchangeId id = ExchangeId.of(exchange.getExchangeId());
        if (!exchange.getReceiptId().isEmpty()) {
            ReceiptId receiptId = ReceiptId.of(exchange.getReceiptId());
            RejectionReason reason = exchange.getRejection()
                    == org.baton.proto.v1.RejectionReason.REJECTION_REASON_UNSPECIFIED
                    ? RejectionReason.OTHER
                    : ExchangeProtos.rejectionFromProto(exchange.getRejection());
            try {
                Optional<ReceiptRecord> found = ledger.call(() -> ledger.reader().receipt(receiptId));
                if (found.isPresent() && found.get().receipt().recipient().equals(outbox.self())
                        && found.get().acknowledged().isEmpty()) {
                    ledger.call(() -> ledger.writer().acknowledge(Acknowledgment.rejected(receiptId, reason)));
                }
            } catch (LedgerUnavailableException e) {
                return ledgerUnavailable(id, e);
            } catch (LedgerRejectedException e) {
                // Already acknowledged, or not ours to answer: nothing more can be recorded.
            }
        }
        end(id, StoredExchangeState.STATE_REJECTED, b -> b.setRejectionRecorded(true)
                .setVerdict(ExchangeProtos.verdictToProto(Verdict.REJECTED)));
        return WorkScheduler.DONE;
    }

    private void end(ExchangeId id, StoredExchangeState state, Consumer<StoredExchange.Builder> more) {
        end(id, state, more, (tx, ended) -> { });
    }

    private void end(ExchangeId id, StoredExchangeState state, Consumer<StoredExchange.Builder> more,
            BiConsumer<StoreTransaction, StoredExchange> also) {
        StoredExchange[] ended = new StoredExchange[1];
        Consumer<StoreTransaction> change = ending(id, state, more, also, ended);
        if (state == StoredExchangeState.STATE_ACKNOWLEDGED || state == StoredExchangeState.STATE_REJECTED) {
            // The ledger holds the verdict: a restart that lost this write reads it there and ends the exchange
            // the same way (acknowledge, recordRejection), so the write does not wait for the disk.
            outbox.writer().writeWithoutSync(change);
        } else {
            outbox.writer().write(change);
        }
        outbox.settled(ended[0]);
    }

    /** The write that ends an exchange in {@code state}; it leaves the exchange as stored in {@code ended[0]}. */
    private Consumer<StoreTransaction> ending(ExchangeId id, StoredExchangeState state,
            Consumer<StoredExchange.Builder> more, BiConsumer<StoreTransaction, StoredExchange> also,
            StoredExchange[] ended) {
        return tx -> {
            ended[0] = Outbox.advance(tx, id, state, outbox.now(), more);
            Outbox.finish(tx, id);
            also.accept(tx, ended[0]);
        };
    }
}
