package io.mailtune.testing;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;

/**
 * A real headless Chromium for page tests: Debian's {@code chromium} driven through its {@code chromedriver}, with a
 * fresh profile that is deleted on close and every background connection Chromium would make switched off, so the only
 * requests it sends are the pages' own. Never a downloaded browser: where the system browser is missing the test is
 * skipped with the reason, except under {@code CI=true}, where it fails ({@code .ci/services.sh} installs it).
 * Screenshots go to {@code target/screenshots/NAME.png} of the module under test.
 */
public final class Browser implements AutoCloseable {

    /** The system browser. */
    public static final Path CHROMIUM = Path.of(env("MAILTUNE_TEST_CHROMIUM", "/usr/bin/chromium"));
    /** The system browser's driver. */
    public static final Path CHROMEDRIVER = Path.of(env("MAILTUNE_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private final Path profile;
    private final ChromeDriver driver;

    private Browser(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /** Starts a browser with a window of 1440×900 CSS pixels (a laptop screen). */
    public static Browser start() {
        return start(1440, 900);
    }

    /** Starts a browser with a window of the given size. */
    public static Browser start(int width, int height) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String problem = "no system Chromium at " + CHROMIUM + " with its driver at " + CHROMEDRIVER
                    + ": install Debian's chromium and chromium-driver (bash .ci/services.sh does, as root)";
            Assumptions.assumeTrue("true".equals(System.getenv("CI")), problem);
            throw new IllegalStateException(problem);
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("mailtune-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height, "--lang=en-GB");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Browser(profile, driver);
    }

    /** The driver, for finding elements and typing. */
    public ChromeDriver driver() {
        return driver;
    }

    /** Opens a URL and waits for the page to load. */
    public Browser open(String url) {
        driver.get(url);
        return this;
    }

    /** Waits up to {@code timeout} until the condition holds (not null, not false), returning its value. */
    public <T> T await(Duration timeout, Function<ChromeDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100)).until(d -> condition.apply(driver));
    }

    /** Runs a script in the page and returns its value. */
    public Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** Saves a screenshot of the window as {@code target/screenshots/NAME.png}; returns the file. */
    public Path screenshot(String name) {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a screenshot name is letters, digits, '.', '_' or '-', was '" + name + "'");
        }
        try {
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            Path file = dir.resolve(name + ".png");
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The browser console's messages since the last call (errors, CSP violations, failed loads). */
    public List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::toString).toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // A profile left in the temp folder is harmless.
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
