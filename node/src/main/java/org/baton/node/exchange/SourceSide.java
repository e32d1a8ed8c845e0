package org.baton.node.exchange;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.baton.ledger.Committed;
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
import org.baton.ledger.RefusalReason;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.node.store.PreparedValue;
import org.baton.node.store.SerializedStudent;
import org.baton.node.store.StoreTransaction;
import org.baton.node.store.StoredStudent;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.ReportedGpa;
import org.baton.proto.v1.SignedPackage;
import org.baton.proto.v1.StoredExchange;
import org.baton.proto.v1.StoredExchangeKind;
import org.baton.proto.v1.StoredExchangeState;
import org.baton.proto.v1.StoredFinding;
import org.baton.proto.v1.StoredOpening;
import org.baton.proto.v1.StudentRecord;
import org.baton.trust.Consortium;
import org.baton.trust.InstitutionId;
import org.baton.trust.InstitutionKind;

/**
 * The source's side of the exchange: answering pulls, pushing on a student's request, and disclosing under a legal
 * basis. Every package is signed and kept in the outbox with its receipt id before the receipt is written to the
 * ledger, and released only after the ledger has committed the receipt — whose rules check the grant at that moment,
 * so a revocation or expiry committed before wins and a ledger outage keeps the package in (fail closed).
 */
final class SourceSide {

    private static final InstitutionId CSAC = InstitutionId.of("CSAC");
    private static final InstitutionId CDE = InstitutionId.of("CDE");
    /** Seniors of a Cal Grant GPA upload signed and kept per durable write. */
    static final int UPLOAD_CHUNK = 256;

    private final Outbox outbox;
    private final LedgerGate ledger;
    private final GrantCache grants;
    private final StudentMatcher matcher;
    private final PackageSigner signer;
    private final PeerClient peers;
    private final Backoffs backoffs;
    private final CalGrantGpaSource calGrantGpas;
    private final AgStatusSource agStatus;
    private final Consortium consortium;
    private final InstitutionKind selfKind;
    private final Map<String, CompletableFuture<PeerClient.Pulled>> serving = new ConcurrentHashMap<>();

    SourceSide(Outbox outbox, LedgerGate ledger, GrantCache grants, StudentMatcher matcher, PackageSigner signer,
            PeerClient peers, Backoffs backoffs, CalGrantGpaSource calGrantGpas, AgStatusSource agStatus,
            Consortium consortium) {
        this.outbox = outbox;
        this.ledger = ledger;
        this.grants = grants;
        this.matcher = matcher;
        this.signer = signer;
        this.peers = peers;
        this.backoffs = backoffs;
        this.calGrantGpas = calGrantGpas;
        this.agStatus = agStatus;
        this.consortium = consortium;
        this.selfKind = consortium.member(outbox.self()).orElseThrow(() -> new IllegalArgumentException(
                "institution " + outbox.self() + " is not a consortium member")).kind();
    }

    // ---------------------------------------------------------------------------------------------- pulls

    /**
     * Answers a recipient's pull. Concurrent repeats of one request wait for the first and get its answer.
     */
    PeerClient.Pulled serve(InstitutionId caller, String requestId, GrantId grant, Set<Scope> scopes,
            Optional<Opening> offered) {
        String key = ExchangeStore.requestKey(caller, requestId);
        CompletableFuture<PeerClient.Pulled> mine = new CompletableFuture<>();
        CompletableFuture<PeerClient.Pulled> running = serving.putIfAbsent(key, mine);
        if (running != null) {
            return join(running);
        }
        try {
            PeerClient.Pulled pulled = serveOnce(caller, requestId, grant, scopes, offered, key);
            mine.complete(pulled);
            return pulled;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            serving.remove(key, mine);
        }
    }

    private PeerClient.Pulled serveOnce(InstitutionId caller, String requestId, GrantId grantId, Set<Scope> scopes,
            Optional<Opening> offered, String key) {
        Optional<ExchangeId> known = outbox.store().indexedExchange(key);
        if (known.isPresent()) {
            return replay(caller, known.get(), grantId, scopes);
        }
        DraftPull draft = draftPull(caller, requestId, grantId, scopes, offered, key);
        PreparedPull prepared = draft.seal(signer.sign(draft.unsigned()).pkg());
        long writing = System.nanoTime();
        outbox.writer().write(prepared.puts());
        outbox.timed(ExchangeStep.SIGNED_WRITE, writing);
        return release(prepared.exchange(), prepared.pkg());
    }

    /** A fresh pull checked and signed: its outbox entry, its package, and what keeping them writes. */
    private record PreparedPull(StoredExchange exchange, SignedPackage pkg, Consumer<StoreTransaction> puts) {
    }

    /** A fresh pull checked, its package's content made, not yet signed. */
    private final class DraftPull {

        private final Draft draft;
        private final String key;
        private final Outbox.NewExchange inserted;
        private final List<StudentLinks.Entry> links;

        private DraftPull(Draft draft, String key, Outbox.NewExchange inserted, List<StudentLinks.Entry> links) {
            this.draft = draft;
            this.key = key;
            this.inserted = inserted;
            this.links = links;
        }

        PackageSigner.Unsigned unsigned() {
            return draft.unsigned();
        }

        /** The pull with its package signed: what keeping it writes. */
        PreparedPull seal(SignedPackage pkg) {
            StoredExchange stored = draft.exchange();
            ExchangeId id = ExchangeId.of(stored.getExchangeId());
            PreparedValue<ExchangeId, SignedPackage> packageValue =
                    outbox.store().records().prepare(ExchangeStore.PACKAGES, id, pkg);
            return new PreparedPull(stored, pkg, tx -> {
                // The pending row lets a restart find out whether the receipt reached the ledger before a crash.
                Outbox.insert(tx, inserted, true);
                tx.put(packageValue);
                tx.put(ExchangeStore.INDEX, key, id.value());
                tx.put(ExchangeStore.INDEX, ExchangeStore.receiptKey(ReceiptId.of(stored.getReceiptId())), id.value());
                StudentLinks.put(tx, links);
            });
        }
    }

    private DraftPull draftPull(InstitutionId caller, String requestId, GrantId grantId, Set<Scope> scopes,
            Optional<Opening> offered, String key) {
        long preparing = System.nanoTime();
        Instant now = outbox.now();
        GrantRecord grant = ledger.call(() -> grants.get(grantId));
        checkSourceMay(grant, caller, scopes, now);
        Opening opening = opening(grant, offered);
        SerializedStudent student = requireHeld(grant.grant(), caller, opening);
        Draft draft = draft(StoredExchangeKind.SERVE_PULL, Optional.of(grantId), LegalBasis.CONSENT, caller, scopes,
                student.id(), disclosed(student, scopes), requestId, now, ExchangeId.random());
        ExchangeId id = ExchangeId.of(draft.exchange().getExchangeId());
        Outbox.NewExchange inserted = outbox.prepare(draft.exchange());
        List<StudentLinks.Entry> links = outbox.store().studentLinkEntries(student.id(), Optional.of(grantId),
                Optional.of(id));
        outbox.timed(ExchangeStep.SERVE_PREPARE, preparing);
        return new DraftPull(draft, key, inserted, links);
    }

    /**
     * Answers several pulls of one caller, each as {@link #serve} would alone, in order. The fresh ones are checked
     * one by one, signed (together under one signature when {@code signTogether}: the caller verifies batch
     * signatures), kept in one durable write, and their receipts recorded on the ledger together; a package is
     * released only once its own receipt is committed. A request this node has seen before, one another call is
     * serving, or one repeated within the batch goes through {@link #serve} after the others.
     */
    List<PeerHandler.Served> serveBatch(InstitutionId caller, List<PeerHandler.Pull> pulls, boolean signTogether) {
        PeerHandler.Served[] served = new PeerHandler.Served[pulls.size()];
        List<Integer> later = new ArrayList<>();
        List<Integer> fresh = new ArrayList<>();
        Map<Integer, CompletableFuture<PeerClient.Pulled>> mine = new HashMap<>();
        Map<Integer, DraftPull> drafts = new HashMap<>();
        Set<String> keys = new HashSet<>();
        try {
            for (int i = 0; i < pulls.size(); i++) {
                PeerHandler.Pull pull = pulls.get(i);
                String key = ExchangeStore.requestKey(caller, pull.requestId());
                CompletableFuture<PeerClient.Pulled> future = new CompletableFuture<>();
                if (!keys.add(key) || serving.putIfAbsent(key, future) != null) {
                    later.add(i);
                    continue;
                }
                if (outbox.store().indexedExchange(key).isPresent()) {
                    serving.remove(key, future);
                    later.add(i);
                    continue;
                }
                mine.put(i, future);
                try {
                    drafts.put(i, draftPull(caller, pull.requestId(), pull.grant(), pull.scopes(), pull.opening(), key));
                    fresh.add(i);
                } catch (RuntimeException e) {
                    served[i] = PeerHandler.Served.failed(e);
                }
            }
            if (!fresh.isEmpty()) {
                keepAndRelease(fresh, seal(fresh, drafts, signTogether), served);
            }
        } catch (RuntimeException e) {
            for (int i : mine.keySet()) {
                if (served[i] == null) {
                    served[i] = PeerHandler.Served.failed(e);
                }
            }
        } finally {
            mine.forEach((i, future) -> {
                PeerHandler.Served outcome = served[i];
                if (outcome != null && outcome.pulled().isPresent()) {
                    future.complete(outcome.pulled().get());
                } else {
                    future.completeExceptionally(outcome == null ? new IllegalStateException("not served")
                            : outcome.error().orElseThrow());
                }
                serving.remove(ExchangeStore.requestKey(caller, pulls.get(i).requestId()), future);
            });
        }
        for (int i : later) {
            PeerHandler.Pull pull = pulls.get(i);
            try {
                served[i] = PeerHandler.Served.of(serve(caller, pull.requestId(), pull.grant(), pull.scopes(),
                        pull.opening()));
            } catch (RuntimeException e) {
                served[i] = PeerHandler.Served.failed(e);
            }
        }
        return Arrays.asList(served);
    }

    /** Signs the drafted pulls, together or one by one. */
    private Map<Integer, PreparedPull> seal(List<Integer> fresh, Map<Integer, DraftPull> drafts, boolean together) {
        List<PackageSigner.Unsigned> contents = fresh.stream().map(i -> drafts.get(i).unsigned()).toList();
        List<PackageSigner.Signed> signed = together
                ? signer.signTogether(contents)
                : contents.stream().map(signer::sign).toList();
        Map<Integer, PreparedPull> prepared = new HashMap<>();
        for (int at = 0; at < fresh.size(); at++) {
            int i = fresh.get(at);
            prepared.put(i, drafts.get(i).seal(signed.get(at).pkg()));
        }
        return prepared;
    }

    /** Keeps the prepared pulls in one durable write, records their receipts together, and releases each. */
    private void keepAndRelease(List<Integer> fresh, Map<Integer, PreparedPull> prepared,
            PeerHandler.Served[] served) {
        long writing = System.nanoTime();
        outbox.writer().write(tx -> {
            for (int i : fresh) {
                prepared.get(i).puts().accept(tx);
            }
        });
        outbox.timed(ExchangeStep.SIGNED_WRITE, writing);
        long recording = System.nanoTime();
        List<CompletableFuture<Committed>> receipts = ledger.writer().recordReceipts(fresh.stream()
                .map(i -> receiptOf(prepared.get(i).exchange())).toList());
        List<ExchangeId> released = new ArrayList<>();
        for (int at = 0; at < fresh.size(); at++) {
            int i = fresh.get(at);
            StoredExchange exchange = prepared.get(i).exchange();
            ExchangeId id = ExchangeId.of(exchange.getExchangeId());
            try {
                try {
                    receipts.get(at).join();
                    backoffs.succeeded(Backoffs.LEDGER);
                } catch (CompletionException e) {
                    if (e.getCause() instanceof LedgerRejectedException rejected) {
                        backoffs.succeeded(Backoffs.LEDGER);
                        receiptRefused(exchange, rejected);
                    } else if (e.getCause() instanceof LedgerUnavailableException unavailable) {
                        backoffs.failed(Backoffs.LEDGER, unavailable.getMessage());
                        outbox.writer().submit(tx -> Outbox.attemptFailed(tx, id, "ledger unavailable", outbox.now()));
                        throw unavailable;
                    } else {
                        throw e;
                    }
                }
                outbox.timed(ExchangeStep.RECEIPT, recording);
                released.add(id);
                served[i] = PeerHandler.Served.of(new PeerClient.Pulled(prepared.get(i).pkg(),
                        ReceiptId.of(exchange.getReceiptId())));
            } catch (RuntimeException e) {
                served[i] = PeerHandler.Served.failed(e);
            }
        }
        if (!released.isEmpty()) {
            // As in release: the receipts are on the ledger, so these last steps do not wait for the disk.
            outbox.writer().submitWithoutSync(tx -> {
                for (ExchangeId id : released) {
                    Outbox.advance(tx, id, StoredExchangeState.STATE_DELIVERED, outbox.now(), b -> {
                    });
                    Outbox.finish(tx, id);
                }
            });
        }
    }

    /** A request id seen before: the same package again, if the grant still allows it. */
    private PeerClient.Pulled replay(InstitutionId caller, ExchangeId id, GrantId grantId, Set<Scope> scopes) {
        StoredExchange exchange = outbox.store().exchange(id)
                .orElseThrow(() -> new IllegalStateException("request index names exchange " + id + ", which is missing"));
        if (!exchange.getGrantId().equals(grantId.value())
                || !ExchangeProtos.scopesFromProto(exchange.getScopesList(), "scopes").equals(scopes)) {
            throw new InvalidExchangeRequestException("request id " + exchange.getRequestId()
                    + " was already used for another grant or other scopes");
        }
        StoredExchangeState state = exchange.getState();
        if (state == StoredExchangeState.STATE_REFUSED) {
            throw new ConsentRefusedException(grantId, exchange.getFailure());
        }
        SignedPackage pkg = outbox.store().outboundPackage(id)
                .orElseThrow(() -> new IllegalStateException("the package of exchange " + id + " is missing"));
        if (state == StoredExchangeState.STATE_SIGNED) {
            return release(exchange, pkg);
        }
        // Released before: hand out the same package again only while the grant still allows it.
        GrantRecord fresh = ledger.call(() -> grants.fresh(grantId));
        checkSourceMay(fresh, caller, scopes, outbox.now());
        if (state == StoredExchangeState.STATE_RECEIPTED) {
            outbox.writer().submit(tx -> Outbox.advance(tx, id, StoredExchangeState.STATE_DELIVERED, outbox.now(), b -> {
            }));
        }
        return new PeerClient.Pulled(pkg, ReceiptId.of(exchange.getReceiptId()));
    }

    /** Records the receipt, then hands the package out. */
    private PeerClient.Pulled release(StoredExchange exchange, SignedPackage pkg) {
        ExchangeId id = ExchangeId.of(exchange.getExchangeId());
        long recording = System.nanoTime();
        try {
            recordReceipt(exchange);
        } catch (LedgerUnavailableException e) {
            outbox.writer().submit(tx -> Outbox.attemptFailed(tx, id, "ledger unavailable", outbox.now()));
            throw e;
        }
        outbox.timed(ExchangeStep.RECEIPT, recording);
        // The receipt is on the ledger: if the machine lost this last step, the restart would redo it from there
        // (recoverServedPull), so it does not wait for the disk.
        outbox.writer().submitWithoutSync(tx -> {
            Outbox.advance(tx, id, StoredExchangeState.STATE_DELIVERED, outbox.now(), b -> {
            });
            Outbox.finish(tx, id);
        });
        return new PeerClient.Pulled(pkg, ReceiptId.of(exchange.getReceiptId()));
    }

    // ---------------------------------------------------------------------------------------------- pushes

    ExchangeId push(GrantId grantId, Set<Scope> scopes) {
        Instant now = outbox.now();
        GrantRecord grant = ledger.call(() -> grants.get(grantId));
        InstitutionId recipient = grant.grant().recipient();
        checkSourceMay(grant, recipient, scopes, now);
        Opening opening = outbox.store().opening(grantId)
                .map(stored -> Opening.fromProto(stored.getOpening(), "stored opening"))
                .orElseThrow(() -> new OpeningMissingException(grantId));
        SerializedStudent student = requireHeld(grant.grant(), recipient, opening);
        return queueSigned(Optional.of(grantId), LegalBasis.CONSENT, recipient, scopes, student.id(),
                disclosed(student, scopes), Optional.empty(), now);
    }

    ExchangeId disclose(LegalBasis basis, StudentId studentId, InstitutionId recipient, Set<Scope> scopes) {
        Instant now = outbox.now();
        checkBasis(basis, recipient, scopes);
        StoredStudent student = outbox.store().records().student(studentId)
                .orElseThrow(() -> new StudentNotHeldException("student " + studentId));
        StudentRecord record = basis == LegalBasis.CAL_GRANT_GPA_UPLOAD
                ? calGrantRecord(student).orElseThrow(() -> new BasisNotApplicableException(basis,
                        "student " + studentId + " has no Cal Grant GPA to send"))
                : disclosed(student.record(), scopes);
        if (basis == LegalBasis.CAL_GRANT_GPA_UPLOAD && student.record().getStudent().getCalGrantGpaOptOut()) {
            throw new BasisNotApplicableException(basis, "student " + studentId + " opted out of the Cal Grant GPA upload");
        }
        return queueSigned(Optional.empty(), basis, recipient, scopes, student.id(), record.toByteArray(),
                Optional.empty(), now);
    }

    synchronized CalGrantUploadReport uploadCalGrantGpas(int academicYear) {
        if (selfKind != InstitutionKind.K12_DISTRICT) {
            throw new BasisNotApplicableException(LegalBasis.CAL_GRANT_GPA_UPLOAD,
                    "only a K-12 district uploads Cal Grant GPAs; " + outbox.self() + " is a " + selfKind);
        }
        if (academicYear < 2000 || academicYear > 2200) {
            throw new InvalidExchangeRequestException("academic year " + academicYear + " is outside 2000..2200");
        }
        String batch = "cal-grant/" + academicYear;
        List<StoredStudent> seniors;
        try (Stream<StoredStudent> students = outbox.store().records().students()) {
            seniors = students.filter(s -> s.record().getStudent().getGradeLevel() == 12).toList();
        }
        List<ExchangeId> queued = new ArrayList<>();
        List<PreparedPush> signed = new ArrayList<>();
        List<StudentId> withoutGpa = new ArrayList<>();
        int already = 0;
        int optedOut = 0;
        Set<Scope> scopes = EnumSet.of(Scope.GPA);
        for (StoredStudent senior : seniors) {
            if (signed.size() == UPLOAD_CHUNK) {
                keep(signed, queued);
            }
            if (senior.record().getStudent().getCalGrantGpaOptOut()) {
                optedOut++;
                continue;
            }
            String key = ExchangeStore.disclosureKey(batch, senior.id());
            if (outbox.store().index(key).isPresent()) {
                already++;
                continue;
            }
            Optional<StudentRecord> record = calGrantRecord(senior);
            if (record.isEmpty()) {
                withoutGpa.add(senior.id());
                continue;
            }
            signed.add(preparePush(Optional.empty(), LegalBasis.CAL_GRANT_GPA_UPLOAD, CSAC, scopes, senior.id(),
                    record.get().toByteArray(), Optional.of(key), outbox.now()));
        }
        keep(signed, queued);
        return new CalGrantUploadReport(academicYear, queued, already, optedOut, withoutGpa);
    }

    /**
     * What {@code scopes} disclose of a stored student, serialized: {@link ScopeFilter#filter(SerializedStudent, Set)},
     * followed under {@code AG_STATUS} by the a-g status evaluated from the whole record. Appending a repeated field
     * to a serialized message adds its entries, and field 11 comes after every field the filter keeps.
     */
    private byte[] disclosed(SerializedStudent student, Set<Scope> scopes) {
        byte[] filtered = ScopeFilter.filter(student, scopes);
        if (!evaluatesAgStatus(scopes)) {
            return filtered;
        }
        StudentRecord record;
        try {
            record = StudentRecord.parseFrom(student.serialized());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("the stored record of student " + student.id() + " does not parse", e);
        }
        byte[] status = StudentRecord.newBuilder().addAllAgStatus(agStatus.agStatus(record)).build().toByteArray();
        byte[] out = Arrays.copyOf(filtered, filtered.length + status.length);
        System.arraycopy(status, 0, out, filtered.length, status.length);
        return out;
    }

    /** What {@code scopes} disclose of {@code record}, with its a-g status under {@code AG_STATUS}. */
    private StudentRecord disclosed(StudentRecord record, Set<Scope> scopes) {
        StudentRecord filtered = ScopeFilter.filter(record, scopes);
        return evaluatesAgStatus(scopes)
                ? filtered.toBuilder().addAllAgStatus(agStatus.agStatus(record)).build()
                : filtered;
    }

    /**
     * Whether a package under {@code scopes} carries this node's a-g evaluation. a-g is a high-school requirement: a
     * district's record is what it is evaluated on. A college's or university's record alone would read as "missing"
     * whatever the student did in high school, so they send none; their courses go under {@code TRANSCRIPT}, where
     * the recipient's own evaluation counts them.
     */
    private boolean evaluatesAgStatus(Set<Scope> scopes) {
        return scopes.contains(Scope.AG_STATUS) && selfKind == InstitutionKind.K12_DISTRICT;
    }

    /** The student's identity and Cal Grant GPA, nothing else. */
    private Optional<StudentRecord> calGrantRecord(StoredStudent student) {
        Optional<ReportedGpa> gpa = calGrantGpas.calGrantGpa(student.record());
        return gpa.map(value -> ScopeFilter.filter(student.record(), EnumSet.noneOf(Scope.class)).toBuilder()
                .addReportedGpas(value)
                .build());
    }

    private ExchangeId queueSigned(Optional<GrantId> grant, LegalBasis basis, InstitutionId recipient, Set<Scope> scopes,
            StudentId student, byte[] record, Optional<String> disclosureKey, Instant now) {
        PreparedPush push = preparePush(grant, basis, recipient, scopes, student, record, disclosureKey, now);
        outbox.writer().write(push.puts());
        outbox.schedule(push.id(), StoredExchangeState.STATE_SIGNED);
        return push.id();
    }

    /** A push signed and ready to be kept: what keeping it writes. */
    private record PreparedPush(ExchangeId id, Consumer<StoreTransaction> puts) {
    }

    private PreparedPush preparePush(Optional<GrantId> grant, LegalBasis basis, InstitutionId recipient,
            Set<Scope> scopes, StudentId student, byte[] record, Optional<String> disclosureKey, Instant now) {
        ExchangeId id = ExchangeId.random();
        Draft draft = draft(StoredExchangeKind.SEND_PUSH, grant, basis, recipient, scopes, student, record, id.value(),
                now, id);
        StoredExchange stored = draft.exchange();
        Outbox.NewExchange inserted = outbox.prepare(stored);
        PreparedValue<ExchangeId, SignedPackage> packageValue =
                outbox.store().records().prepare(ExchangeStore.PACKAGES, id, signer.sign(draft.unsigned()).pkg());
        List<StudentLinks.Entry> links = outbox.store().studentLinkEntries(student, grant, Optional.of(id));
        return new PreparedPush(id, tx -> {
            Outbox.insert(tx, inserted, true);
            tx.put(packageValue);
            tx.put(ExchangeStore.INDEX, ExchangeStore.receiptKey(ReceiptId.of(stored.getReceiptId())), id.value());
            disclosureKey.ifPresent(key -> tx.put(ExchangeStore.INDEX, key, id.value()));
            StudentLinks.put(tx, links);
        });
    }

    /** Keeps prepared pushes in one durable write, then queues each for its receipt and delivery. */
    private void keep(List<PreparedPush> pushes, List<ExchangeId> queued) {
        if (pushes.isEmpty()) {
            return;
        }
        outbox.writer().write(tx -> pushes.forEach(push -> push.puts().accept(tx)));
        for (PreparedPush push : pushes) {
            outbox.schedule(push.id(), StoredExchangeState.STATE_SIGNED);
            queued.add(push.id());
        }
        pushes.clear();
    }

    /** Advances an outbound exchange by one step. */
    WorkScheduler.Step step(StoredExchange exchange) {
        ExchangeId id = ExchangeId.of(exchange.getExchangeId());
        if (exchange.getKind() == StoredExchangeKind.SERVE_PULL) {
            return recoverServedPull(exchange);
        }
        switch (exchange.getState()) {
            case STATE_SIGNED: {
                try {
                    recordReceipt(exchange);
                } catch (ConsentRefusedException | BasisNotApplicableException e) {
                    return WorkScheduler.DONE;
                } catch (LedgerUnavailableException e) {
                    outbox.writer().submit(tx -> Outbox.attemptFailed(tx, id, "ledger unavailable", outbox.now()));
                    return new WorkScheduler.Step.Retry(Backoffs.LEDGER, e.getMessage());
                }
                outbox.writer().write(tx -> Outbox.advance(tx, id, StoredExchangeState.STATE_RECEIPTED, outbox.now(),
                        b -> {
                        }));
                outbox.label(id, StoredExchangeState.STATE_RECEIPTED);
                return WorkScheduler.CONTINUE;
            }
            case STATE_RECEIPTED: {
                InstitutionId recipient = InstitutionId.of(exchange.getPeer());
                SignedPackage pkg = outbox.store().outboundPackage(id)
                        .orElseThrow(() -> new IllegalStateException("the package of exchange " + id + " is missing"));
                try {
                    peers.deliverRecords(recipient, pkg, ReceiptId.of(exchange.getReceiptId()));
                    backoffs.succeeded(recipient.value());
                } catch (PeerUnavailableException e) {
                    outbox.writer().submit(tx -> Outbox.attemptFailed(tx, id, e.getMessage(), outbox.now()));
                    return new WorkScheduler.Step.Retry(recipient.value(), e.getMessage());
                } catch (PeerRefusedException e) {
                    backoffs.succeeded(recipient.value());
                    end(id, StoredExchangeState.STATE_REJECTED, "the recipient refused the package: " + e.detail());
                    return WorkScheduler.DONE;
                }
                end(id, StoredExchangeState.STATE_DELIVERED, "");
                return WorkScheduler.DONE;
            }
            default:
                outbox.writer().write(tx -> Outbox.finish(tx, id));
                return WorkScheduler.DONE;
        }
    }

    /**
     * After a restart: a pull answered up to signing. If its receipt reached the ledger, note it; either way the
     * recipient's retry (same request id) completes it.
     */
    private WorkScheduler.Step recoverServedPull(StoredExchange exchange) {
        ExchangeId id = ExchangeId.of(exchange.getExchangeId());
        if (exchange.getState() == StoredExchangeState.STATE_SIGNED) {
            Optional<ReceiptRecord> receipt;
            try {
                receipt = ledger.call(() -> ledger.reader().receipt(ReceiptId.of(exchange.getReceiptId())));
            } catch (LedgerUnavailableException e) {
                return new WorkScheduler.Step.Retry(Backoffs.LEDGER, e.getMessage());
            }
            boolean ours = receipt.isPresent()
                    && receipt.get().receipt().packageHash().hex().equals(exchange.getPackageHash());
            outbox.writer().write(tx -> {
                if (ours) {
                    Outbox.advance(tx, id, StoredExchangeState.STATE_RECEIPTED, outbox.now(), b -> {
                    });
                }
                Outbox.finish(tx, id);
            });
            return WorkScheduler.DONE;
        }
        outbox.writer().write(tx -> Outbox.finish(tx, id));
        return WorkScheduler.DONE;
    }

    private void end(ExchangeId id, StoredExchangeState state, String failure) {
        StoredExchange[] ended = new StoredExchange[1];
        Consumer<StoreTransaction> change = tx -> {
            ended[0] = Outbox.advance(tx, id, state, outbox.now(), b -> {
                if (!failure.isEmpty()) {
                    b.setFailure(failure);
                }
            });
            Outbox.finish(tx, id);
        };
        if (state == StoredExchangeState.STATE_DELIVERED) {
            // The recipient holds the package: a restart that lost this write delivers it again, and the recipient
            // answers that it had it, so the write does not wait for the disk.
            outbox.writer().writeWithoutSync(change);
        } else {
            outbox.writer().write(change);
        }
        outbox.settled(ended[0]);
    }

    // ---------------------------------------------------------------------------------------------- receipts

    /**
     * Writes the exchange's receipt to the ledger; returns once the ledger holds it (also when an earlier attempt
     * whose outcome was unknown had in fact committed it).
     *
     * @throws ConsentRefusedException or {@link BasisNotApplicableException} if the ledger refuses it (the exchange
     *     is then REFUSED and its package dropped)
     * @throws LedgerUnavailableException if the ledger cannot be reached (the exchange stays SIGNED)
     */
    private void recordReceipt(StoredExchange exchange) {
        ExchangeReceipt receipt = receiptOf(exchange);
        try {
            ledger.call(() -> ledger.writer().recordReceipt(receipt));
        } catch (LedgerRejectedException e) {
            receiptRefused(exchange, e);
        }
    }

    /** The receipt an outbound exchange records. */
    private ExchangeReceipt receiptOf(StoredExchange exchange) {
        ReceiptId receiptId = ReceiptId.of(exchange.getReceiptId());
        Sha256 hash = Sha256.ofHex(exchange.getPackageHash());
        Set<Scope> scopes = ExchangeProtos.scopesFromProto(exchange.getScopesList(), "scopes");
        InstitutionId recipient = InstitutionId.of(exchange.getPeer());
        Instant sentAt = ExchangeProtos.instant(exchange.getSentAt());
        LegalBasis basis = ExchangeProtos.basisFromProto(exchange.getBasis());
        return exchange.getGrantId().isEmpty()
                ? ExchangeReceipt.underBasis(receiptId, basis, outbox.self(), recipient, scopes, hash, sentAt)
                : ExchangeReceipt.underGrant(receiptId, GrantId.of(exchange.getGrantId()), outbox.self(), recipient,
                        scopes, hash, sentAt);
    }

    /**
     * The ledger refused an exchange's receipt. Returns if the receipt is there already, for this package (an
     * earlier attempt whose outcome was unknown committed it); otherwise ends the exchange REFUSED, drops its package
     * and throws {@link ConsentRefusedException} or {@link BasisNotApplicableException}.
     */
    private void receiptRefused(StoredExchange exchange, LedgerRejectedException e) {
        ExchangeId id = ExchangeId.of(exchange.getExchangeId());
        ReceiptId receiptId = ReceiptId.of(exchange.getReceiptId());
        Sha256 hash = Sha256.ofHex(exchange.getPackageHash());
        if (e.reason() == RefusalReason.RECEIPT_ALREADY_EXISTS) {
            ReceiptRecord found = ledger.call(() -> ledger.reader().receipt(receiptId)).orElseThrow(() ->
                    new IllegalStateException("the ledger says receipt " + receiptId + " exists but cannot find it"));
            if (found.receipt().packageHash().equals(hash) && found.receipt().sender().equals(outbox.self())) {
                return;
            }
            throw new IllegalStateException("receipt id " + receiptId + " of exchange " + id
                    + " is already taken by another package");
        }
        String failure = "the ledger refused the receipt: " + e.reason() + " (" + e.detail() + ")";
        StoredExchange[] ended = new StoredExchange[1];
        outbox.writer().write(tx -> {
            ended[0] = Outbox.advance(tx, id, StoredExchangeState.STATE_REFUSED, outbox.now(),
                    b -> b.setFailure(failure));
            tx.delete(ExchangeStore.PACKAGES, id);
            Outbox.finish(tx, id);
        });
        outbox.settled(ended[0]);
        if (!exchange.getGrantId().isEmpty()) {
            GrantId grant = GrantId.of(exchange.getGrantId());
            grants.forget(grant);
            throw new ConsentRefusedException(grant, "the ledger refused the receipt: " + e.reason());
        }
        throw new BasisNotApplicableException(ExchangeProtos.basisFromProto(exchange.getBasis()),
                "the ledger refused the receipt: " + e.reason());
    }

    // ---------------------------------------------------------------------------------------------- checks

    /** What a grant must say for this node to send {@code scopes} to {@code recipient} now. */
    private void checkSourceMay(GrantRecord record, InstitutionId recipient, Set<Scope> scopes, Instant now) {
        ConsentGrant grant = record.grant();
        if (!grant.recipient().equals(recipient)) {
            throw new ConsentRefusedException(grant.id(), "institution " + recipient + " is not its recipient");
        }
        if (!grant.sources().includes(outbox.self()) || grant.recipient().equals(outbox.self())) {
            throw new ConsentRefusedException(grant.id(), "institution " + outbox.self() + " is not one of its sources");
        }
        if (!grant.covers(scopes)) {
            EnumSet<Scope> extra = EnumSet.copyOf(scopes);
            extra.removeAll(grant.scopes());
            throw new ConsentRefusedException(grant.id(), "scopes " + extra + " are not granted");
        }
        GrantStatus status = record.statusAt(now);
        if (status != GrantStatus.ACTIVE) {
            throw new ConsentRefusedException(grant.id(), "it is " + status.name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', ' '));
        }
    }

    private void checkBasis(LegalBasis basis, InstitutionId recipient, Set<Scope> scopes) {
        if (consortium.member(recipient).isEmpty()) {
            throw new InvalidExchangeRequestException("recipient " + recipient + " is not a consortium member");
        }
        if (recipient.equals(outbox.self())) {
            throw new InvalidExchangeRequestException("a node does not disclose to itself");
        }
        switch (basis) {
            case CONSENT:
                throw new InvalidExchangeRequestException("a disclosure under consent names a grant: use push");
            case CAL_GRANT_GPA_UPLOAD:
                if (selfKind != InstitutionKind.K12_DISTRICT || !recipient.equals(CSAC)
                        || !scopes.equals(EnumSet.of(Scope.GPA))) {
                    throw new BasisNotApplicableException(basis, "the Cal Grant GPA upload goes from a K-12 district to"
                            + " CSAC with the GPA scope only, not from " + outbox.self() + " to " + recipient
                            + " with " + scopes);
                }
                return;
            case SEEKS_ENROLLMENT:
                if (outbox.self().equals(CSAC) || outbox.self().equals(CDE) || recipient.equals(CSAC)
                        || recipient.equals(CDE)) {
                    throw new BasisNotApplicableException(basis, "it covers disclosures between schools and colleges,"
                            + " not from " + outbox.self() + " to " + recipient);
                }
                if (scopes.stream().anyMatch(Scope::isEligibilityFlag)) {
                    throw new BasisNotApplicableException(basis, "eligibility flags are disclosed only under consent");
                }
                return;
            default:
                throw new InvalidExchangeRequestException("unknown legal basis " + basis);
        }
    }

    /** The opening of a grant: the one this node was told, else one the caller offers if it opens the commitment. */
    private Opening opening(GrantRecord grant, Optional<Opening> offered) {
        GrantId id = grant.id();
        Optional<StoredOpening> stored = outbox.store().opening(id);
        if (stored.isPresent()) {
            return Opening.fromProto(stored.get().getOpening(), "stored opening");
        }
        if (offered.isEmpty()) {
            throw new OpeningMissingException(id);
        }
        Opening opening = offered.get();
        if (!opening.opens(grant.grant().subject())) {
            throw new InvalidExchangeRequestException("the opening does not open the subject commitment of grant " + id);
        }
        StoredOpening keep = StoredOpening.newBuilder()
                .setGrantId(id.value())
                .setOpening(opening.toProto())
                .setAttester(grant.grant().attester().value())
                .setReceivedAt(ExchangeProtos.timestamp(outbox.now()))
                .build();
        outbox.writer().submit(tx -> {
            if (tx.get(ExchangeStore.OPENINGS, id).isEmpty()) {
                tx.put(ExchangeStore.OPENINGS, id, keep);
            }
        });
        return opening;
    }

    /** The student the opening names, held here with agreeing name and birth date. */
    private SerializedStudent requireHeld(ConsentGrant grant, InstitutionId peer, Opening opening) {
        StudentMatcher.Match match = matcher.match(opening);
        if (match instanceof StudentMatcher.Match.Held held) {
            return held.student();
        }
        if (match instanceof StudentMatcher.Match.Mismatch mismatch) {
            recordMismatch(outbox, grant.id(), peer, mismatch);
            throw new IdentityMismatchException(grant.id(), mismatch.fields());
        }
        throw new StudentNotHeldException("the student of grant " + grant.id());
    }

    /** Records an identity mismatch as a data-quality finding and tells the operator. */
    static void recordMismatch(Outbox outbox, GrantId grant, InstitutionId peer, StudentMatcher.Match.Mismatch mismatch) {
        Instant now = outbox.now();
        StoredFinding finding = StoredFinding.newBuilder()
                .setKind(StoredFinding.Kind.IDENTITY_MISMATCH)
                .setGrantId(grant.value())
                .setPeer(peer.value())
                .setStudentId(mismatch.student().id().value())
                .addAllFields(mismatch.fields())
                .setFoundAt(ExchangeProtos.timestamp(now))
                .build();
        outbox.writer().write(tx -> tx.put(ExchangeStore.FINDINGS, ExchangeStore.findingKey(now), finding));
        outbox.events().identityMismatch(grant, peer, mismatch.student().id(), mismatch.fields());
    }

    // ---------------------------------------------------------------------------------------------- signing

    /** A package's content, not yet signed, and the outbox entry that will keep it (its hash already known). */
    private record Draft(StoredExchange exchange, PackageSigner.Unsigned unsigned) {
    }

    private Draft draft(StoredExchangeKind kind, Optional<GrantId> grant, LegalBasis basis,
            InstitutionId recipient, Set<Scope> scopes, StudentId student, byte[] record, String requestId,
            Instant now, ExchangeId id) {
        PackageId packageId = PackageId.random();
        PackageSigner.Unsigned unsigned = signer.content(
                new PackageSigner.Header(packageId, grant, basis, recipient, scopes, now, requestId), record);
        Sha256 hash = unsigned.hash();
        StoredExchange exchange = outbox.create(id, kind, StoredExchangeState.STATE_SIGNED, recipient, grant, basis,
                        scopes, now)
                .setRequestId(requestId)
                .setStudentId(student.value())
                .setPackageId(packageId.value())
                .setPackageHash(hash.hex())
                .setReceiptId(ReceiptId.random().value())
                .setSentAt(ExchangeProtos.timestamp(now))
                .build();
        return new Draft(exchange, unsigned);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the same request to be answered", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
