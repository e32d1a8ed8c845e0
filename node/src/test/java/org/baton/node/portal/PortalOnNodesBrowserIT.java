package org.baton.node.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.baton.node.exchange.ExchangeNetwork.DISTRICT;
import static org.baton.node.exchange.ExchangeNetwork.UNIVERSITY;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.baton.ledger.GrantorRole;
import org.baton.ledger.Purpose;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.ledger.Sources;
import org.baton.node.NodeApp;
import org.baton.node.config.NodeConfig;
import org.baton.node.exchange.ConsentRequest;
import org.baton.node.exchange.ExchangeNetwork;
import org.baton.node.importer.ImportFormat;
import org.baton.node.importer.ImportListener;
import org.baton.node.importer.ImportRequest;
import org.baton.node.importer.ImportRuns;
import org.baton.node.importer.ImportSummary;
import org.baton.node.importer.Importer;
import org.baton.node.portal.accounts.Totp;
import org.baton.node.store.RecordStore;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.AgArea;
import org.baton.proto.v1.CourseCategory;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.IssueAccountRequest;
import org.baton.proto.v1.IssueAccountResponse;
import org.baton.proto.v1.LocalId;
import org.baton.proto.v1.NodeAdminGrpc;
import org.baton.proto.v1.PersonName;
import org.baton.proto.v1.PortalRole;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.baton.proto.v1.Term;
import org.baton.proto.v1.TermType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The consent path end to end in a real headless Chromium against real nodes: a district and a university started
 * from their YAML files on 127.0.0.1 (mutual TLS between them, RocksDB stores, the embedded ledger through its gRPC
 * service), the portal served by the district node. The student signs in at the district's portal and grants the
 * university their transcript and a-g status from every school they attended (the district's records name the
 * district); the university pulls it on its own; the student's access log shows the disclosure;
 * the student revokes. The registrar then reviews the district's last import (kept in the node's store) and the
 * exchange. Everything is asserted on the pages the student and the registrar see.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalOnNodesBrowserIT {

    private static final String SSID = "1234509876";

    @TempDir
    static Path dir;

    private ExchangeNetwork network;
    /** Whose portal {@link #go} opens. */
    private org.baton.trust.InstitutionId portalOf = DISTRICT;
    private HeadlessChromium chromium;
    private WebDriver browser;

    @BeforeAll
    void start() throws IOException {
        chromium = HeadlessChromium.start();
        browser = chromium.browser;
        network = new ExchangeNetwork(dir, """
                dataQuality:
                  ssidCheckDigit: luhn
                exchange:
                  pullOnGrant: true
                  retryInitialMillis: 20
                  retryMaxMillis: 500
                portal:
                  host: 127.0.0.1
                  port: 0
                """);
        network.startLedger(Clock.systemUTC());
        importExtract();
        writeAgLists();
        network.startNode(DISTRICT, Clock.systemUTC(), List.of());
        network.startNode(UNIVERSITY, Clock.systemUTC(), List.of());
    }

    @AfterAll
    void stop() throws IOException {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (network != null) {
                network.close();
            }
        }
    }

    @Test
    @Order(1)
    void a_student_grants_the_university_their_transcript_sees_the_disclosure_in_the_access_log_and_revokes() {
        NodeApp district = network.node(DISTRICT);
        StudentId student = district.store().writeStudents(List.of(record())).get(0);
        String code = issueStudentAccount(district, student);

        go("/activate");
        browser.findElement(By.id("code")).sendKeys(code);
        browser.findElement(By.id("username")).sendKeys("lucia.reyes");
        browser.findElement(By.id("password")).sendKeys(PortalHarness.PASSWORD);
        browser.findElement(By.id("confirmation")).sendKeys(PortalHarness.PASSWORD);
        browser.findElement(By.id("activate")).click();
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("active");
        browser.findElement(By.id("username")).sendKeys("lucia.reyes");
        browser.findElement(By.id("password")).sendKeys(PortalHarness.PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        awaitPage("/students/" + student.value() + "/records");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Records of Lucía Reyes");

        // a-g progress is judged by the school's own lists: English 12 is not on the 2025-26 list.
        browser.findElement(By.linkText("Progress")).click();
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("b · English Missing 3 of 8 semesters ✗ English 12 (EN103) is not on school " + DISTRICT
                        + "'s a-g list for 2025-2026: not an a-g course, although the record says area b.");
        chromium.shoot("nodes-progress");
        // A family reading in Spanish reads the rules' own texts in Spanish too, not only the page around them.
        switchLanguage("es");
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("a · Historia / ciencias sociales: 0 de 4 semestres esperados al final del grado 12")
                .contains("✗ 1 año de historia de EE. UU., o 1/2 año de historia de EE. UU. + 1/2 año de educación"
                        + " cívica / gobierno estadounidense")
                .contains("✗ English 12 (EN103) no está en la lista a-g de la escuela " + DISTRICT
                        + " para 2025-2026: no es un curso a-g, aunque el registro indica el área b.")
                .contains("UC ponderado con límite: 4.00")
                .doesNotContain("1 year of", "is not on school", "UC capped weighted");
        switchLanguage("en");

        browser.findElement(By.linkText("Access log")).click();
        assertThat(browser.getPageSource()).contains("No records have been disclosed.");

        browser.findElement(By.linkText("Consent")).click();
        browser.findElement(By.id("new-grant")).click();
        browser.findElement(By.id("scope-SCOPE_TRANSCRIPT")).click();
        browser.findElement(By.id("scope-SCOPE_AG_STATUS")).click();
        new Select(browser.findElement(By.id("purpose"))).selectByValue("PURPOSE_ADMISSION");
        new Select(browser.findElement(By.id("recipient"))).selectByValue(UNIVERSITY.value());
        browser.findElement(By.id("source-attended")).click();
        String until = LocalDate.now(ZoneId.of("America/Los_Angeles")).plusMonths(6).toString();
        chromium.setDate("until", until);
        browser.findElement(By.id("review")).click();
        assertThat(browser.findElement(By.id("consent-summary")).getText()).contains("Every school and college the"
                + " student attended may send records of Lucía Reyes to Institution " + UNIVERSITY
                + " for admission, until " + until + ".");
        assertThat(browser.findElement(By.id("consent-attended")).getText())
                .isEqualTo("By this institution's records, that is: Institution " + DISTRICT + ".");
        browser.findElement(By.id("confirm")).click();
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Your consent was recorded.");
        WebElement grant = browser.findElement(By.cssSelector(".grant"));
        String grantId = grant.getDomAttribute("id").substring("grant-".length());
        assertThat(grant.findElement(By.cssSelector("dd")).getText()).isEqualTo("Active");
        assertThat(grant.getText()).contains("Every school and college attended:\nInstitution " + DISTRICT);
        chromium.shoot("nodes-consent-list");

        // The university learns of the grant and pulls on its own; the disclosure appears once the district has
        // recorded the receipt on the ledger and the university has acknowledged it there.
        browser.findElement(By.linkText("Access log")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(250)).until(page -> {
            page.navigate().refresh();
            return page.getPageSource().contains("(acknowledged)");
        });
        List<WebElement> rows = browser.findElements(By.cssSelector("#access-log tbody tr"));
        assertThat(rows).hasSize(1);
        List<String> cells = rows.get(0).findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
        assertThat(cells.get(0)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC")
                .startsWith(LocalDate.now(ZoneId.of("UTC")).toString().substring(0, 7));
        assertThat(cells.get(1)).isEqualTo("Institution " + DISTRICT);
        assertThat(cells.get(2)).isEqualTo("Institution " + UNIVERSITY + " (acknowledged)");
        assertThat(cells.get(3)).contains("Transcript (courses, grades, enrollments)").contains("a-g status");
        assertThat(cells.get(4)).isEqualTo("Your consent\nconsent " + grantId);
        chromium.shoot("nodes-access-log");

        // A copy of what was disclosed, on request: exactly the package the district sent.
        rows.get(0).findElement(By.cssSelector("button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(page -> page.getCurrentUrl().endsWith("/copy"));
        String copy = browser.findElement(By.tagName("body")).getText();
        assertThat(copy).contains("\"grantId\": \"" + grantId + "\"").contains("\"recipient\": \"" + UNIVERSITY + "\"")
                .contains("\"title\": \"English 9\"").contains("\"title\": \"English 12\"")
                .contains("\"ssid\": \"" + SSID + "\"")
                .contains("\"agStatus\"").contains("\"system\": \"SYSTEM_UC\"").contains("\"system\": \"SYSTEM_CSU\"");
        go("/students/" + student.value() + "/access-log");

        browser.findElement(By.linkText("Consent")).click();
        browser.findElement(By.cssSelector("button.revoke")).click();
        assertThat(browser.findElement(By.cssSelector(".notice")).getText())
                .isEqualTo("The consent was revoked. No further records will be sent under it.");
        WebElement revoked = browser.findElement(By.id("grant-" + grantId));
        assertThat(revoked.findElement(By.cssSelector("dd")).getText()).isEqualTo("Revoked");
        assertThat(browser.findElements(By.cssSelector("button.revoke"))).isEmpty();
        browser.navigate().refresh();
        assertThat(browser.findElement(By.id("grant-" + grantId)).findElement(By.cssSelector("dd")).getText())
                .isEqualTo("Revoked");
    }

    @Test
    @Order(2)
    void the_registrar_reviews_the_import_the_exchange_and_an_identity_mismatch_to_correct() {
        browser.manage().deleteAllCookies();
        signInNewStaff(PortalRole.PORTAL_ROLE_REGISTRAR, "Rae Registrar", "rae");
        awaitPage("/registrar/imports");

        List<WebElement> runs = browser.findElements(By.cssSelector("#imports tbody tr"));
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).getText()).contains("calpads-2026-11").contains("calpads").contains("2 of 3 written");
        chromium.shoot("nodes-imports");
        browser.findElement(By.linkText("calpads-2026-11")).click();
        List<WebElement> problems = browser.findElements(By.cssSelector("#problems tbody tr"));
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
                .containsExactly("SINF.csv", "3", "SSID", "an SSID is exactly 10 digits (got 8 characters)");
        chromium.shoot("nodes-import-report");

        browser.findElement(By.linkText("Exchanges")).click();
        List<WebElement> exchanges = browser.findElements(By.cssSelector("#exchanges tbody tr"));
        assertThat(exchanges).hasSize(1);
        List<String> cells = exchanges.get(0).findElements(By.tagName("td")).stream().map(WebElement::getText)
                .toList();
        assertThat(cells.subList(1, 4)).containsExactly("sent", "Institution " + UNIVERSITY,
                "Transcript (courses, grades, enrollments)\na-g status");
        assertThat(cells.get(4)).isIn("delivered", "acknowledged");

        browser.findElement(By.linkText("Data quality")).click();
        assertThat(browser.findElement(By.id("identity-none")).getText()).isEqualTo("Nothing to check.");

        // The university's registrar reports a discrepancy in the transcript it received (over mutual TLS, as the
        // form on its records page does); it reaches the district's queue.
        org.baton.node.exchange.ExchangeModule atUniversity = network.node(UNIVERSITY).exchange().orElseThrow();
        org.baton.node.exchange.ReceivedPackage transcript = atUniversity.received()
                .forStudent(org.baton.node.student.Ssid.of(SSID)).get(0);
        atUniversity.exchanges().reportDiscrepancy(transcript.packageId(),
                "English 12 shows a C; the student's report card says B+.", "Uma Registrar");
        browser.navigate().refresh();
        List<WebElement> reports = browser.findElements(By.cssSelector("#reports-received tbody tr"));
        assertThat(reports).singleElement().satisfies(row -> assertThat(row.getText())
                .contains("Institution " + UNIVERSITY).contains("Lucía Reyes").contains("English 12 shows a C"));
        // Lucía revoked her consent above: the records cannot be sent again under it, and the page says so.
        browser.findElement(By.cssSelector("#reports-received button.resend")).click();
        assertThat(browser.findElement(By.id("quality-error")).getText()).startsWith(
                "The student's consent no longer allows sending these records");
        browser.findElement(By.cssSelector("#reports-received input[name='note']"))
                .sendKeys("Checked against the grade book: C is right.");
        browser.findElement(By.cssSelector("#reports-received form[action$='/close'] button")).click();
        assertThat(browser.findElement(By.id("quality-notice")).getText()).isEqualTo("The report was closed.");
        assertThat(browser.findElement(By.cssSelector("#reports-received tbody tr")).getText())
                .contains("Closed by Rae Registrar: Checked against the grade book: C is right.");
        // Lucía sees the question and its answer in her access log at the district (the registrar reads it too).
        StudentId lucia = network.node(DISTRICT).store().findBySsid(org.baton.node.student.Ssid.of(SSID))
                .orElseThrow().id();
        go("/students/" + lucia.value() + "/access-log");
        assertThat(browser.findElements(By.cssSelector("#discrepancies tbody tr"))).singleElement()
                .satisfies(row -> assertThat(row.getText()).contains("Institution " + UNIVERSITY + " asked this school")
                        .contains("English 12 shows a C")
                        .contains("Answered, records unchanged: Checked against the grade book: C is right."));
        go("/registrar/data-quality");
        // The university asks the district, over mutual TLS, how its report was answered.
        String reportId = atUniversity.exchanges().discrepancyReports(10).get(0).id();
        assertThat(atUniversity.exchanges().refreshReport(reportId)).satisfies(sent -> {
            assertThat(sent.sent()).isTrue();
            assertThat(sent.status()).isEqualTo(org.baton.node.exchange.DiscrepancyReport.Status.CLOSED);
            assertThat(sent.answer()).isEqualTo("Checked against the grade book: C is right.");
        });

        // Maria, imported above, asks the university to fetch her transcript from the district; the university
        // holds her birth date one day off. The district sends nothing and puts the mismatch on the registrar's queue.
        NodeApp university = network.node(UNIVERSITY);
        StudentId maria = university.store().writeStudents(List.of(StudentRecord.newBuilder().setStudent(Student
                .newBuilder().setSsid("2000000018").addLocalIds(LocalId.newBuilder().setIssuer(UNIVERSITY.value())
                        .setValue("U-1")).setLegalName(PersonName.newBuilder().setFirst("Maria").setLast("Garcia"))
                .setBirthDate("2008-03-15").setInstitutionId(UNIVERSITY.value())).build())).get(0);
        university.exchange().orElseThrow().consent().grant(new ConsentRequest(maria, GrantorRole.STUDENT, UNIVERSITY,
                Sources.named(DISTRICT), EnumSet.of(Scope.TRANSCRIPT), Purpose.ADMISSION,
                Instant.now().plus(Duration.ofDays(90)),
                Sha256.hash("consent signed at the university".getBytes(StandardCharsets.UTF_8))));
        new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(250)).until(page -> {
            page.navigate().refresh();
            return page.getPageSource().contains("id=\"findings\"");
        });
        List<WebElement> findings = browser.findElements(By.cssSelector("#findings tbody tr"));
        assertThat(findings).hasSize(1);
        List<String> finding = findings.get(0).findElements(By.tagName("td")).stream().map(WebElement::getText)
                .toList();
        assertThat(finding.get(1)).startsWith("Maria Garcia (record ");
        assertThat(finding.subList(2, 4)).containsExactly("Institution " + UNIVERSITY, "Birth date");
        chromium.shoot("nodes-data-quality");

        // The yearly Cal Grant GPA upload to CSAC, with the GPA the readiness engine computes: Lucía's 10th and 11th
        // grade English gives her one and she is sent; Maria has no graded course, so she is left for the registrar.
        browser.findElement(By.linkText("Cal Grant GPA")).click();
        LocalDate today = LocalDate.now(ZoneId.of("America/Los_Angeles"));
        int year = today.getMonthValue() >= 7 ? today.getYear() : today.getYear() - 1;
        browser.findElement(By.id("upload")).click();
        assertThat(browser.findElement(By.id("upload-result")).getText()).isEqualTo("Cal Grant GPA upload for "
                + year + "-" + (year + 1) + ": 1 sent now, 0 sent before, 0 opted out, 1 without a GPA to fix.");
    }

    @Test
    @Order(3)
    void the_districts_auditor_finds_every_disclosure_within_its_consent_on_the_ledger() {
        browser.manage().deleteAllCookies();
        signInNewStaff(PortalRole.PORTAL_ROLE_AUDITOR, "Ada Auditor", "ada");
        awaitPage("/audit");

        // Read from the ledger the node uses: Lucía's transcript to the university and the Cal Grant GPA to CSAC.
        assertThat(browser.findElement(By.id("audit-summary")).getText()).startsWith("2 receipts and 2 grants");
        assertThat(browser.findElement(By.id("audit-verdict")).getText())
                .isEqualTo("No disclosure outside its consent.");
        assertThat(browser.findElement(By.cssSelector("#audit-institutions tr[data-institution='" + DISTRICT
                + "']")).getText()).contains("2").contains("Consent: 1").contains("Cal Grant GPA upload");
        assertThat(browser.findElement(By.id("audit-csv")).getDomAttribute("href")).startsWith("/audit.csv?from=");
        chromium.shoot("nodes-audit");
    }

    /**
     * The registrar's CALPADS extract, imported as {@code baton import} does it while the node is stopped: the run
     * and its rejected row are kept in the node's store.
     */
    @Test
    @Order(4)
    void the_universitys_registrar_finds_what_its_rules_found_in_the_transcript_it_received() {
        // Lucía's SSID fails its check digit (the consortium's SSIDs carry one here). The university checked the
        // transcript the district sent when it accepted it, apart from the exchange.
        org.baton.node.quality.ReceivedQuality queue = network.node(UNIVERSITY).receivedQuality().orElseThrow();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(page -> queue.counts().open() > 0);
        browser.manage().deleteAllCookies();
        signInNewStaff(UNIVERSITY, PortalRole.PORTAL_ROLE_REGISTRAR, "Uma Registrar", "uma");
        awaitPage("/registrar/imports");
        go("/registrar/data-quality");
        assertThat(browser.findElement(By.id("received-summary")).getText())
                .startsWith("Findings in records other institutions sent: 1 open (packages with findings: 1).");
        browser.findElement(By.id("received-link")).click();
        awaitPage("/registrar/data-quality/received");
        List<WebElement> found = browser.findElements(By.cssSelector("#received-findings tbody tr"));
        assertThat(found).singleElement().satisfies(row -> assertThat(row.getText())
                .contains("From Institution " + DISTRICT).contains("Lucía Reyes").contains("SSID check digit")
                .contains("not the check digit of its first nine")
                // The university reported a discrepancy in this package in the test before: no second form.
                .contains("A discrepancy report about this package was sent"));
        // Lucía is not one of the university's own students: her name is not a link to records it does not hold.
        assertThat(found.get(0).findElements(By.linkText("Lucía Reyes"))).isEmpty();
        chromium.shoot("nodes-received-quality");
        portalOf = DISTRICT;
    }

    private void importExtract() throws IOException {
        Path input = Files.createDirectories(dir.resolve("calpads-2026-11"));
        Files.writeString(input.resolve("SINF.csv"), String.join("\n",
                "AcademicYearID,ReportingLEA,SSID,LocalStudentID,StudentLegalFirstName,StudentLegalMiddleName,"
                        + "StudentLegalLastName,StudentLegalNameSuffix,StudentBirthDate,StudentGenderCode,"
                        + "HispanicEthnicityIndicator,Race1Code,Race2Code,Race3Code,Race4Code,Race5Code,"
                        + "PrimaryLanguageCode,EnglishLanguageAcquisitionStatusCode,"
                        + "SocioeconomicallyDisadvantagedIndicator,DisabilityIndicator,GradeLevelCode,CohortYear,"
                        + "CalGrantGpaOptOut,Residency",
                "2025-2026,1964733,2000000018,200001,Maria,,Garcia,,20080314,F,Y,700,,,,,01,RFEP,Y,N,12,2026,N,"
                        + "CALIFORNIA_RESIDENT",
                "2025-2026,1964733,12345678,200002,James,,Smith,,2009-11-02,M,N,600,,,,,00,EO,N,N,11,2027,N,"
                        + "CALIFORNIA_RESIDENT",
                "2025-2026,1964733,2000000034,200003,Dana,,Lee,,2009-01-05,F,N,600,,,,,00,EO,N,N,11,2027,N,"
                        + "CALIFORNIA_RESIDENT",
                ""));
        ImportRequest request = ImportRequest.of(ImportFormat.CALPADS, input, DISTRICT)
                .withReport(dir.resolve("import-report.txt")).withWorkDir(dir.resolve("import-work"));
        try (RecordStore store = NodeApp.openStore(NodeConfig.load(network.config(DISTRICT)))) {
            Instant started = Instant.now();
            ImportSummary summary = Importer.create(store, ImportListener.NONE).run(request);
            ImportRuns.in(store).recordFinished(request, started, summary);
        }
    }

    /** The district's a-g course lists, in the node's data directory: English 9 to 11 listed, English 12 not. */
    private void writeAgLists() throws IOException {
        Path lists = Files.createDirectories(NodeConfig.load(network.config(DISTRICT)).dataDir()
                .resolve(NodeApp.AG_LISTS_DIR));
        StringBuilder csv = new StringBuilder("SchoolCode,AcademicYearID,LocalCourseID,StateCourseCode,CourseName,"
                + "AGArea,Honors\n");
        for (int i = 0; i < 3; i++) {
            csv.append(DISTRICT).append(',').append(2022 + i).append('-').append(2023 + i).append(",EN").append(100 + i)
                    .append(',').append(2100 + i).append(",English ").append(9 + i).append(",b,N\n");
        }
        csv.append(DISTRICT).append(",2025-2026,ART1,6000,Studio Art,f,N\n");
        Files.writeString(lists.resolve(DISTRICT + ".csv"), csv);
    }

    private static String issueStudentAccount(NodeApp node, StudentId student) {
        return issueAccount(node, PortalRole.PORTAL_ROLE_STUDENT, "Lucía Reyes", student);
    }

    /**
     * A staff account the district's administrator issues, activated and signed in to through the pages; staff set
     * up their second factor on first sign-in.
     */
    private void signInNewStaff(PortalRole role, String name, String username) {
        signInNewStaff(DISTRICT, role, name, username);
    }

    /** A staff account at {@code at}'s portal, issued by its administrator, activated and signed in to. */
    private void signInNewStaff(org.baton.trust.InstitutionId at, PortalRole role, String name, String username) {
        String code = issueAccount(network.node(at), role, name);
        portalOf = at;
        go("/activate");
        browser.findElement(By.id("code")).sendKeys(code);
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(PortalHarness.PASSWORD);
        browser.findElement(By.id("confirmation")).sendKeys(PortalHarness.PASSWORD);
        browser.findElement(By.id("activate")).click();
        // The sign-in page, not the activation form it replaces (both have a username field).
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("active");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(PortalHarness.PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        awaitPage("/sign-in/enroll");
        String secret = browser.findElement(By.id("totp-secret")).getText();
        browser.findElement(By.id("code")).sendKeys(Totp.code(secret, Totp.step(Instant.now())));
        browser.findElement(By.id("enroll")).click();
    }

    /** The district's administrator issues an account through the node's admin service. */
    private static String issueAccount(NodeApp node, PortalRole role, String name, StudentId... students) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", node.adminAddress().getPort(),
                InsecureChannelCredentials.create()).build();
        try {
            IssueAccountRequest.Builder request = IssueAccountRequest.newBuilder().setRole(role).setDisplayName(name);
            for (StudentId student : students) {
                request.addStudentIds(student.value());
            }
            IssueAccountResponse issued = NodeAdminGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .issueAccount(request.build());
            return issued.getActivationCode();
        } finally {
            channel.shutdownNow();
        }
    }

    /**
     * Waits for the browser to reach {@code path} (a click that submits a form returns before the next page has
     * loaded when the machine is busy); fails with the page it is on if it never does.
     */
    /** Chooses a language from the page's header and waits for the page to come back in it. */
    private void switchLanguage(String code) {
        browser.findElement(By.cssSelector("form.lang button[value=" + code + "]")).click();
        try {
            // The page is replaced while it is read: an element found on the old one goes stale.
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(page -> code.equals(page.findElement(By.tagName("html")).getAttribute("lang")));
        } catch (org.openqa.selenium.TimeoutException e) {
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).as("the page's language")
                    .isEqualTo(code);
        }
    }

    private void awaitPage(String path) {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(page -> page.getCurrentUrl().contains(path));
        } catch (org.openqa.selenium.TimeoutException e) {
            assertThat(browser.getCurrentUrl()).as("the page reached").contains(path);
        }
    }

    /** Opens {@code path} on the portal of the node the test is at (the district's unless a test moved). */
    private void go(String path) {
        browser.get("https://127.0.0.1:" + network.node(portalOf).portalAddress().orElseThrow().getPort() + path);
    }

    /** An eligible (18-year-old) senior at the district with a few a-g courses. */
    private static StudentRecord record() {
        StudentRecord.Builder record = StudentRecord.newBuilder().setStudent(Student.newBuilder()
                .setSsid(SSID)
                .addLocalIds(LocalId.newBuilder().setIssuer(DISTRICT.value()).setValue("S-77"))
                .setLegalName(PersonName.newBuilder().setFirst("Lucía").setLast("Reyes"))
                .setBirthDate("2007-05-14")
                .setInstitutionId(DISTRICT.value())
                .setCohortYear(2026)
                .setGradeLevel(12));
        for (int i = 0; i < 4; i++) {
            record.addCourses(CourseRecord.newBuilder()
                    .setRecordId("S-77|EN" + (100 + i) + "|" + (2022 + i) + "|01")
                    .setInstitutionId(DISTRICT.value())
                    .setSchoolCode(DISTRICT.value())
                    .setLocalCourseId("EN" + (100 + i))
                    .setStateCourseCode(String.valueOf(2100 + i))
                    .setTitle("English " + (9 + i))
                    .setTerm(Term.newBuilder().setAcademicYear(2022 + i).setType(TermType.FALL).setCode("F" + i))
                    .setCompletionDate((2023 + i) + "-01-20")
                    .setGradeLevel(9 + i)
                    .setCreditsAttempted(500)
                    .setCreditsEarned(500)
                    .setLetterGrade("A")
                    .setAgArea(AgArea.AG_B_ENGLISH)
                    .setCategory(CourseCategory.ACADEMIC)
                    .setSegment(1));
        }
        return record.build();
    }
}
