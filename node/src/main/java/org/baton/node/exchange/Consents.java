package org.baton.node.exchange;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.baton.ledger.CommitmentSalt;
import org.baton.ledger.Committed;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.LedgerRejectedException;
import org.baton.ledger.LedgerUnavailableException;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.RefusalReason;
import org.baton.ledger.Sha256;
import org.baton.ledger.SubjectCommitment;
import org.baton.ledger.Verdict;
import org.baton.node.store.StoreTransaction;
import org.baton.node.store.StoredStudent;
import org.baton.node.student.Ssid;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StoredExchange;
import org.baton.proto.v1.StoredGrant;
import org.baton.proto.v1.StoredNotification;
import org.baton.proto.v1.StoredOpening;
import org.baton.proto.v1.StoredStudentLinks;
import org.baton.proto.v1.StoredWork;
import org.baton.proto.v1.StudentRecord;
import org.baton.trust.Consortium;
import org.baton.trust.InstitutionId;

/**
 * Consent grants on both ends: the attester records a grant (with a fresh salt, keeping the opening durably before
 * the ledger is called), tells its parties the opening directly, and revokes; a party receives the opening, checks
 * it against the ledger, matches the student (sources) and, as the recipient, starts pulling. Also the per-student
 * views: grants and the access log.
 */
final class Consents implements ConsentService {

    /** How often a party that does not see the grant on the ledger yet is told again before giving up. */
    private static final int MAX_NOT_FOUND_RETRIES = 20;

    private final Outbox outbox;
    private final LedgerGate ledger;
    private final GrantCache grants;
    private final StudentMatcher matcher;
    private final PeerClient peers;
    private final Backoffs backoffs;
    private final Consortium consortium;
    private final RecipientSide recipientSide;
    private final boolean pullOnGrant;
    private final ReceivedByStudent byStudent;

    Consents(Outbox outbox, LedgerGate ledger, GrantCache grants, StudentMatcher matcher, PeerClient peers,
            Backoffs backoffs, Consortium consortium, RecipientSide recipientSide, boolean pullOnGrant,
            ReceivedByStudent byStudent) {
        this.outbox = outbox;
        this.ledger = ledger;
        this.grants = grants;
        this.matcher = matcher;
        this.peers = peers;
        this.backoffs = backoffs;
        this.consortium = consortium;
        this.recipientSide = recipientSide;
        this.pullOnGrant = pullOnGrant;
        this.byStudent = byStudent;
    }

    // ---------------------------------------------------------------------------------------------- attester

    @Override
    public GrantOutcome grant(ConsentRequest request) {
        java.util.Objects.requireNonNull(request, "request");
        Instant now = outbox.now();
        if (!request.expiresAt().isAfter(now)) {
            throw new InvalidExchangeRequestException("the consent expires at " + request.expiresAt()
                    + ", which is not after now");
        }
        checkMember(request.recipient(), "recipient");
        request.sources().named().forEach(source -> checkMember(source, "source"));
        StoredStudent student = outbox.store().records().student(request.student())
                .orElseThrow(() -> new StudentNotHeldException("student " + request.student()));
        Opening opening = openingOf(student);
        List<InstitutionId> attended = request.sources().everyAttended()
                ? attended(student, opening.ssid(), request.recipient())
                : List.of();
        if (request.sources().everyAttended() && attended.isEmpty()) {
            throw new InvalidExchangeRequestException("this node's records of student " + student.id()
                    + " name no consortium member the student attended other than the recipient; name the sources");
        }
        CommitmentSalt salt = opening.salt();
        ConsentGrant grant = new ConsentGrant(GrantId.random(), SubjectCommitment.of(salt, opening.ssid().value()),
                request.grantor(), outbox.self(), request.recipient(), request.sources(), request.scopes(),
                request.purpose(), now, request.expiresAt(), request.consentDocumentHash());
        StoredGrant stored = StoredGrant.newBuilder()
                .setGrant(LedgerProtos.grantToProto(grant))
                .setStudentId(student.id().value())
                .setCreatedAt(ExchangeProtos.timestamp(now))
                .addAllAttended(attended.stream().map(InstitutionId::value).toList())
                .build();
        StoredOpening keep = StoredOpening.newBuilder()
                .setGrantId(grant.id().value())
                .setOpening(opening.toProto())
                .setAttester(outbox.self().value())
                .setReceivedAt(ExchangeProtos.timestamp(now))
                .build();
        // The opening exists nowhere else: keep it before the ledger can commit the grant.
        outbox.writer().write(tx -> {
            tx.put(ExchangeStore.GRANTS, grant.id(), stored);
            tx.put(ExchangeStore.OPENINGS, grant.id(), keep);
            outbox.store().linkStudent(tx, student.id(), Optional.of(grant.id()), Optional.empty());
            ExchangeStore.addPending(tx, StoredWork.Kind.GRANT, grant.id().value());
        });
        try {
            record(grant.id());
        } catch (LedgerUnavailableException e) {
            outbox.schedule(work(StoredWork.Kind.GRANT, grant.id().value()), "QUEUED");
            return new GrantOutcome(grant, false);
        }
        return new GrantOutcome(grant, true);
    }

    /**
     * Writes a stored grant to the ledger, then queues its notifications (and, when this node is its recipient, its
     * pulls) in one write.
     *
     * @throws ConsentRefusedException if the ledger refuses it for good
     * @throws LedgerUnavailableException if the ledger cannot be reached (the grant stays queued)
     */
    private void record(GrantId id) {
        StoredGrant stored = outbox.store().grant(id).orElseThrow(() ->
                new IllegalStateException("grant " + id + " is queued but not stored"));
        if (stored.getRecorded() || !stored.getRefusal().isEmpty()) {
            outbox.writer().write(tx -> ExchangeStore.removePending(tx, StoredWork.Kind.GRANT, id.value()));
            return;
        }
        ConsentGrant grant = LedgerProtos.grantFromProto(stored.getGrant());
        try {
            Committed committed = ledger.call(() -> ledger.writer().createGrant(grant));
            grants.remember(new GrantRecord(grant, committed, Optional.empty()));
        } catch (LedgerRejectedException e) {
            if (e.reason() != RefusalReason.GRANT_ALREADY_EXISTS || !sameGrant(grant)) {
                String refusal = e.reason() + " (" + e.detail() + ")";
                outbox.writer().write(tx -> {
                    tx.put(ExchangeStore.GRANTS, id, stored.toBuilder().setRefusal(refusal).build());
                    ExchangeStore.removePending(tx, StoredWork.Kind.GRANT, id.value());
                });
                throw new ConsentRefusedException(id, "the ledger refused it: " + e.reason());
            }
        }
        outbox.events().grantRecorded(id, grant.recipient());
        Opening opening = outbox.store().opening(id).map(o -> Opening.fromProto(o.getOpening(), "stored opening"))
                .orElseThrow(() -> new IllegalStateException("the opening of grant " + id + " is missing"));
        List<InstitutionId> attended = institutions(stored.getAttendedList());
        Set<InstitutionId> parties = new LinkedHashSet<>();
        parties.add(grant.recipient());
        parties.addAll(grant.sources().named());
        parties.addAll(attended);
        List<StoredWork> queued = new ArrayList<>();
        List<StoredExchange> pulls = new ArrayList<>();
        Instant now = outbox.now();
        outbox.writer().write(tx -> {
            queued.clear();
            pulls.clear();
            tx.put(ExchangeStore.GRANTS, id, stored.toBuilder().setRecorded(true).build());
            ExchangeStore.removePending(tx, StoredWork.Kind.GRANT, id.value());
            for (InstitutionId party : parties) {
                if (party.equals(outbox.self())) {
                    continue;
                }
                String key = ExchangeStore.notificationKey(id, party);
                StoredNotification.Builder notification = StoredNotification.newBuilder()
                        .setGrantId(id.value()).setParty(party.value()).setOpening(opening.toProto());
                if (party.equals(grant.recipient())) {
                    notification.addAllSources(stored.getAttendedList());
                }
                tx.put(ExchangeStore.NOTIFICATIONS, key, notification.build());
                ExchangeStore.addPending(tx, StoredWork.Kind.NOTIFICATION, key);
                queued.add(work(StoredWork.Kind.NOTIFICATION, key));
            }
            if (grant.recipient().equals(outbox.self())) {
                pulls.addAll(queuePulls(tx, grant, pullSources(grant, attended), now));
            }
        });
        queued.forEach(w -> outbox.schedule(w, "QUEUED"));
        pulls.forEach(p -> outbox.schedule(ExchangeId.of(p.getExchangeId()), p.getState()));
    }

    private boolean sameGrant(ConsentGrant grant) {
        return ledger.call(() -> ledger.reader().grant(grant.id()))
                .map(found -> found.grant().equals(grant))
                .orElse(false);
    }

    @Override
    public List<InstitutionId> attended(StudentId student, InstitutionId recipient) {
        java.util.Objects.requireNonNull(recipient, "recipient");
        StoredStudent stored = outbox.store().records().student(java.util.Objects.requireNonNull(student, "student"))
                .orElseThrow(() -> new StudentNotHeldException("student " + student));
        return attended(stored, ssidOf(stored), recipient);
    }

    @Override
    public void revoke(GrantId id) {
        java.util.Objects.requireNonNull(id, "id");
        StoredGrant stored = outbox.store().grant(id).orElseThrow(() -> new UnknownGrantException(id, "attested here"));
        if (!stored.getRefusal().isEmpty()) {
            return;
        }
        try {
            ledger.call(() -> ledger.writer().revokeGrant(id));
        } catch (LedgerRejectedException e) {
            if (e.reason() == RefusalReason.GRANT_NOT_FOUND && !stored.getRecorded()) {
                // Queued during an outage and never recorded: void it here so it is never written.
                outbox.writer().write(tx -> {
                    tx.put(ExchangeStore.GRANTS, id, stored.toBuilder().setRefusal("revoked before it was recorded")
                            .build());
                    ExchangeStore.removePending(tx, StoredWork.Kind.GRANT, id.value());
                });
            } else if (e.reason() != RefusalReason.GRANT_REVOKED) {
                throw new ConsentRefusedException(id, "the ledger refused the revocation: " + e.reason());
            }
        }
        grants.forget(id);
    }

    // ---------------------------------------------------------------------------------------------- notifications

    /** Delivers one queued notification. */
    WorkScheduler.Step notifyStep(String key) {
        Optional<StoredNotification> found = outbox.store().notification(key);
        if (found.isEmpty()) {
            outbox.writer().write(tx -> ExchangeStore.removePending(tx, StoredWork.Kind.NOTIFICATION, key));
            return WorkScheduler.DONE;
        }
        StoredNotification notification = found.get();
        GrantId grant = GrantId.of(notification.getGrantId());
        InstitutionId party = InstitutionId.of(notification.getParty());
        try {
            peers.notifyGrant(party, grant, Opening.fromProto(notification.getOpening(), "stored opening"),
                    institutions(notification.getSourcesList()));
            backoffs.succeeded(party.value());
            outbox.events().grantNotified(grant, party);
        } catch (PeerUnavailableException e) {
            if (notification.getAttempts() == 0) {
                outbox.events().grantNotificationDeferred(grant, party, e.getMessage());
            }
            outbox.writer().submit(tx -> tx.put(ExchangeStore.NOTIFICATIONS, key, notification.toBuilder()
                    .setAttempts(notification.getAttempts() + 1).setLastError(e.getMessage()).build()));
            return new WorkScheduler.Step.Retry(party.value(), e.getMessage());
        } catch (PeerRefusedException e) {
            backoffs.succeeded(party.value());
            if (e.kind() == PeerRefusedException.Kind.NOT_FOUND && notification.getAttempts() < MAX_NOT_FOUND_RETRIES) {
                // The grant is committed here; a party whose view of the ledger lags behind will see it shortly.
                outbox.writer().submit(tx -> tx.put(ExchangeStore.NOTIFICATIONS, key, notification.toBuilder()
                        .setAttempts(notification.getAttempts() + 1).setLastError(e.getMessage()).build()));
                return new WorkScheduler.Step.Retry(WorkScheduler.LOCAL, e.getMessage());
            }
            outbox.events().grantNotificationDeferred(grant, party, "refused for good: " + e.detail());
        }
        outbox.writer().write(tx -> {
            tx.delete(ExchangeStore.NOTIFICATIONS, key);
            ExchangeStore.removePending(tx, StoredWork.Kind.NOTIFICATION, key);
        });
        return WorkScheduler.DONE;
    }

    /** Records a queued grant. */
    WorkScheduler.Step grantStep(String id) {
        try {
            record(GrantId.of(id));
        } catch (LedgerUnavailableException e) {
            return new WorkScheduler.Step.Retry(Backoffs.LEDGER, e.getMessage());
        } catch (ConsentRefusedException e) {
            // Recorded as refused; the portal shows it.
        }
        return WorkScheduler.DONE;
    }

    /** A party's side: the attester tells this node a grant's opening. */
    boolean receive(InstitutionId caller, GrantId id, Opening opening, List<InstitutionId> sources) {
        GrantRecord record = ledger.call(() -> grants.get(id));
        ConsentGrant grant = record.grant();
        if (!grant.attester().equals(caller)) {
            throw new CallerRefusedException(caller, "it is not the attester " + grant.attester() + " of grant " + id);
        }
        boolean recipient = grant.recipient().equals(outbox.self());
        boolean source = !recipient && grant.sources().includes(outbox.self());
        if (!recipient && !source) {
            throw new CallerRefusedException(caller, "this institution " + outbox.self() + " is not a party of grant "
                    + id);
        }
        if (!opening.opens(grant.subject())) {
            throw new InvalidExchangeRequestException("the opening does not open the subject commitment of grant " + id);
        }
        Optional<StudentId> held = Optional.empty();
        if (source) {
            StudentMatcher.Match match = matcher.match(opening);
            if (match instanceof StudentMatcher.Match.Held h) {
                held = Optional.of(h.student().id());
            } else if (match instanceof StudentMatcher.Match.Mismatch mismatch) {
                SourceSide.recordMismatch(outbox, id, caller, mismatch);
            }
        }
        Instant now = outbox.now();
        List<InstitutionId> pullFrom = recipient ? pullSources(grant, sources) : List.of();
        StoredOpening keep = StoredOpening.newBuilder()
                .setGrantId(id.value())
                .setOpening(opening.toProto())
                .setAttester(caller.value())
                .setReceivedAt(ExchangeProtos.timestamp(now))
                .addAllSources(pullFrom.stream().map(InstitutionId::value).toList())
                .build();
        Optional<StudentId> student = held;
        List<StoredExchange> pulls = new ArrayList<>();
        boolean[] changed = new boolean[1];
        outbox.writer().write(tx -> {
            pulls.clear();
            changed[0] = false;
            Optional<StoredOpening> kept = tx.get(ExchangeStore.OPENINGS, id);
            if (kept.isEmpty()) {
                tx.put(ExchangeStore.OPENINGS, id, keep);
            } else if (kept.get().getSourcesCount() == 0 && !pullFrom.isEmpty()) {
                // Kept before openings held their sources: add them.
                tx.put(ExchangeStore.OPENINGS, id, kept.get().toBuilder().addAllSources(keep.getSourcesList()).build());
                changed[0] = true;
            }
            student.ifPresent(s -> outbox.store().linkStudent(tx, s, Optional.of(id), Optional.empty()));
            if (recipient) {
                pulls.addAll(queuePulls(tx, grant, pullFrom, now));
            }
        });
        if (changed[0]) {
            outbox.store().openingChanged(id);
        }
        pulls.forEach(p -> outbox.schedule(ExchangeId.of(p.getExchangeId()), p.getState()));
        return held.isPresent();
    }

    /**
     * The sources the recipient of {@code grant} may pull from: the grant's named ones, or for a grant from every
     * institution attended those the attester found ({@code attended}); consortium members other than this node
     * only, each once.
     */
    private List<InstitutionId> pullSources(ConsentGrant grant, List<InstitutionId> attended) {
        Collection<InstitutionId> sources = grant.sources().everyAttended() ? attended : grant.sources().named();
        return sources.stream()
                .filter(source -> !source.equals(outbox.self()) && consortium.member(source).isPresent())
                .distinct()
                .toList();
    }

    /**
     * The sources this node, as the recipient of {@code grant}, may pull its records from (for a pull by hand when
     * the node does not pull on grant): those its notification gave; for a grant this node attested, those it
     * found itself; otherwise (an opening kept before openings held them) the grant's named sources as the ledger
     * has them, none for a grant from every institution attended.
     *
     * @throws OpeningMissingException if this node has not been told the grant's opening
     * @throws org.baton.ledger.LedgerUnavailableException if the ledger must be read and cannot be
     */
    List<InstitutionId> sources(GrantId id) {
        StoredOpening kept = outbox.store().opening(id).orElseThrow(() -> new OpeningMissingException(id));
        if (kept.getSourcesCount() > 0) {
            return institutions(kept.getSourcesList());
        }
        ConsentGrant grant = ledger.call(() -> grants.get(id)).grant();
        if (!grant.recipient().equals(outbox.self())) {
            return List.of();
        }
        List<InstitutionId> attended = outbox.store().grant(id).map(g -> institutions(g.getAttendedList()))
                .orElse(List.of());
        return pullSources(grant, attended);
    }

    /**
     * The recipient's pulls of a grant from each source, queued in {@code tx} once per source whatever how often
     * the grant is announced (their ids derive from grant and source).
     */
    private List<StoredExchange> queuePulls(StoreTransaction tx, ConsentGrant grant, List<InstitutionId> sources,
            Instant now) {
        List<StoredExchange> out = new ArrayList<>();
        if (!pullOnGrant) {
            return out;
        }
        for (InstitutionId source : sources) {
            ExchangeId id = pullId(grant.id(), source);
            if (tx.get(ExchangeStore.EXCHANGES, id).isPresent()) {
                continue;
            }
            StoredExchange pull = recipientSide.newPull(id, grant.id(), source, grant.scopes(), now);
            Outbox.insert(tx, pull, true);
            out.add(pull);
        }
        return out;
    }

    static ExchangeId pullId(GrantId grant, InstitutionId source) {
        byte[] digest = Sha256.hash(("pull-on-grant|" + grant.value() + "|" + source.value())
                .getBytes(StandardCharsets.US_ASCII)).bytes();
        return ExchangeId.of(HexFormat.of().formatHex(digest, 0, 16));
    }

    // ---------------------------------------------------------------------------------------------- views

    @Override
    public List<GrantSummary> grants(StudentId student) {
        java.util.Objects.requireNonNull(student, "student");
        List<GrantSummary> out = new ArrayList<>();
        Instant now = outbox.now();
        for (String value : links(student).getGrantIdsList()) {
            GrantId id = GrantId.of(value);
            Optional<StoredGrant> attested = outbox.store().grant(id);
            if (attested.isPresent() && (!attested.get().getRecorded() || !attested.get().getRefusal().isEmpty())) {
                out.add(new GrantSummary(LedgerProtos.grantFromProto(attested.get().getGrant()),
                        attested.get().getRefusal().isEmpty() ? GrantSummary.State.PENDING : GrantSummary.State.REFUSED,
                        true, institutions(attested.get().getAttendedList())));
                continue;
            }
            List<InstitutionId> attended = attested.map(g -> institutions(g.getAttendedList())).orElse(List.of());
            try {
                Optional<GrantRecord> record = ledger.call(() -> ledger.reader().grant(id));
                if (record.isPresent()) {
                    out.add(new GrantSummary(record.get().grant(),
                            GrantSummary.State.valueOf(record.get().statusAt(now).name()), attested.isPresent(),
                            attended));
                }
            } catch (LedgerUnavailableException e) {
                attested.ifPresent(g -> out.add(new GrantSummary(LedgerProtos.grantFromProto(g.getGrant()),
                        GrantSummary.State.UNKNOWN, true, attended)));
            }
        }
        out.sort(Comparator.comparing((GrantSummary s) -> s.grant().issuedAt()).reversed());
        return out;
    }

    @Override
    public List<Disclosure> accessLog(StudentId student) {
        java.util.Objects.requireNonNull(student, "student");
        StoredStudentLinks links = links(student);
        Map<ReceiptId, Disclosure> found = new LinkedHashMap<>();
        for (String value : links.getGrantIdsList()) {
            for (ReceiptRecord record : ledger.call(() -> ledger.reader().receiptsByGrant(GrantId.of(value)))) {
                found.putIfAbsent(record.id(), disclosure(record));
            }
        }
        for (String value : links.getExchangeIdsList()) {
            Optional<StoredExchange> exchange = outbox.store().exchange(ExchangeId.of(value));
            if (exchange.isEmpty() || exchange.get().getReceiptId().isEmpty()) {
                continue;
            }
            ReceiptId receipt = ReceiptId.of(exchange.get().getReceiptId());
            if (!found.containsKey(receipt)) {
                ledger.call(() -> ledger.reader().receipt(receipt)).ifPresent(r -> found.put(receipt, disclosure(r)));
            }
        }
        List<Disclosure> out = new ArrayList<>(found.values());
        out.sort(Comparator.comparing(Disclosure::sentAt).reversed());
        return out;
    }

    private static Disclosure disclosure(ReceiptRecord record) {
        return new Disclosure(record.id(), record.receipt().sentAt(), record.receipt().sender(),
                record.receipt().recipient(), record.receipt().scopes(), record.receipt().basis(),
                record.receipt().grant(),
                record.acknowledged().map(ack -> ack.acknowledgment().verdict()).map(Optional::<Verdict>of)
                        .orElse(Optional.empty()));
    }

    private StoredStudentLinks links(StudentId student) {
        return outbox.store().studentLinks(student);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private void checkMember(InstitutionId id, String role) {
        if (consortium.member(id).isEmpty()) {
            throw new InvalidExchangeRequestException(role + " " + id + " is not a consortium member");
        }
    }

    /**
     * The consortium members this node's records say the student attended, in id order, the recipient left out:
     * the institution of the student's record (this node, for its own students), of each enrollment and course
     * (with the college of a dual-enrollment course), and the sender of each record received for the student.
     *
     * @throws TooManySourcesException if they are more than a notification may name
     */
    private List<InstitutionId> attended(StoredStudent student, Ssid ssid, InstitutionId recipient) {
        StudentRecord record = student.record();
        Set<String> ids = new TreeSet<>();
        ids.add(record.getStudent().getInstitutionId());
        record.getEnrollmentsList().forEach(enrollment -> ids.add(enrollment.getInstitutionId()));
        for (CourseRecord course : record.getCoursesList()) {
            ids.add(course.getInstitutionId());
            if (course.hasCollege()) {
                ids.add(course.getCollege().getInstitutionId());
            }
        }
        for (String packageId : outbox.store().indexValues(byStudent.prefix(ssid), Integer.MAX_VALUE)) {
            outbox.store().received(PackageId.of(packageId)).ifPresent(received -> ids.add(received.getSource()));
        }
        List<InstitutionId> out = new ArrayList<>();
        for (InstitutionId id : institutions(List.copyOf(ids))) {
            if (!id.equals(recipient) && consortium.member(id).isPresent()) {
                out.add(id);
            }
        }
        if (out.size() > PeerExchangeService.MAX_SOURCES) {
            throw new TooManySourcesException(String.valueOf(student.id()), out.size(),
                    PeerExchangeService.MAX_SOURCES);
        }
        return out;
    }

    /** Institution ids as stored, those that are not valid ids left out. */
    private static List<InstitutionId> institutions(List<String> ids) {
        List<InstitutionId> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            try {
                out.add(InstitutionId.of(id));
            } catch (IllegalArgumentException e) {
                // Not an institution id: nothing to tell or pull from.
            }
        }
        return out;
    }

    /** A fresh opening for one of this node's students, from its record. */
    private static Opening openingOf(StoredStudent student) {
        Student s = student.record().getStudent();
        Ssid ssid = ssidOf(student);
        if (s.getLegalName().getLast().isBlank()) {
            throw new InvalidExchangeRequestException("student " + student.id() + " has no legal last name");
        }
        LocalDate birthDate;
        try {
            birthDate = LocalDate.parse(s.getBirthDate());
        } catch (DateTimeParseException e) {
            throw new InvalidExchangeRequestException("student " + student.id() + " has no valid birth date");
        }
        return new Opening(CommitmentSalt.random(), ssid, s.getLegalName().getFirst(), s.getLegalName().getLast(),
                birthDate);
    }

    /** The student's SSID, which a grant's subject commitment needs. */
    private static Ssid ssidOf(StoredStudent student) {
        try {
            return Ssid.of(student.record().getStudent().getSsid());
        } catch (IllegalArgumentException e) {
            throw new InvalidExchangeRequestException("student " + student.id()
                    + " has no valid SSID; a grant's subject commitment needs one");
        }
    }

    static StoredWork work(StoredWork.Kind kind, String id) {
        return StoredWork.newBuilder().setKind(kind).setId(id).build();
    }
}
