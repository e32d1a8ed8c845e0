package org.baton.node.portal.consent;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantorRole;
import org.baton.ledger.LedgerException;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.Sha256;
import org.baton.ledger.Sources;
import org.baton.ledger.Verdict;
import org.baton.ledger.protobuf.ConsentEnums;
import org.baton.node.exchange.ConsentRequest;
import org.baton.node.exchange.ConsentService;
import org.baton.node.exchange.DiscrepancyReport;
import org.baton.node.exchange.ExchangeException;
import org.baton.node.exchange.GrantOutcome;
import org.baton.node.exchange.GrantSummary;
import org.baton.node.exchange.TooManySourcesException;
import org.baton.node.portal.accounts.AccountId;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.PackageContent;
import org.baton.proto.v1.Scope;
import org.baton.proto.v1.SignedPackage;
import org.baton.trust.InstitutionId;

/**
 * The portal's consent desk over the node's exchange: grants go to the ledger (with a fresh salt and commitment)
 * and their openings to the parties; the access log is read from the ledger's receipts.
 */
final class ExchangeConsentDesk implements ConsentDesk {

    private final ConsentService consent;
    private final Function<ReceiptId, Optional<SignedPackage>> sentPackages;
    private final Function<StudentId, List<DiscrepancyReport>> reports;
    private final List<Institution> institutions;
    private final Map<InstitutionId, Institution> byId;
    private final Function<AccountId, Optional<GrantorRole>> grantorRole;
    private final Clock clock;
    private final ZoneId zone;

    ExchangeConsentDesk(ConsentService consent, Function<ReceiptId, Optional<SignedPackage>> sentPackages,
            Function<StudentId, List<DiscrepancyReport>> reports, List<Institution> institutions,
            Function<AccountId, Optional<GrantorRole>> grantorRole, Clock clock, ZoneId zone) {
        this.consent = consent;
        this.sentPackages = sentPackages;
        this.reports = reports;
        this.institutions = List.copyOf(institutions);
        this.byId = this.institutions.stream().collect(Collectors.toUnmodifiableMap(Institution::id, i -> i));
        this.grantorRole = grantorRole;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public List<Institution> institutions() {
        return institutions;
    }

    @Override
    public List<GrantView> grants(StudentId student) {
        return consent.grants(student).stream()
                .filter(summary -> summary.state() != GrantSummary.State.REFUSED)
                .map(this::view)
                .toList();
    }

    @Override
    public List<Institution> attended(StudentId student, InstitutionId recipient) {
        try {
            return consent.attended(student, recipient).stream().map(this::institution).toList();
        } catch (TooManySourcesException e) {
            throw new TooManySchoolsException(e.getMessage(), e);
        } catch (ExchangeException e) {
            return List.of();
        }
    }

    @Override
    public GrantView grant(StudentId student, GrantRequest request, AccountId grantor) {
        GrantorRole role = grantorRole.apply(grantor).orElseThrow(() -> new ConsentRejectedException("(new)",
                "only the student or a linked guardian may grant consent", null));
        // The consent ends at the end of the last day the student chose, in the institution's time zone.
        var expiresAt = request.until().plusDays(1).atStartOfDay(zone).toInstant();
        ConsentRequest consentRequest = new ConsentRequest(student, role, request.recipient(),
                request.everyAttended() ? Sources.everyInstitutionAttended() : Sources.named(request.sources()),
                ledgerScopes(request.scopes()),
                ConsentEnums.fromProto(request.purpose()), expiresAt, documentHash(student, request, grantor, role));
        try {
            GrantOutcome outcome = consent.grant(consentRequest);
            return view(new GrantSummary(outcome.grant(),
                    outcome.recorded() ? GrantSummary.State.ACTIVE : GrantSummary.State.PENDING, true));
        } catch (TooManySourcesException e) {
            throw new TooManySchoolsException(e.getMessage(), e);
        } catch (ExchangeException | LedgerException | IllegalArgumentException e) {
            throw new ConsentRejectedException("(new)", e.getMessage(), e);
        }
    }

    @Override
    public void revoke(StudentId student, String grantId, AccountId by) {
        GrantId id = ownGrant(student, grantId);
        try {
            consent.revoke(id);
        } catch (ExchangeException | LedgerException e) {
            throw new ConsentRejectedException(grantId, e.getMessage(), e);
        }
    }

    @Override
    public List<Disclosure> accessLog(StudentId student) {
        return consent.accessLog(student).stream()
                .map(d -> new Disclosure(d.receipt().value(), d.sentAt(), institution(d.sender()),
                        institution(d.recipient()), protoScopes(d.scopes()), ConsentEnums.toProto(d.basis()),
                        d.grant().map(GrantId::value), d.verdict().map(v -> v == Verdict.ACCEPTED).orElse(false)))
                .toList();
    }

    @Override
    public List<Discrepancy> discrepancies(StudentId student) {
        return reports.apply(student).stream()
                .map(r -> new Discrepancy(r.at(), r.sent(), institution(r.peer()), r.text(), r.status().name(),
                        r.answer()))
                .toList();
    }

    @Override
    public Optional<DisclosedCopy> requestCopy(StudentId student, String disclosureId, AccountId by) {
        ReceiptId receipt = consent.accessLog(student).stream()
                .map(org.baton.node.exchange.Disclosure::receipt)
                .filter(id -> id.value().equals(disclosureId))
                .findFirst()
                .orElseThrow(() -> new GrantNotFoundException(disclosureId));
        // This node keeps the packages it sent; a package another institution sent is kept there.
        return sentPackages.apply(receipt).map(pkg -> new DisclosedCopy(disclosureId, json(pkg)));
    }

    private static String json(SignedPackage pkg) {
        try {
            return JsonFormat.printer().print(PackageContent.parseFrom(pkg.getContent()));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("the package kept for this disclosure cannot be read: " + e.getMessage(),
                    e);
        }
    }

    private GrantId ownGrant(StudentId student, String grantId) {
        return consent.grants(student).stream()
                .filter(GrantSummary::attestedHere)
                .map(summary -> summary.grant().id())
                .filter(id -> id.value().equals(grantId))
                .findFirst()
                .orElseThrow(() -> new GrantNotFoundException(grantId));
    }

    private GrantView view(GrantSummary summary) {
        ConsentGrant grant = summary.grant();
        GrantView.Status status = switch (summary.state()) {
            case REVOKED -> GrantView.Status.REVOKED;
            case EXPIRED -> GrantView.Status.EXPIRED;
            default -> GrantView.Status.ACTIVE;
        };
        LocalDate until = grant.expiresAt().atZone(zone).toLocalDate().minusDays(1);
        return new GrantView(grant.id().value(), protoScopes(grant.scopes()), ConsentEnums.toProto(grant.purpose()),
                institution(grant.recipient()), (grant.sources().everyAttended() ? summary.attended()
                        : List.copyOf(grant.sources().named())).stream().map(this::institution).toList(),
                grant.sources().everyAttended(), until, grant.issuedAt(), status);
    }

    private Institution institution(InstitutionId id) {
        Institution known = byId.get(id);
        return known != null ? known : new Institution(id, id.value());
    }

    private static Set<org.baton.ledger.Scope> ledgerScopes(Set<Scope> scopes) {
        Set<org.baton.ledger.Scope> out = EnumSet.noneOf(org.baton.ledger.Scope.class);
        scopes.forEach(scope -> out.add(ConsentEnums.fromProto(scope)));
        return out;
    }

    private static Set<Scope> protoScopes(Set<org.baton.ledger.Scope> scopes) {
        return scopes.stream().map(ConsentEnums::toProto).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The hash of the consent as the grantor confirmed it (the FERPA 99.30 elements, who signed and when); the
     * document stays at this node, only its hash goes to the ledger.
     */
    private Sha256 documentHash(StudentId student, GrantRequest request, AccountId grantor, GrantorRole role) {
        String document = String.join("\n",
                "student=" + student.value(),
                "grantor=" + grantor.value() + " (" + role + ")",
                "scopes=" + request.scopes().stream().map(Enum::name).sorted().collect(Collectors.joining(",")),
                "purpose=" + request.purpose().name(),
                "recipient=" + request.recipient().value(),
                "sources=" + (request.everyAttended() ? "every institution attended"
                        : request.sources().stream().map(InstitutionId::value).collect(Collectors.joining(","))),
                "until=" + request.until(),
                "signed=" + clock.instant());
        return Sha256.hash(document.getBytes(StandardCharsets.UTF_8));
    }
}
