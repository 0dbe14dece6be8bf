package io.gridshift.demo.it.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver. Both paths are given explicitly so
 * that Selenium Manager never looks for (or downloads) a browser; the flags keep Chromium off the
 * network, which this machine's closed network would refuse anyway. The same as the starter's (its
 * test classes are not shared between modules); here for {@link TemporalUiIT}.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path CHROMIUM =
      Path.of(System.getProperty("gridshift.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER =
      Path.of(System.getProperty("gridshift.chromedriver", "/usr/bin/chromedriver"));

  private final Path profile;
  private final ChromeDriver driver;

  HeadlessChromium() throws IOException {
    profile = Files.createTempDirectory("gridshift-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  /**
   * Whether Debian's chromium and chromedriver are installed (apt-get install chromium
   * chromium-driver).
   */
  static boolean installed() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /**
   * Saves a screenshot, the page's HTML and the browser console into {@code dir}, for a failure.
   */
  void saveEvidence(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.write(dir.resolve("page.png"), driver.getScreenshotAs(OutputType.BYTES));
      Files.writeString(dir.resolve("page.html"), driver.getPageSource());
      StringBuilder console = new StringBuilder();
      driver.manage().logs().get(LogType.BROWSER).forEach(e -> console.append(e).append('\n'));
      Files.writeString(dir.resolve("console.log"), console);
    } catch (IOException | RuntimeException e) {
      // Evidence is best effort: the test's own failure is what matters.
      e.printStackTrace();
    }
  }

  ChromeDriver driver() {
    return driver;
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
