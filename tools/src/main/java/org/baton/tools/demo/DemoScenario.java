package org.baton.tools.demo;

import java.io.PrintWriter;
import java.time.Duration;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantorRole;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.Scope;
import org.baton.ledger.Verdict;
import org.baton.node.quality.DataQuality;
import org.baton.proto.v1.AgStatusSummary;
import org.baton.proto.v1.CountedCourses;
import org.baton.proto.v1.EvaluatedRecord;
import org.baton.proto.v1.ExchangeStatus;
import org.baton.proto.v1.ExchangeSummary;
import org.baton.proto.v1.GetReadinessRequest;
import org.baton.proto.v1.GetReadinessResponse;
import org.baton.proto.v1.GetStatusRequest;
import org.baton.proto.v1.HigherEdSystem;
import org.baton.proto.v1.IssueAccountRequest;
import org.baton.proto.v1.IssueAccountResponse;
import org.baton.proto.v1.ListExchangesRequest;
import org.baton.proto.v1.PeerExchangeGrpc;
import org.baton.proto.v1.PortalRole;
import org.baton.proto.v1.PullRecordsRequest;
import org.baton.proto.v1.PullRecordsResponse;
import org.baton.proto.v1.ReportedAgStatus;
import org.baton.proto.v1.RequestRecordsRequest;
import org.baton.proto.v1.UploadCalGrantGpasRequest;
import org.baton.proto.v1.UploadCalGrantGpasResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.LedgerException;
import org.baton.ledger.LedgerReader;
import org.baton.ledger.Page;
import org.baton.ledger.PageRequest;
import org.baton.ledger.PageToken;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.TimeRange;
import org.baton.ledger.embedded.RemoteLedger;
import org.baton.proto.v1.GetStatusResponse;
import org.baton.ledger.audit.LedgerAudit;
import org.baton.tools.demo.StepResult.Outcome;
import org.baton.trust.Consortium;
import org.baton.trust.ConsortiumCa;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.InstitutionId;
import org.baton.trust.Member;
import org.baton.trust.MutualTls;
import org.baton.trust.PeerEndpoint;

/**
 * The story the demo plays, step by step, narrating each step and checking its outcome. Every step drives the real
 * code paths — the portal's pages over HTTPS, the nodes' admin services, the exchange between the node processes,
 * the ledger — and is checked against what the ledger and the nodes then say; nothing is played with stand-ins.
 * Narration names ids, hashes and counts, never a student's name, SSID or birth date.
 */
final class DemoScenario {

    private static final Duration LEDGER_DEADLINE = Duration.ofSeconds(10);
    private static final Duration ADMIN_DEADLINE = Duration.ofSeconds(30);
    /** Guards against a hung exchange, not targets: on an idle machine each takes a second or two. */
    private static final Duration PULL_WAIT = Duration.ofSeconds(90);
    private static final Duration UPLOAD_WAIT = Duration.ofSeconds(180);
    /** How long the narration waits for a node's data-quality checks of received packages to catch up. */
    private static final Duration CHECKS_WAIT = Duration.ofSeconds(10);
    private static final ZoneId CALIFORNIA = ZoneId.of("America/Los_Angeles");
    /** A grant on the portal's consent page: the element whose id names it. */
    private static final Pattern GRANT_SECTION = Pattern.compile("id=\"grant-([0-9a-f]{32})\"");
    private static final int PAGE = 500;

    private final DemoConsortium consortium;
    private final DemoProcesses processes;
    private final PrintWriter out;
    private final List<StepResult> results = new ArrayList<>();
    private AuditorQuery audit = new AuditorQuery(Set.of(), Set.of(), result(Outcome.FAILED, "did not run"));
    private Optional<GrantId> grant = Optional.empty();
    private Optional<PortalClient> studentBrowser = Optional.empty();
    private Optional<String> studentUsername = Optional.empty();
    private List<String> pulledPackages = List.of();

    DemoScenario(DemoConsortium consortium, DemoProcesses processes, PrintWriter out) {
        this.consortium = Objects.requireNonNull(consortium, "consortium");
        this.processes = Objects.requireNonNull(processes, "processes");
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Plays every step in order. A step that needs an earlier step's outcome (the grant, the packages) fails when
     * that step did not produce it.
     *
     * @param statuses each node's status as it became ready
     * @return the outcome of every step, and the exchange and receipt counts found on the ledger
     */
    ScenarioReport play(Map<DemoInstitution, GetStatusResponse> statuses) {
        Consortium members = consortium.consortium();
        step("The consortium is up: a CA, the embedded ledger, and five nodes with their own certificates, stores "
                + "and portals",
                () -> consortiumIsUp(statuses, members));
        step("Synthetic students are loaded into Sunrise Unified and Valley Oak College",
                () -> studentsLoaded(statuses));
        step("A senior with dual-enrollment courses signs in to the Sunrise Unified portal and grants consent "
                + "(transcript + a-g status) to UC Sierra, from the district and the college",
                () -> seniorGrants(members));
        step("UC Sierra pulls from both sources; packages verified; receipts and acknowledgments on the ledger",
                () -> ucPulls(members));
        step("At UC Sierra the student's a-g status and UC/CSU GPAs include the college courses",
                this::readinessAtUc);
        step("Sunrise Unified uploads Cal Grant GPAs to CSAC for every senior who did not opt out",
                () -> calGrantUpload(members));
        step("The student revokes the grant; a further request from UC Sierra is refused",
                () -> revokeAndRefuse(members));
        step("An auditor's query shows the grants and receipts, with no personal data on the ledger", () -> {
            audit = auditorQuery(members);
            return audit.result();
        });
        return new ScenarioReport(List.copyOf(results), audit.receipts().size(), audit.receipts().size(),
                audit.grants().size());
    }

    /** The student's portal sign-in the scenario activated, if it got that far. */
    Optional<String> studentUsername() {
        return studentUsername;
    }

    // ---------------------------------------------------------------------------------------------- 2. students

    private StepResult studentsLoaded(Map<DemoInstitution, GetStatusResponse> statuses) {
        long district = statuses.get(DemoInstitution.DISTRICT).getStudentCount();
        long college = statuses.get(DemoInstitution.COLLEGE).getStudentCount();
        consortium.loaded().ifPresentOrElse(loaded -> {
            narrate("baton synth: %d students (seed %d), one district with the demo's CDS code, its college's "
                    + "PESC transcripts; in %s", loaded.generated(), DemoStudents.SEED,
                    consortium.root().resolve("synth"));
            narrate("imported into %s: %d students, %d rows (%d rejected) in %.1f s", DemoInstitution.DISTRICT.name(),
                    loaded.district().studentsWritten(), loaded.district().rowsLoaded(),
                    loaded.district().rowsRejected(), loaded.district().seconds());
            narrate("imported into %s: %d students, %d rows (%d rejected) in %.1f s", DemoInstitution.COLLEGE.name(),
                    loaded.college().studentsWritten(), loaded.college().rowsLoaded(),
                    loaded.college().rowsRejected(), loaded.college().seconds());
            narrate("data-quality rules after the imports (%.0f %% of the synthetic students carry a deliberate error): "
                    + "%s; %s; the registrars' Data quality pages list them", DemoStudents.ERROR_RATE * 100,
                    quality(DemoInstitution.DISTRICT, loaded.districtQuality()),
                    quality(DemoInstitution.COLLEGE, loaded.collegeQuality()));
        }, () -> narrate("loaded when the folder was set up; reusing it"));
        DemoStudents.Chosen chosen = consortium.students();
        narrate("the senior: student #%d at the district, #%d at the college (same SSID, name and birth date; "
                + "class of %d; not shown)", chosen.senior().value(), chosen.seniorAtCollege().value(),
                chosen.cohort());
        if (district == 0 || college == 0) {
            return result(Outcome.FAILED, "the nodes report " + district + " students at the district and " + college
                    + " at the college");
        }
        return result(Outcome.PASSED, district + " students at " + DemoInstitution.DISTRICT.name() + ", " + college
                + " at " + DemoInstitution.COLLEGE.name() + " (dual-enrollment transcripts), imported with the "
                + "importer before the nodes started; a senior with dual-enrollment courses chosen");
    }

    private static String quality(DemoInstitution institution, DataQuality.ScanReport report) {
        String byRule = report.byRule().entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                .collect(java.util.stream.Collectors.joining(", "));
        return institution.name() + " " + report.findings() + " findings" + (byRule.isEmpty() ? "" : " (" + byRule + ")");
    }

    // ---------------------------------------------------------------------------------------------- 3. consent

    private StepResult seniorGrants(Consortium members) {
        DemoStudents.Chosen chosen = consortium.students();
        IssueAccountResponse issued = processes.admin(DemoInstitution.DISTRICT, ADMIN_DEADLINE,
                admin -> admin.issueAccount(IssueAccountRequest.newBuilder()
                        .setRole(PortalRole.PORTAL_ROLE_STUDENT)
                        .setDisplayName("Demo Senior")
                        .addStudentIds(chosen.senior().value())
                        .build()));
        narrate("the district's registrar issues the senior a portal account (admin IssueAccount): one-time "
                + "activation code handed over");
        String username = consortium.created() ? DemoAccounts.STUDENT.username()
                : DemoAccounts.STUDENT.username() + "-" + (System.currentTimeMillis() / 1000 % 1_000_000);
        PortalClient browser = new PortalClient(consortium.portalUrl(DemoInstitution.DISTRICT),
                ConsortiumCa.readCertificate(consortium.caCertificate()));
        String base = "/students/" + chosen.senior().value();
        try {
            PortalClient.Page activation = browser.get("/activate?code=" + issued.getActivationCode());
            PortalClient.Page activated = browser.submit("/activate", activation, List.of(
                    Map.entry("code", issued.getActivationCode()), Map.entry("username", username),
                    Map.entry("password", DemoAccounts.PASSWORD), Map.entry("confirmation", DemoAccounts.PASSWORD)));
            if (!redirectsTo(activated, "/sign-in?notice=activated")) {
                return result(Outcome.FAILED, "activating the account answered " + activated);
            }
            narrate("activates it at %s/activate, choosing the username '%s' and a password", portal(), username);
            PortalClient.Answer signedIn = browser.signIn(username, DemoAccounts.PASSWORD);
            if (signedIn.status() != 303 || !signedIn.location().equals(Optional.of("/students"))) {
                return result(Outcome.FAILED, "signing in answered " + signedIn);
            }
            studentUsername = Optional.of(username);
            PortalClient.Page grants = browser.get(base + "/consent");
            if (grants.status() != 200) {
                return result(Outcome.FAILED, "the consent page answered " + grants);
            }
            Set<String> before = grantIds(grants.body());
            PortalClient.Page form = browser.get(base + "/consent/new");
            if (form.status() != 200) {
                return result(Outcome.FAILED, "the consent form answered " + form);
            }
            List<Map.Entry<String, String>> fields = List.of(
                    Map.entry("scope", org.baton.proto.v1.Scope.SCOPE_TRANSCRIPT.name()),
                    Map.entry("scope", org.baton.proto.v1.Scope.SCOPE_AG_STATUS.name()),
                    Map.entry("purpose", org.baton.proto.v1.Purpose.PURPOSE_ADMISSION.name()),
                    Map.entry("recipient", DemoInstitution.UC.id().value()),
                    Map.entry("source", DemoInstitution.DISTRICT.id().value()),
                    Map.entry("source", DemoInstitution.COLLEGE.id().value()),
                    Map.entry("until", LocalDate.now(CALIFORNIA).plusYears(1).toString()));
            PortalClient.Page review = browser.submit(base + "/consent/review", form, fields);
            if (review.status() != 200) {
                return result(Outcome.FAILED, "reviewing the grant answered " + review);
            }
            narrate("signs in, opens Consent, ticks transcript + a-g status for UC Sierra from %s and %s, purpose "
                    + "admission, reviews", DemoInstitution.DISTRICT.name(), DemoInstitution.COLLEGE.name());
            PortalClient.Page confirmed = browser.submit(base + "/consent", review, fields);
            if (!redirectsTo(confirmed, base + "/consent?notice=consent-granted")) {
                return result(Outcome.FAILED, "confirming the grant answered " + confirmed);
            }
            Set<String> after = grantIds(browser.get(base + "/consent").body());
            after.removeAll(before);
            if (after.size() != 1) {
                return result(Outcome.FAILED, "the consent page lists " + after.size() + " new grants, not 1");
            }
            grant = Optional.of(GrantId.of(after.iterator().next()));
            studentBrowser = Optional.of(browser);
        } catch (java.io.IOException e) {
            return result(Outcome.FAILED, "the district portal did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result(Outcome.FAILED, "interrupted");
        }
        GrantId id = grant.get();
        Optional<GrantRecord> onLedger = awaitLedger(members, Duration.ofSeconds(30),
                reader -> reader.grant(id), Optional::isPresent).flatMap(found -> found);
        if (onLedger.isEmpty()) {
            return result(Outcome.FAILED, "grant " + id + " is not on the ledger after 30 s");
        }
        ConsentGrant recorded = onLedger.get().grant();
        narrate("grant %s on the ledger: %s → %s, sources %s, scopes %s, purpose %s, subject commitment %s… (no "
                + "identity)", id, recorded.attester(), recorded.recipient(), sourcesOf(recorded), recorded.scopes(),
                recorded.purpose(), recorded.subject().toString().substring(0, Math.min(24,
                        recorded.subject().toString().length())));
        List<String> problems = new ArrayList<>();
        if (!recorded.recipient().equals(DemoInstitution.UC.id())) {
            problems.add("its recipient is " + recorded.recipient());
        }
        if (!recorded.sources().includes(DemoInstitution.DISTRICT.id())
                || !recorded.sources().includes(DemoInstitution.COLLEGE.id())) {
            problems.add("its sources are " + sourcesOf(recorded));
        }
        if (!recorded.scopes().equals(Set.of(Scope.TRANSCRIPT, Scope.AG_STATUS))) {
            problems.add("its scopes are " + recorded.scopes());
        }
        if (recorded.grantor() != GrantorRole.STUDENT) {
            problems.add("its grantor is " + recorded.grantor());
        }
        return problems.isEmpty()
                ? result(Outcome.PASSED, "the senior activated an account, signed in and granted consent through the "
                        + "portal's pages (HTTPS, session cookie, CSRF tokens); grant " + id + " is on the ledger as "
                        + "asked")
                : result(Outcome.FAILED, "grant " + id + " on the ledger is not as asked: " + String.join("; ",
                        problems));
    }

    private static Set<String> grantIds(String html) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher matcher = GRANT_SECTION.matcher(html);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    private static boolean redirectsTo(PortalClient.Page page, String location) {
        return page.status() == 303 && page.location().equals(Optional.of(location));
    }

    private String portal() {
        String url = consortium.portalUrl(DemoInstitution.DISTRICT).toString();
        return url.substring(0, url.length() - 1);
    }

    private static String sourcesOf(ConsentGrant grant) {
        List<String> named = new ArrayList<>();
        for (DemoInstitution institution : DemoInstitution.NODES) {
            if (grant.sources().includes(institution.id())) {
                named.add(institution.id().value());
            }
        }
        return named.toString();
    }

    // ---------------------------------------------------------------------------------------------- 4. pull

    private StepResult ucPulls(Consortium members) {
        if (grant.isEmpty()) {
            return result(Outcome.FAILED, "there is no grant: step 3 did not record one");
        }
        GrantId id = grant.get();
        Optional<List<ReceiptRecord>> settled = awaitLedger(members, PULL_WAIT, reader -> reader.receiptsByGrant(id),
                receipts -> acceptedFrom(receipts, DemoInstitution.DISTRICT) && acceptedFrom(receipts,
                        DemoInstitution.COLLEGE));
        List<ReceiptRecord> receipts = settled.orElseGet(() -> readLedger(members, reader -> reader.receiptsByGrant(id)));
        Map<String, ExchangeSummary> atUc = new HashMap<>();
        for (ExchangeSummary exchange : processes.admin(DemoInstitution.UC, ADMIN_DEADLINE,
                admin -> admin.listExchanges(ListExchangesRequest.newBuilder().setLimit(100).build()))
                .getExchangesList()) {
            atUc.put(exchange.getReceiptId(), exchange);
        }
        for (ReceiptRecord receipt : receipts) {
            ExchangeReceipt r = receipt.receipt();
            ExchangeSummary exchange = atUc.get(r.id().value());
            narrate("%-34s → UC Sierra: package %s, SHA-256 %s…, receipt %s, %s", nameOf(r.sender()),
                    exchange == null ? "?" : exchange.getPackageId(), r.packageHash().hex().substring(0, 16), r.id(),
                    receipt.acknowledged().map(a -> "acknowledged " + a.acknowledgment().verdict()).orElse(
                            "not acknowledged"));
        }
        if (settled.isEmpty()) {
            return result(Outcome.FAILED, "after " + PULL_WAIT.toSeconds() + " s the ledger holds " + receipts.size()
                    + " receipts under grant " + id + ", not an accepted one from each source");
        }
        pulledPackages = receipts.stream().map(r -> atUc.get(r.receipt().id().value())).filter(Objects::nonNull)
                .map(ExchangeSummary::getPackageId).toList();
        return result(Outcome.PASSED, "UC Sierra pulled on the grant's notice from both sources; each package "
                + "verified (signature, certificate, hash) and stored apart; receipts by the district and the college, "
                + "each acknowledged ACCEPTED by UC Sierra on the ledger");
    }

    private static boolean acceptedFrom(List<ReceiptRecord> receipts, DemoInstitution source) {
        return receipts.stream().anyMatch(r -> r.receipt().sender().equals(source.id())
                && r.receipt().recipient().equals(DemoInstitution.UC.id())
                && r.acknowledged().map(a -> a.acknowledgment().verdict() == Verdict.ACCEPTED).orElse(false));
    }

    // ---------------------------------------------------------------------------------------------- 5. readiness

    private StepResult readinessAtUc() {
        if (pulledPackages.isEmpty()) {
            return result(Outcome.FAILED, "UC Sierra received no packages in step 4");
        }
        GetReadinessResponse readiness = processes.admin(DemoInstitution.UC, ADMIN_DEADLINE,
                admin -> admin.getReadiness(GetReadinessRequest.newBuilder()
                        .setSsid(consortium.students().seniorSsid().value()).build()));
        for (EvaluatedRecord record : readiness.getRecordsList()) {
            narrate("read: %s record from %s (package %s, %d course records)",
                    record.getPackageId().isEmpty() ? "own" : "received", nameOf(InstitutionId.of(
                            record.getInstitutionId())), record.getPackageId().isEmpty() ? "-" : record.getPackageId(),
                    record.getCourses());
        }
        narrate("UC a-g %s (%d semesters), CSU a-g %s (%d semesters); UC GPA %s, CSU GPA %s (capped weighted)",
                readiness.getUcAgStatus(), readiness.getUcAgSemestersCompleted(), readiness.getCsuAgStatus(),
                readiness.getCsuAgSemestersCompleted(), orNone(readiness.getUcGpa()), orNone(readiness.getCsuGpa()));
        for (ReportedAgStatus reported : readiness.getReportedAgStatusList()) {
            AgStatusSummary summary = reported.getSummary();
            narrate("reported by %-32s %s a-g %s (%d semesters), as it evaluated its own record on %s",
                    nameOf(InstitutionId.of(reported.getInstitutionId())) + ":",
                    summary.getSystem() == HigherEdSystem.SYSTEM_UC ? "UC" : "CSU",
                    summary.getStatus().name().replaceFirst("^AG_", ""), summary.getSemestersCompleted(),
                    summary.getAsOf());
        }
        CountedCourses fromCollege = CountedCourses.getDefaultInstance();
        for (CountedCourses counted : readiness.getCountedList()) {
            narrate("counted from %-34s %2d UC a-g semesters, %2d UC GPA grades, %2d CSU GPA grades, %d college "
                    + "courses", nameOf(InstitutionId.of(counted.getInstitutionId())) + ":", counted.getUcAgCredits(),
                    counted.getUcGpaGrades(), counted.getCsuGpaGrades(), counted.getCollegeCourses());
            if (counted.getInstitutionId().equals(DemoInstitution.COLLEGE.id().value())) {
                fromCollege = counted;
            }
        }
        boolean bothRead = readiness.getRecordsList().stream().anyMatch(r -> r.getInstitutionId().equals(
                DemoInstitution.COLLEGE.id().value()) && !r.getPackageId().isEmpty())
                && readiness.getRecordsList().stream().anyMatch(r -> r.getInstitutionId().equals(
                        DemoInstitution.DISTRICT.id().value()) && !r.getPackageId().isEmpty());
        if (!bothRead) {
            return result(Outcome.FAILED, "the readiness engine at UC Sierra did not read a received package from "
                    + "each source");
        }
        if (fromCollege.getCollegeCourses() < 1
                || fromCollege.getUcAgCredits() + fromCollege.getUcGpaGrades() + fromCollege.getCsuGpaGrades() == 0) {
            return result(Outcome.FAILED, "the evaluation counted no college course from Valley Oak College's package");
        }
        return result(Outcome.PASSED, "UC Sierra's readiness engine read both received packages (by the student's "
                + "SSID index) and counted " + fromCollege.getCollegeCourses() + " college course(s) from Valley Oak "
                + "College in the a-g status and GPAs");
    }

    private static String orNone(String value) {
        return value.isEmpty() ? "none" : value;
    }

    // ---------------------------------------------------------------------------------------------- 6. Cal Grant

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ExchangeStatus csacStatus() {
        return processes.admin(DemoInstitution.CSAC, ADMIN_DEADLINE,
                admin -> admin.getStatus(GetStatusRequest.getDefaultInstance())).getExchange();
    }

    private StepResult calGrantUpload(Consortium members) {
        int year = consortium.students().seniorYear();
        UploadCalGrantGpasResponse upload = processes.admin(DemoInstitution.DISTRICT, ADMIN_DEADLINE,
                admin -> admin.uploadCalGrantGpas(UploadCalGrantGpasRequest.newBuilder().setAcademicYear(year)
                        .build()));
        int expected = upload.getExchangeIdsCount() + upload.getAlreadyUploaded();
        narrate("Sunrise Unified runs the %d-%d upload (admin UploadCalGrantGpas): %d seniors queued, %d uploaded "
                + "before, %d opted out (not sent), %d without a GPA", year, year + 1, upload.getExchangeIdsCount(),
                upload.getAlreadyUploaded(), upload.getOptedOut(), upload.getWithoutGpa());
        if (expected == 0) {
            return result(Outcome.FAILED, "no senior was uploaded");
        }
        Optional<List<ReceiptRecord>> done = awaitLedger(members, UPLOAD_WAIT,
                reader -> calGrantReceipts(reader), receipts -> receipts.size() >= expected
                        && receipts.stream().allMatch(r -> r.acknowledged().map(a -> a.acknowledgment().verdict()
                                == Verdict.ACCEPTED).orElse(false)));
        List<ReceiptRecord> receipts = done.orElseGet(() -> readLedger(members, this::calGrantReceipts));
        long acknowledged = receipts.stream().filter(r -> r.acknowledged().isPresent()).count();
        narrate("ledger: %d receipts Sunrise Unified → CSAC under legal basis %s (no grant), %d acknowledged by CSAC",
                receipts.size(), LegalBasis.CAL_GRANT_GPA_UPLOAD, acknowledged);
        // The checks run apart from the exchange; give them a few seconds to catch up before saying what they found.
        ExchangeStatus atCsac = csacStatus();
        for (long until = System.nanoTime() + CHECKS_WAIT.toNanos();
                atCsac.getReceivedAwaitingCheck() > 0 && System.nanoTime() < until
                        && !Thread.currentThread().isInterrupted(); atCsac = csacStatus()) {
            sleep(Duration.ofMillis(200));
        }
        narrate("CSAC's data-quality rules check each package as it is accepted: findings %d, in %d packages "
                + "(%d still to check), on its registrar's queue", atCsac.getReceivedOpenFindings(),
                atCsac.getReceivedPackagesWithFindings(), atCsac.getReceivedAwaitingCheck());
        if (done.isEmpty()) {
            return result(Outcome.FAILED, "after " + UPLOAD_WAIT.toSeconds() + " s the ledger holds " + receipts.size()
                    + " Cal Grant receipts (" + acknowledged + " acknowledged), not " + expected + " accepted");
        }
        return result(Outcome.PASSED, expected + " seniors' Cal Grant GPAs (identity and GPA only) went to CSAC under "
                + "the statutory basis, each with a receipt on the ledger that CSAC acknowledged ACCEPTED; "
                + upload.getOptedOut() + " opted out and were not sent");
    }

    private List<ReceiptRecord> calGrantReceipts(LedgerReader reader) {
        return allReceipts(reader, DemoInstitution.CSAC.id()).stream()
                .filter(r -> r.receipt().basis() == LegalBasis.CAL_GRANT_GPA_UPLOAD
                        && r.receipt().sender().equals(DemoInstitution.DISTRICT.id())
                        && r.receipt().recipient().equals(DemoInstitution.CSAC.id()))
                .toList();
    }

    // ---------------------------------------------------------------------------------------------- 7. revoke

    private StepResult revokeAndRefuse(Consortium members) {
        if (grant.isEmpty() || studentBrowser.isEmpty()) {
            return result(Outcome.FAILED, "there is no grant to revoke: step 3 did not record one");
        }
        GrantId id = grant.get();
        PortalClient browser = studentBrowser.get();
        String base = "/students/" + consortium.students().senior().value();
        try {
            PortalClient.Page grants = browser.get(base + "/consent");
            if (grants.status() != 200 || !grants.body().contains("/consent/" + id.value() + "/revoke")) {
                return result(Outcome.FAILED, "the consent page (" + grants + ") offers no revoke for grant " + id);
            }
            PortalClient.Page revoked = browser.submit(base + "/consent/" + id.value() + "/revoke", grants, List.of());
            if (!redirectsTo(revoked, base + "/consent?notice=consent-revoked")) {
                return result(Outcome.FAILED, "revoking answered " + revoked);
            }
        } catch (java.io.IOException e) {
            return result(Outcome.FAILED, "the district portal did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result(Outcome.FAILED, "interrupted");
        }
        Optional<GrantRecord> onLedger = readLedger(members, reader -> reader.grant(id));
        if (onLedger.isEmpty() || onLedger.get().revoked().isEmpty()) {
            return result(Outcome.FAILED, "the portal said revoked, but the ledger does not show grant " + id
                    + " revoked");
        }
        narrate("the senior clicks Revoke on the consent page; the ledger shows grant %s %s", id,
                onLedger.get().statusAt(java.time.Instant.now()));
        PullRecordsResponse again = processes.admin(DemoInstitution.UC, Duration.ofSeconds(40),
                admin -> admin.pullRecords(PullRecordsRequest.newBuilder()
                        .setGrantId(id.value())
                        .setSourceInstitutionId(DemoInstitution.DISTRICT.id().value())
                        .addScopes(Scope.TRANSCRIPT.name())
                        .setWaitMillis(30_000)
                        .build()));
        narrate("UC Sierra asks %s again (admin PullRecords): %s%s — %s", DemoInstitution.DISTRICT.name(),
                again.getState(), again.getRefusedBy().isEmpty() ? "" : " by " + nameOf(InstitutionId.of(
                        again.getRefusedBy())), again.getFailure());
        if (!again.getState().equals("REFUSED")) {
            return result(Outcome.FAILED, "the request after the revocation ended " + again.getState()
                    + (again.getPackageId().isEmpty() ? "" : " with package " + again.getPackageId()));
        }
        if (!again.getFailure().contains("revoked")) {
            return result(Outcome.FAILED, "the request was refused, but not for the revocation: "
                    + again.getFailure());
        }
        // Whichever side refused first, the source must refuse too: ask it directly, as UC Sierra (its TLS key).
        Optional<Status> source = askSourceAsUc(members, id);
        if (source.isEmpty()) {
            return result(Outcome.FAILED, "asked directly after the revocation, " + DemoInstitution.DISTRICT.name()
                    + " released the records");
        }
        narrate("and %s itself, asked over mutual TLS with UC Sierra's certificate (PeerExchange RequestRecords): %s "
                + "— %s", DemoInstitution.DISTRICT.name(), source.get().getCode(), source.get().getDescription());
        if (source.get().getCode() != Status.Code.PERMISSION_DENIED || source.get().getDescription() == null
                || !source.get().getDescription().contains("revoked")) {
            return result(Outcome.FAILED, "the source answered the request after the revocation with "
                    + source.get().getCode() + ": " + source.get().getDescription());
        }
        return result(Outcome.PASSED, "revoked in one step through the portal; the revocation is on the ledger; UC "
                + "Sierra's next request was refused (" + (again.getRefusedBy().equals(
                        DemoInstitution.DISTRICT.id().value()) ? "by the source" : "by its own check of the ledger")
                + ") and the source refuses it too (PERMISSION_DENIED: revoked); no package sent");
    }

    /** Asks the district for the grant's records over the peer protocol as UC Sierra; empty if it released them. */
    private Optional<Status> askSourceAsUc(Consortium members, GrantId id) {
        Member district = members.member(DemoInstitution.DISTRICT.id()).orElseThrow(() -> new DemoException(
                consortium.consortiumFile() + " does not list " + DemoInstitution.DISTRICT.id()));
        InstitutionCredentials uc = InstitutionCredentials.load(consortium.credentials(DemoInstitution.UC));
        ManagedChannel channel = Grpc.newChannelBuilderForAddress(district.endpoint().host(),
                district.endpoint().port(), MutualTls.channelCredentials(uc, district)).build();
        try {
            byte[] requestId = new byte[16];
            new java.security.SecureRandom().nextBytes(requestId);
            PeerExchangeGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                    .requestRecords(RequestRecordsRequest.newBuilder()
                            .setRequestId(java.util.HexFormat.of().formatHex(requestId))
                            .setGrantId(id.value())
                            .addScopes(org.baton.proto.v1.Scope.SCOPE_TRANSCRIPT)
                            .build());
            return Optional.empty();
        } catch (StatusRuntimeException e) {
            return Optional.of(e.getStatus());
        } finally {
            channel.shutdownNow();
        }
    }

    // ---------------------------------------------------------------------------------------------- ledger reads

    private interface LedgerRead<T> {
        T read(LedgerReader reader);
    }

    /** Reads the ledger as the auditor. */
    private <T> T readLedger(Consortium members, LedgerRead<T> read) {
        try (RemoteLedger ledger = connect(members)) {
            return read.read(ledger.reader());
        }
    }

    /** Reads the ledger every 200 ms until {@code done} holds or {@code wait} has passed. */
    private <T> Optional<T> awaitLedger(Consortium members, Duration wait, LedgerRead<T> read,
            java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + wait.toNanos();
        try (RemoteLedger ledger = connect(members)) {
            while (true) {
                T value = read.read(ledger.reader());
                if (done.test(value)) {
                    return Optional.of(value);
                }
                if (System.nanoTime() > deadline) {
                    return Optional.empty();
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
    }

    private static String nameOf(InstitutionId id) {
        return DemoInstitution.MEMBERS.stream().filter(m -> m.id().equals(id)).map(DemoInstitution::name)
                .findFirst().orElse(id.value());
    }

    private StepResult consortiumIsUp(Map<DemoInstitution, GetStatusResponse> statuses, Consortium members) {
        List<String> problems = new ArrayList<>();
        for (DemoInstitution node : DemoInstitution.NODES) {
            GetStatusResponse status = statuses.get(node);
            if (status == null) {
                problems.add(node.name() + " did not report its status");
                continue;
            }
            if (!status.getInstitutionId().equals(node.id().value())) {
                problems.add(node.name() + " reports institution " + status.getInstitutionId());
            }
            if (status.getConsortiumMembers() != DemoInstitution.MEMBERS.size()) {
                problems.add(node.name() + " sees " + status.getConsortiumMembers() + " consortium members, not "
                        + DemoInstitution.MEMBERS.size());
            }
            narrate("%-34s %-14s peer 127.0.0.1:%d  admin :%d  store schema v%d", node.name(), node.id(),
                    consortium.ports().peer(node), consortium.ports().admin(node), status.getStoreSchemaVersion());
        }
        try (RemoteLedger ledger = connect(members)) {
            ledger.reader().grantsByInstitution(DemoInstitution.DISTRICT.id(), TimeRange.all(), PageRequest.first(1));
            narrate("%-34s %-14s ledger 127.0.0.1:%d (mutual TLS; read as CDE)", DemoInstitution.OPERATOR.name(),
                    DemoInstitution.OPERATOR.id(), consortium.ports().ledger());
        } catch (LedgerException e) {
            problems.add("the ledger did not answer a read: " + e.getMessage());
        }
        problems.addAll(portalsAnswer());
        if (!processes.exited().isEmpty()) {
            problems.add("processes exited: " + processes.exited().stream().map(DemoInstitution::name).toList());
        }
        return problems.isEmpty()
                ? result(Outcome.PASSED, "5 nodes answer their admin service with the right institution and "
                        + DemoInstitution.MEMBERS.size() + " consortium members; each portal accepts the demo "
                        + "counselor's sign-in over HTTPS and refuses a wrong password; the ledger answers over mutual "
                        + "TLS")
                : result(Outcome.FAILED, String.join("; ", problems));
    }

    /** Signs in to every portal as the demo counselor, and with a wrong password; returns what went wrong. */
    private List<String> portalsAnswer() {
        List<String> problems = new ArrayList<>();
        java.security.cert.X509Certificate ca = ConsortiumCa.readCertificate(consortium.caCertificate());
        for (DemoInstitution node : DemoInstitution.NODES) {
            try {
                PortalClient.Answer right = new PortalClient(consortium.portalUrl(node), ca)
                        .signIn("counselor", DemoAccounts.PASSWORD);
                PortalClient.Answer wrong = new PortalClient(consortium.portalUrl(node), ca)
                        .signIn("counselor", "not-the-demo-password");
                if (right.status() != 303 || !right.location().equals(Optional.of("/sign-in/enroll"))) {
                    problems.add(node.name() + " portal answered the counselor's sign-in with " + right);
                } else if (wrong.status() != 401) {
                    problems.add(node.name() + " portal answered a wrong password with " + wrong);
                } else {
                    narrate("%-34s portal %s: counselor signed in (next: enroll an authenticator); wrong password "
                            + "refused", node.name(), consortium.portalUrl(node));
                }
            } catch (java.io.IOException e) {
                problems.add(node.name() + " portal at " + consortium.portalUrl(node) + " did not answer: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problems.add("interrupted while signing in to " + node.name());
                break;
            }
        }
        return problems;
    }

    /** What the auditor found on the ledger, and the step's outcome. */
    private record AuditorQuery(Set<GrantId> grants, Set<ReceiptId> receipts, StepResult result) {
    }

    private AuditorQuery auditorQuery(Consortium members) {
        Set<GrantId> grants = new LinkedHashSet<>();
        Set<ReceiptId> receipts = new LinkedHashSet<>();
        LedgerAudit.Report audit;
        try (RemoteLedger ledger = connect(members)) {
            // What `baton audit` does: every grant and receipt of the nodes, each disclosure against its grant.
            audit = new LedgerAudit(Duration.ofDays(7)).audit(ledger.reader(),
                    DemoInstitution.NODES.stream().map(DemoInstitution::id).toList(), TimeRange.all(), Instant.now());
        } catch (LedgerException e) {
            return new AuditorQuery(grants, receipts, result(Outcome.FAILED,
                    "the auditor's query of the ledger failed: " + e.getMessage()));
        }
        List<String> returned = new ArrayList<>();
        audit.grants().forEach(grant -> {
            grants.add(grant.id());
            returned.add(grant.toString());
        });
        audit.receipts().forEach(receipt -> {
            receipts.add(receipt.id());
            returned.add(receipt.toString());
        });
        long acknowledged = audit.acknowledged();
        narrate("auditor (CDE) reads the ledger: %d grants, %d receipts, %d acknowledged", grants.size(),
                receipts.size(), acknowledged);
        long breaches = audit.findings().stream().filter(f -> f.kind().breach()).count();
        long rejected = audit.countByKind().get(LedgerAudit.Kind.REJECTED);
        narrate("auditor checks each receipt against its grant (baton audit): %d disclosures outside their consent,"
                + " %d rejected by their recipient", breaches, rejected);
        if (breaches > 0 || rejected > 0) {
            return new AuditorQuery(grants, receipts, result(Outcome.FAILED, "the audit of the ledger found "
                    + audit.countByKind() + " (see baton audit)"));
        }
        if (grants.isEmpty() || receipts.isEmpty()) {
            return new AuditorQuery(grants, receipts, result(Outcome.FAILED, "the ledger holds " + grants.size()
                    + " grants and " + receipts.size() + " receipts; the scenario should have left both"));
        }
        Set<String> identifiers = DemoStudents.identifiers(consortium.root());
        int found = 0;
        for (String text : returned) {
            for (String identifier : identifiers) {
                if (text.contains(identifier)) {
                    found++;
                }
            }
        }
        narrate("searched everything the ledger returned (%d records) for the %d SSIDs, names and birth dates of "
                + "the synthetic students: %d found", returned.size(), identifiers.size(), found);
        if (found > 0) {
            return new AuditorQuery(grants, receipts, result(Outcome.FAILED, found + " SSIDs, names or birth dates "
                    + "of the demo's students appear in what the ledger returned"));
        }
        return new AuditorQuery(grants, receipts, result(Outcome.PASSED, grants.size() + " grants and "
                + receipts.size() + " receipts (" + acknowledged + " acknowledged) visible to the auditor, who reads "
                + "the ledger only; each disclosure within its consent; none carries a student's SSID, name or birth date (subjects are salted "
                + "commitments)"));
    }

    private static List<ReceiptRecord> allReceipts(LedgerReader reader, InstitutionId institution) {
        List<ReceiptRecord> all = new ArrayList<>();
        Optional<PageToken> next = Optional.empty();
        do {
            Page<ReceiptRecord> page = reader.receiptsByInstitution(institution, TimeRange.all(),
                    next.map(token -> PageRequest.after(token, PAGE)).orElse(PageRequest.first(PAGE)));
            all.addAll(page.items());
            next = page.next();
        } while (next.isPresent());
        return all;
    }

    /** A read-only ledger client as CDE, the auditor in the demo (it also operates the ledger). */
    private RemoteLedger connect(Consortium members) {
        Member operator = members.member(DemoInstitution.OPERATOR.id()).orElseThrow(() -> new DemoException(
                consortium.consortiumFile() + " does not list the ledger operator " + DemoInstitution.OPERATOR.id()));
        InstitutionCredentials auditor = InstitutionCredentials.load(consortium.credentials(DemoInstitution.OPERATOR));
        return RemoteLedger.connect(new PeerEndpoint("127.0.0.1", consortium.ports().ledger()), operator, auditor,
                LEDGER_DEADLINE);
    }

    private interface StepBody {
        StepResult run();
    }

    private void step(String title, StepBody body) {
        int number = results.size() + 1;
        out.printf("%n[%d] %s%n", number, title);
        out.flush();
        StepResult partial;
        try {
            partial = body.run();
        } catch (RuntimeException e) {
            partial = result(Outcome.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        record(new StepResult(number, title, partial.outcome(), partial.detail()));
    }

    private void record(StepResult result) {
        results.add(result);
        out.printf("    %s — %s%n", result.outcome(), result.detail());
        out.flush();
    }

    private void narrate(String format, Object... args) {
        out.printf("    " + format + "%n", args);
        out.flush();
    }

    /** A result whose number and title {@link #step} fills in. */
    private static StepResult result(Outcome outcome, String detail) {
        return new StepResult(0, "-", outcome, detail);
    }
}
