package io.gridshift.demo.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.sandbox.temporal.ui.UiServer;
import io.temporal.api.common.v1.WorkflowExecution;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * One workflow's page in the real Temporal UI, read for its payloads: what a person sees of the
 * workflow's input and history, as text. The UI reads its settings (and so the codec endpoint) when
 * a page loads, so each read loads the page again.
 */
final class UiPayloadPage {
  static final Path EVIDENCE = Path.of("target", "temporal-ui");
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration RELOAD = Duration.ofSeconds(5);

  private final ChromeDriver browser;
  private final String url;

  UiPayloadPage(HeadlessChromium chromium, UiServer ui, WorkflowExecution run) {
    this.browser = chromium.driver();
    this.url =
        ui.address()
            + "/namespaces/default/workflows/"
            + URLEncoder.encode(run.getWorkflowId(), StandardCharsets.UTF_8)
            + "/"
            + run.getRunId()
            + "/history";
  }

  /**
   * Signs in to the REST service at {@code rest} as a person does: the browser answers its Basic
   * challenge once and keeps the credentials for that origin, which the UI's codec calls then send
   * (settings {@code IncludeCredentials}).
   */
  void logInTo(URI rest, String user, String password) {
    browser.get(
        "http://"
            + user
            + ":"
            + password
            + "@"
            + rest.getHost()
            + ":"
            + rest.getPort()
            + "/api/me");
    assertThat(browser.findElement(By.tagName("body")).getText())
        .as("the REST service's /api/me after the sign-in")
        .contains(user);
  }

  /**
   * The page's text once it shows {@code expected}, loading the page again (fresh settings) every
   * few seconds, for at most {@link #WAIT}; what it last showed if it never does.
   */
  String inputOnceShown(String expected) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    String text = "";
    while (System.nanoTime() < deadline) {
      browser.get(url);
      long reload = Math.min(deadline, System.nanoTime() + RELOAD.toNanos());
      do {
        Thread.sleep(250);
        text = browser.findElement(By.tagName("body")).getText();
        if (text.contains(expected)) {
          return text;
        }
      } while (System.nanoTime() < reload);
    }
    return text;
  }

  /** A screenshot into {@code target/temporal-ui/}, for the README. */
  void screenshot(String name) throws IOException {
    Files.createDirectories(EVIDENCE);
    Files.write(EVIDENCE.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
  }
}
