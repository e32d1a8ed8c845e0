package org.baton.node.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver (Selenium Manager, which would download a driver,
 * never runs), with a throw-away profile; and screenshots of the current page at desktop and phone width under
 * {@code target/screenshots/}.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "screenshots");
    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(390, 844);

    final WebDriver browser;
    private final Path profile;

    private HeadlessChromium(WebDriver browser, Path profile) {
        this.browser = browser;
        this.profile = profile;
    }

    /** Starts the browser; skips the test (an assumption) when chromium or chromedriver is not installed. */
    static HeadlessChromium start() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests need Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver):"
                        + " apt-get install -y chromium chromium-driver");
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        Files.createDirectories(SHOTS);
        Path profile = Files.createTempDirectory("baton-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--lang=en-US", "--accept-lang=en-US,en");
        options.setAcceptInsecureCerts(true);
        WebDriver browser = new ChromeDriver(options);
        // A click that submits a form returns before the next page has loaded when the machine is busy: lookups
        // wait for the element to appear rather than reading the page that is being replaced.
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
        browser.manage().window().setSize(DESKTOP);
        return new HeadlessChromium(browser, profile);
    }

    /**
     * Whether an error means that the element's document is gone. Chromium reports it either as a stale element or,
     * at times, as "Node with given id does not belong to the document".
     */
    static boolean lostNode(WebDriverException e) {
        return e instanceof StaleElementReferenceException
                || String.valueOf(e.getMessage()).contains("does not belong to the document");
    }

    /**
     * Until {@code element} is gone from the browser. Selenium's {@code stalenessOf} lets Chromium's other report
     * of the same thing ("Node with given id does not belong to the document") escape as an error.
     */
    static ExpectedCondition<Boolean> gone(WebElement element) {
        return driver -> {
            try {
                element.isEnabled();
                return false;
            } catch (WebDriverException e) {
                if (lostNode(e)) {
                    return true;
                }
                throw e;
            }
        };
    }

    /** Date inputs take keystrokes in the browser's locale order; sets the ISO value the form posts instead. */
    void setDate(String id, String isoDate) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]",
                browser.findElement(By.id(id)), isoDate);
    }

    /** Saves the current page at desktop and phone width (full page height), then restores desktop width. */
    void shoot(String name) {
        try {
            Files.createDirectories(SHOTS);
            for (var size : List.of(DESKTOP, PHONE)) {
                browser.manage().window().setSize(size);
                Number height = (Number) ((JavascriptExecutor) browser)
                        .executeScript("return document.documentElement.scrollHeight");
                browser.manage().window().setSize(new Dimension(size.width, Math.min(4000,
                        Math.max(size.height, height.intValue()))));
                byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
                Files.write(SHOTS.resolve(name + (size == DESKTOP ? "-desktop" : "-phone") + ".png"), png);
            }
            browser.manage().window().setSize(DESKTOP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            browser.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
