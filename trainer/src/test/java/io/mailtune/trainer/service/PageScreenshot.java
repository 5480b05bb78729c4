package io.mailtune.trainer.service;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opens a page in headless Debian Chromium and saves a full-page screenshot, for a person to look at. */
final class PageScreenshot {

    private PageScreenshot() {
    }

    static void take(String url, Path png) throws IOException {
        boolean installed = new File("/usr/bin/chromedriver").canExecute() && new File("/usr/bin/chromium").canExecute();
        Assumptions.assumeTrue(installed || "true".equals(System.getenv("CI")),
                "Chromium is not installed (apt-get install chromium chromium-driver): no screenshot");
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,1600");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.get(url);
            assertTrue(driver.findElements(By.cssSelector("svg.curve polyline")).size() >= 2, "loss curves are drawn");
            long height = (Long) driver.executeScript("return document.body.scrollHeight");
            driver.manage().window().setSize(new Dimension(1280, (int) Math.min(6000, height + 40)));
            Files.createDirectories(png.toAbsolutePath().getParent());
            Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.quit();
        }
    }
}
