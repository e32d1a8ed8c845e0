package org.baton.node.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.baton.node.portal.accounts.Role;
import org.baton.node.portal.accounts.Totp;
import org.baton.node.portal.student.StudentFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The portal in a real headless Chromium: what students, guardians, counselors, registrars and administrators do,
 * with screenshots of the main pages at desktop and phone width under {@code target/screenshots/}.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PortalBrowserIT {

    private static HeadlessChromium chromium;
    private static WebDriver browser;
    private PortalHarness portal;

    @BeforeAll
    static void startDriver() throws IOException {
        chromium = HeadlessChromium.start();
        browser = chromium.browser;
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void open() {
        portal = new PortalHarness();
        go("/sign-in");
        // Cookies are per host, not per port: each test's portal starts with a clean browser.
        browser.manage().deleteAllCookies();
        browser.manage().window().setSize(HeadlessChromium.DESKTOP);
    }

    @AfterEach
    void close() {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void a_student_activates_reads_a_g_progress_grants_consent_sees_the_transfer_and_revokes() {
        PortalHarness.Holder admin = portal.active(Role.ADMIN, "adele", "Adele Admin");
        signIn(admin);
        go("/admin/accounts");
        new Select(browser.findElement(By.id("role"))).selectByValue("student");
        browser.findElement(By.id("name")).sendKeys("Ana Martínez");
        browser.findElement(By.id("students")).sendKeys("1");
        follow(By.id("issue"));
        String code = browser.findElement(By.id("activation-code")).getText();
        shoot("admin-activation-code");
        follow(By.cssSelector("form.signout button"));

        go("/activate");
        browser.findElement(By.id("code")).sendKeys(code);
        browser.findElement(By.id("username")).sendKeys("ana.martinez");
        browser.findElement(By.id("password")).sendKeys("password");
        browser.findElement(By.id("confirmation")).sendKeys("password");
        shoot("activate");
        browser.findElement(By.id("activate")).click();
        // The browser itself refuses a short password (minlength); the server is asked only with a valid length.
        assertThat(browser.getCurrentUrl()).endsWith("/activate");
        clearAndType("password", "passwordpassword");
        clearAndType("confirmation", "passwordpassword");
        follow(By.id("activate"));
        assertThat(browser.findElement(By.id("form-error")).getText()).contains("too common");
        clearAndType("password", PortalHarness.PASSWORD);
        clearAndType("confirmation", PortalHarness.PASSWORD);
        follow(By.id("activate"));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("active");
        shoot("sign-in");

        typeSignIn("ana.martinez", PortalHarness.PASSWORD);
        assertThat(browser.getCurrentUrl()).endsWith("/students/1/records");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Records of Ana Martínez");
        assertThat(browser.getPageSource()).contains("Valley Community College").contains("Robotics Team Lead");
        assertThat(browser.findElement(By.cssSelector("table.ag-received caption")).getText())
                .isEqualTo("UC a-g status as the sending institution evaluated it on 2026-01-20: Missing");
        assertThat(browser.findElement(By.cssSelector("table.ag-received tbody tr")).getText())
                .contains("c · Mathematics").contains("Missing").contains("2 of 6 semesters (+1 in progress)");
        shoot("student-records");

        follow(By.linkText("Progress"));
        WebElement chart = browser.findElement(By.cssSelector("svg.chart"));
        assertThat(chart.getDomAttribute("role")).isEqualTo("img");
        assertThat(browser.findElements(By.cssSelector("svg.chart rect"))).hasSize(14);
        assertThat(browser.findElement(By.cssSelector("td.status-in_progress")).getText()).isEqualTo("In progress");
        assertThat(browser.getPageSource()).contains("3.90").contains("FAFSA / CADAA and Cal Grant GPA");
        shoot("student-progress");

        follow(By.linkText("Consent"));
        follow(By.id("new-grant"));
        browser.findElement(By.id("scope-SCOPE_TRANSCRIPT")).click();
        browser.findElement(By.id("scope-SCOPE_GPA")).click();
        new Select(browser.findElement(By.id("purpose"))).selectByValue("PURPOSE_ADMISSION");
        new Select(browser.findElement(By.id("recipient"))).selectByValue(PortalTestData.UC_DAVIS.id().value());
        browser.findElement(By.id("source-" + PortalTestData.SIERRA.id().value())).click();
        browser.findElement(By.id("source-attended")).click();
        setDate("until", "2026-12-31");
        follow(By.id("review"));
        // Every school attended and a school by name: one or the other. The form comes back as it was.
        assertThat(browser.findElement(By.id("form-error")).getText())
                .isEqualTo("Choose either every school and college attended, or schools by name, not both.");
        assertThat(browser.findElement(By.id("source-" + PortalTestData.SIERRA.id().value())).isSelected()).isTrue();
        // Every school attended alone, where this node's records name none but the recipient.
        browser.findElement(By.id("source-" + PortalTestData.SIERRA.id().value())).click();
        follow(By.id("review"));
        assertThat(browser.findElement(By.id("form-error")).getText()).startsWith("This institution's records name"
                + " no school in the network that the student attended, other than the recipient.");
        // Or more than one such consent reaches: not "none".
        portal.fakes.consent.attendedBeyondReach = true;
        try {
            follow(By.id("review"));
            assertThat(browser.findElement(By.id("form-error")).getText()).startsWith("This institution's records"
                    + " name more schools in the network that the student attended than one consent from every school"
                    + " attended can reach.");
        } finally {
            portal.fakes.consent.attendedBeyondReach = false;
        }
        browser.findElement(By.id("source-attended")).click();
        browser.findElement(By.id("source-" + PortalTestData.SIERRA.id().value())).click();
        // A record without an SSID cannot be consented for: the ledger names the student by a commitment to it.
        StudentFile withSsid = portal.fakes.students.files.get(PortalTestData.ANA);
        portal.fakes.students.files.put(PortalTestData.ANA, new StudentFile(PortalTestData.ANA, withSsid.local()
                .toBuilder().setStudent(withSsid.local().getStudent().toBuilder().clearSsid()).build(),
                withSsid.received()));
        try {
            follow(By.id("review"));
            assertThat(browser.findElement(By.id("form-error")).getText())
                    .startsWith("This school's record of the student has no valid SSID");
        } finally {
            portal.fakes.students.files.put(PortalTestData.ANA, withSsid);
        }
        shoot("consent-form");
        follow(By.id("review"));
        String summary = browser.findElement(By.id("consent-summary")).getText();
        assertThat(summary).contains("Sierra Unified School District may send records of Ana Martínez to "
                + "University of California, Davis for admission, until 2026-12-31.");
        shoot("consent-summary");
        follow(By.id("confirm"));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("consent was recorded");
        assertThat(browser.findElement(By.cssSelector(".grant dd")).getText()).isEqualTo("Active");
        shoot("consent-list");

        follow(By.linkText("Access log"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#access-log tbody tr"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getText()).contains("University of California, Davis").contains("Your consent");
        assertThat(rows.get(1).getText()).contains("California Student Aid Commission").contains("Cal Grant");
        // A school that received her records asked about them: she sees the question and the answer.
        assertThat(browser.findElements(By.cssSelector("#discrepancies tbody tr"))).singleElement()
                .satisfies(row -> assertThat(row.getText())
                        .contains("University of California, Davis asked this school")
                        .contains("missing its honors flag")
                        .contains("Answered, records unchanged: Checked: the honors flag is on the record."));
        shoot("access-log");

        follow(By.linkText("Consent"));
        follow(By.cssSelector("button.revoke"));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("revoked");
        assertThat(browser.findElement(By.cssSelector(".grant dd")).getText()).isEqualTo("Revoked");
        assertThat(browser.findElements(By.cssSelector("button.revoke"))).isEmpty();
    }

    @Test
    void a_guardian_acts_for_a_minor() {
        PortalHarness.Holder gloria = portal.active(Role.GUARDIAN, "gloria", "Gloria Okafor", PortalTestData.BEN,
                PortalTestData.ANA);
        signIn(gloria);
        assertThat(browser.getCurrentUrl()).endsWith("/students");
        assertThat(browser.getPageSource()).contains("now 18 or in college");
        shoot("guardian-students");
        follow(By.linkText("Open records"));
        follow(By.linkText("Progress"));
        assertThat(browser.findElement(By.cssSelector(".offtrack")).getText()).contains("Not on track");
        assertThat(browser.getPageSource()).contains("D in Algebra I");
        shoot("guardian-progress");
        follow(By.linkText("What-if planner"));
        browser.findElement(By.id("title0")).sendKeys("Algebra I (repeat)");
        new Select(browser.findElement(By.id("area0"))).selectByValue("c");
        new Select(browser.findElement(By.id("grade0"))).selectByValue("B");
        follow(By.id("plan"));
        assertThat(browser.getPageSource()).contains("planned: Algebra I (repeat) (B)");
        shoot("what-if");
        go("/students/2/consent/new");
        browser.findElement(By.id("scope-SCOPE_TRANSCRIPT")).click();
        new Select(browser.findElement(By.id("purpose"))).selectByValue("PURPOSE_ENROLLMENT");
        new Select(browser.findElement(By.id("recipient"))).selectByValue(PortalTestData.VALLEY_CC.id().value());
        browser.findElement(By.id("source-" + PortalTestData.SIERRA.id().value())).click();
        setDate("until", "2026-06-30");
        follow(By.id("review"));
        assertThat(browser.findElement(By.id("consent-summary")).getText()).contains("Gloria Okafor")
                .contains("records of Ben Okafor to Valley Community College for enrollment");
        follow(By.id("confirm"));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("consent was recorded");
        go("/students/1/records");
        assertThat(browser.findElement(By.cssSelector(".error")).getText()).contains("do not have access");
    }

    @Test
    void a_counselor_signs_in_with_a_code_and_filters_the_caseload() {
        PortalHarness.Holder cruz = portal.active(Role.COUNSELOR, "cruz", "Ms. Cruz", PortalTestData.ANA,
                PortalTestData.BEN, PortalTestData.HOSTILE, PortalTestData.CARLA);
        signIn(cruz);
        assertThat(browser.getCurrentUrl()).endsWith("/caseload");
        assertThat(rows("#caseload")).hasSize(4);
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.findElement(By.cssSelector("#caseload")).getText())
                .contains(PortalTestData.HOSTILE_NAME);
        shoot("caseload");
        new Select(browser.findElement(By.id("status"))).selectByValue("off");
        new Select(browser.findElement(By.id("sort"))).selectByValue("areas");
        follow(By.id("filter"));
        List<WebElement> off = rows("#caseload");
        assertThat(off).hasSize(3);
        assertThat(off.get(0).getText()).doesNotContain("Ana");
        assertThat(browser.findElement(By.id("csv")).getDomAttribute("href")).contains("status=off");
        shoot("caseload-off-track");
        // Ed Code 51225.7: the seniors with neither a FAFSA or CADAA nor the opt-out form on file.
        assertThat(browser.findElement(By.id("unconfirmed")).getText())
                .isEqualTo("Seniors with neither a FAFSA or CADAA nor the opt-out form on file (Ed Code 51225.7): 1.");
        new Select(browser.findElement(By.id("status"))).selectByValue("all");
        new Select(browser.findElement(By.id("aid"))).selectByValue("unconfirmed");
        follow(By.id("filter"));
        List<WebElement> unconfirmed = rows("#caseload");
        assertThat(unconfirmed).singleElement().satisfies(row -> assertThat(row.getText()).contains("Ana")
                .contains("Not confirmed"));
        assertThat(browser.findElement(By.id("csv")).getDomAttribute("href")).contains("aid=unconfirmed");
        follow(By.linkText(unconfirmed.get(0).findElement(By.tagName("a")).getText()));
        assertThat(browser.findElement(By.id("aid-51225")).getText())
                .startsWith("Neither a FAFSA or CADAA nor the opt-out form is on file.");
        // Every student with a D or F that nothing clears yet.
        go("/caseload");
        new Select(browser.findElement(By.id("concern"))).selectByValue("AREA_DEFICIENT");
        assertThat(new Select(browser.findElement(By.id("concern"))).getFirstSelectedOption().getText())
                .isEqualTo("A D or F not cleared (1)");
        follow(By.id("filter"));
        assertThat(rows("#caseload")).singleElement()
                .satisfies(row -> assertThat(row.getText()).contains("Ben Okafor"));
        assertThat(browser.findElement(By.id("csv")).getDomAttribute("href")).contains("concern=AREA_DEFICIENT");
        // Who has something due soonest.
        go("/caseload?sort=deadline");
        List<WebElement> byDeadline = rows("#caseload");
        assertThat(byDeadline.get(0).getText()).contains("Ben Okafor").contains("2026-01-01");
        assertThat(byDeadline.get(1).getText()).contains("Ana Martínez").contains("2026-03-02")
                .contains("FAFSA / CADAA and Cal Grant GPA");
        go("/caseload");
        follow(By.linkText("Carla Nguyen"));
        assertThat(browser.getPageSource()).contains("AA-T Psychology → CSU").contains("42 of 60");
        shoot("transfer-progress");
    }

    @Test
    void a_registrar_reviews_an_import() {
        PortalHarness.Holder rae = portal.active(Role.REGISTRAR, "rae", "Rae Registrar");
        signIn(rae);
        assertThat(browser.getCurrentUrl()).endsWith("/registrar/imports");
        shoot("imports");
        follow(By.linkText("calpads-students-2026-02.csv"));
        List<WebElement> problems = rows("#problems");
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0).getText()).contains("students.csv").contains("88").contains("SSID")
                .contains("an SSID is exactly 10 digits (got 9 characters)");
        shoot("import-report");
        // In Spanish, what the field checks found reads in Spanish; a reason without a wording stays as written.
        follow(By.cssSelector("form.lang button[value='es']"));
        problems = rows("#problems");
        assertThat(problems.get(0).getText()).contains("un SSID tiene exactamente 10 dígitos (este tiene 9 caracteres)");
        assertThat(problems.get(1).getText()).contains("el valor no es una fecha real");
        assertThat(problems.get(2).getText()).contains("school 19647330130542 is not a school of this district");
        shoot("import-report-es");
        follow(By.cssSelector("form.lang button[value='en']"));
        follow(By.linkText("Cal Grant GPA"));
        assertThat(browser.getPageSource()).contains("2 seniors, 1 in the upload.");
        shoot("cal-grant");
        follow(By.id("upload"));
        assertThat(browser.findElement(By.id("upload-result")).getText()).isEqualTo(
                "Cal Grant GPA upload for 2025-2026: 1 sent now, 0 sent before, 1 opted out, 0 without a GPA to fix.");
        follow(By.id("upload"));
        assertThat(browser.findElement(By.id("upload-result")).getText()).contains("0 sent now, 1 sent before");
        follow(By.linkText("Data quality"));
        List<WebElement> findings = rows("#findings");
        assertThat(findings).singleElement().satisfies(row -> assertThat(row.getText())
                .contains("Ben Okafor").contains("Valley Community College").contains("Birth date"));
        assertThat(browser.findElement(By.id("quality-lastrun")).getText()).contains("1,204 students");
        assertThat(browser.findElement(By.cssSelector("td.open-count[data-rule='GPA_MISMATCH']")).getText())
                .isEqualTo("1");
        assertThat(rows("#quality-findings")).hasSize(2);
        shoot("data-quality");
        // In Spanish, a finding reads in Spanish; one stored without a wording keeps its English.
        follow(By.cssSelector("form.lang button[value='es']"));
        assertThat(rows("#quality-findings")).extracting(WebElement::getText)
                .anySatisfy(row -> assertThat(row).contains("El GPA acumulado sin ponderar guardado es 3.900 (al"
                        + " 2025-06-10); las 30 calificaciones con letra"))
                .anySatisfy(row -> assertThat(row).contains("Student 9 (local id 9000043)"));
        follow(By.cssSelector("form.lang button[value='en']"));

        // The registrar judges the stored GPA right as it is: a reason is required, then it leaves the open list.
        follow(By.linkText("Stored GPA differs from the grades"));
        assertThat(rows("#quality-findings")).singleElement().satisfies(row -> assertThat(row.getText())
                .contains("Ana Martínez").contains("Local id 1000042").contains("stored as 3.900"));
        follow(By.cssSelector("#quality-findings button"));
        assertThat(browser.findElement(By.id("quality-error")).getText())
                .isEqualTo("Say why the finding is not an error.");
        browser.findElement(By.cssSelector("#quality-findings input[name='reason']"))
                .sendKeys("The school counts the summer bridge course; confirmed with the counselor.");
        follow(By.cssSelector("#quality-findings button"));
        assertThat(browser.findElement(By.id("quality-notice")).getText()).isEqualTo("The finding was dismissed.");
        assertThat(browser.findElement(By.id("quality-empty")).getText()).isEqualTo("No findings here.");
        assertThat(browser.findElement(By.cssSelector("td.open-count[data-rule='GPA_MISMATCH']")).getText())
                .isEqualTo("0");
        follow(By.id("quality-toggle"));
        assertThat(rows("#quality-findings")).singleElement().satisfies(row -> assertThat(row.getText())
                .contains("Dismissed by Rae Registrar").contains("summer bridge course"));
        follow(By.cssSelector("#quality-findings button"));
        assertThat(browser.findElement(By.id("quality-notice")).getText()).isEqualTo("The finding is open again.");
        follow(By.id("quality-toggle"));
        assertThat(rows("#quality-findings")).hasSize(1);

        // A university reported a discrepancy in records the school sent: the registrar corrects, then resends.
        assertThat(rows("#reports-received")).singleElement().satisfies(row -> assertThat(row.getText())
                .contains("University of California, Davis").contains("Ben Okafor").contains("listed twice"));
        follow(By.cssSelector("#reports-received button.resend"));
        assertThat(browser.findElement(By.id("quality-notice")).getText()).isEqualTo("The records were sent again.");
        assertThat(rows("#reports-received")).singleElement().satisfies(row -> assertThat(row.getText())
                .contains("Records sent again by Rae Registrar."));
        shoot("data-quality-reports");

        // And reports one in records the school received from the college, from the student's records page.
        go("/students/1/records");
        assertThat(browser.findElement(By.cssSelector(".received-checks")).getText())
                .contains("data-quality rules find").contains("stored as 3.900");
        browser.findElement(By.cssSelector("form.report-discrepancy textarea"))
                .sendKeys("English 1A shows 3 units; the college catalog lists 4.");
        shoot("report-discrepancy");
        follow(By.cssSelector("form.report-discrepancy button"));
        assertThat(browser.findElement(By.id("quality-notice")).getText())
                .isEqualTo("The report was sent to the other institution.");
        assertThat(rows("#reports-sent")).singleElement().satisfies(row -> assertThat(row.getText())
                .contains("Valley Community College").contains("English 1A shows 3 units").contains("Rae Registrar"));
        assertThat(portal.fakes.registrar.filed).containsExactly(
                "5e1f0c2a9b8d7e6f5a4b3c2d1e0f9a8b: English 1A shows 3 units; the college catalog lists 4.");
        follow(By.cssSelector("#reports-sent button.ask"));
        assertThat(browser.findElement(By.id("quality-notice")).getText())
                .isEqualTo("The source's answer, as it stands, is shown below.");
        assertThat(rows("#reports-sent")).singleElement().satisfies(row -> assertThat(row.getText())
                .contains("The source closed it: Checked: 3 units is right for that term."));
        follow(By.linkText("Exchanges"));
        assertThat(rows("#exchanges")).hasSize(2);
    }

    @Test
    void a_registrar_reports_or_dismisses_what_the_rules_found_in_records_another_school_sent() {
        signIn(portal.active(Role.REGISTRAR, "rae", "Rae Registrar"));
        go("/registrar/data-quality");
        assertThat(browser.findElement(By.id("received-summary")).getText())
                .startsWith("Findings in records other institutions sent: 2 open (packages with findings: 2).");
        follow(By.id("received-link"));
        assertThat(browser.findElement(By.id("received-counts")).getText())
                .isEqualTo("Open findings: 2. Packages with findings: 2. Dismissed: 0.");
        List<WebElement> found = rows("#received-findings");
        assertThat(found).hasSize(2);
        assertThat(found.get(0).getText()).contains("From Valley Community College, received 2026-01-20 10:00 UTC")
                .contains("Ana Martínez").contains("Stored GPA differs from the grades").contains("stored as 3.900");
        assertThat(found.get(1).getText()).contains("Jordan Lee").contains("SSID check digit");
        // Ana is one of the school's students: her name leads to her records. Jordan is not.
        assertThat(found.get(0).findElement(By.linkText("Ana Martínez")).getAttribute("href"))
                .endsWith("/students/1/records");
        assertThat(found.get(1).findElements(By.linkText("Jordan Lee"))).isEmpty();
        shoot("received-quality");

        // The GPA goes back to the college as a discrepancy report, the rule's words as its starting point.
        String gpaRow = "#received-findings tr[data-package='5e1f0c2a9b8d7e6f5a4b3c2d1e0f9a8b'] ";
        assertThat(browser.findElement(By.cssSelector(gpaRow + "textarea")).getAttribute("value"))
                .startsWith("Cumulative unweighted GPA stored as 3.900");
        follow(By.cssSelector(gpaRow + "button.report"));
        assertThat(browser.getCurrentUrl()).contains("/registrar/data-quality/received?page=0");
        assertThat(browser.findElement(By.id("received-notice")).getText())
                .isEqualTo("The report was sent to the other institution.");
        assertThat(portal.fakes.registrar.filed).singleElement().asString()
                .startsWith("5e1f0c2a9b8d7e6f5a4b3c2d1e0f9a8b: Cumulative unweighted GPA stored as 3.900");
        assertThat(browser.findElement(By.cssSelector(gpaRow + ".report-sent")).getText())
                .startsWith("A discrepancy report about this package was sent");

        // The SSID is right as the college has it: dismissed, with a reason.
        String ssidRow = "#received-findings tr[data-package='7d6c5b4a39281706f5e4d3c2b1a09f8e'] ";
        follow(By.cssSelector(ssidRow + "form[action$='/dismiss'] button"));
        assertThat(browser.findElement(By.id("received-error")).getText())
                .isEqualTo("Say why the finding is not an error.");
        browser.findElement(By.cssSelector(ssidRow + "input[name='reason']"))
                .sendKeys("Checked with CALPADS: the SSID is right; it predates the check digit.");
        follow(By.cssSelector(ssidRow + "form[action$='/dismiss'] button"));
        assertThat(browser.findElement(By.id("received-notice")).getText()).isEqualTo("The finding was dismissed.");
        assertThat(rows("#received-findings")).singleElement().satisfies(row -> assertThat(row.getText())
                .contains("Ana Martínez"));
        follow(By.id("received-toggle"));
        assertThat(rows("#received-findings")).singleElement().satisfies(row -> assertThat(row.getText())
                .contains("Jordan Lee").contains("Dismissed by Rae Registrar").contains("predates the check digit"));
        follow(By.cssSelector("#received-findings button"));
        assertThat(browser.findElement(By.id("received-notice")).getText()).isEqualTo("The finding is open again.");
        assertThat(rows("#received-findings")).isEmpty();

        // In Spanish, the finding reads in Spanish.
        follow(By.id("received-toggle"));
        follow(By.cssSelector("form.lang button[value='es']"));
        assertThat(browser.findElement(By.id("received-counts")).getText())
                .isEqualTo("Hallazgos abiertos: 2. Paquetes con hallazgos: 2. Descartados: 0.");
        assertThat(rows("#received-findings").get(0).getText())
                .contains("El GPA acumulado sin ponderar guardado es 3.900");
        // A report starts from the finding as the registrar reads it.
        assertThat(browser.findElement(By.cssSelector(ssidRow + "textarea")).getAttribute("value"))
                .startsWith("El último dígito del SSID");
        shoot("received-quality-es");
        follow(By.cssSelector("form.lang button[value='en']"));
    }

    @Test
    void a_family_switches_the_portal_to_spanish() {
        go("/sign-in");
        follow(By.cssSelector("form.lang button[value='es']"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Iniciar sesión");
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("es");
        shoot("sign-in-es");
        PortalHarness.Holder ana = portal.active(Role.STUDENT, "ana", "Ana Martínez", PortalTestData.ANA);
        typeSignIn("ana", PortalHarness.PASSWORD);
        follow(By.linkText("Progreso"));
        assertThat(browser.getPageSource()).contains("Requisitos a-g").contains("Cumplido");
        shoot("student-progress-es");
        assertThat(ana.username()).isEqualTo("ana");
    }

    private List<WebElement> rows(String table) {
        return browser.findElements(By.cssSelector(table + " tbody tr"));
    }

    /**
     * Clicks what leads to another page (a link, a form's submit button) and waits until that page has replaced
     * this one: on a busy machine the click returns first, and reading the page then would read the old one.
     */
    private void follow(By target) {
        org.openqa.selenium.support.ui.WebDriverWait wait =
                new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(driver -> loaded());
        WebElement page = browser.findElement(By.tagName("html"));
        try {
            browser.findElement(target).click();
        } catch (org.openqa.selenium.WebDriverException e) {
            // chromedriver sometimes fails a click with "Node with given id does not belong to the document" (seen
            // right after a screenshot had resized the window), and then fails every retry the same way. Either the
            // click went through and its navigation is replacing this page (a form post can take seconds on a busy
            // machine), or it did not happen: then click in the page's own script, which does not go through the
            // node ids chromedriver lost. Never both, so that a form is never posted twice.
            if (!HeadlessChromium.lostNode(e)) {
                throw e;
            }
            if (!replacedWithin(page, Duration.ofSeconds(15))) {
                ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].click()",
                        browser.findElement(target));
            }
        }
        wait.until(HeadlessChromium.gone(page));
        // The old page is gone once the new one starts; wait until it has finished loading too, so that the next
        // step does not hold elements of a document that is still being replaced.
        wait.until(driver -> loaded());
    }

    /** Whether {@code page} is replaced by another document within {@code time}. */
    private boolean replacedWithin(WebElement page, Duration time) {
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(browser, time)
                    .until(HeadlessChromium.gone(page));
            return true;
        } catch (org.openqa.selenium.TimeoutException e) {
            return false;
        }
    }

    private boolean loaded() {
        return "complete".equals(((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.readyState"));
    }

    private void go(String path) {
        browser.get("https://127.0.0.1:" + portal.port() + path);
    }

    private void setDate(String id, String isoDate) {
        chromium.setDate(id, isoDate);
    }

    private void clearAndType(String id, String text) {
        WebElement e = browser.findElement(By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    private void typeSignIn(String username, String password) {
        if (!browser.getCurrentUrl().endsWith("/sign-in") && !browser.getCurrentUrl().contains("/sign-in?")) {
            go("/sign-in");
        }
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        follow(By.id("sign-in"));
    }

    private void signIn(PortalHarness.Holder who) {
        go("/sign-in");
        typeSignIn(who.username(), PortalHarness.PASSWORD);
        // The click returns before the next page has loaded on a busy machine: wait to leave the sign-in form.
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(30))
                .until(page -> !page.getCurrentUrl().endsWith("/sign-in"));
        if (browser.getCurrentUrl().endsWith("/sign-in/code")) {
            if (!Files.exists(HeadlessChromium.SHOTS.resolve("second-factor-desktop.png"))) {
                shoot("second-factor");
            }
            portal.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
            browser.findElement(By.id("code")).sendKeys(Totp.code(who.totp(), Totp.step(portal.clock.instant())));
            browser.findElement(By.id("verify")).click();
            new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(page -> !page.getCurrentUrl().endsWith("/sign-in/code")
                            || !page.findElements(By.id("form-error")).isEmpty());
        }
    }

    private void shoot(String name) {
        chromium.shoot(name);
    }
}
