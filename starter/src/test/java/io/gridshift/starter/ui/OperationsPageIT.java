package io.gridshift.starter.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridshift.starter.UpgradeRequests;
import io.gridshift.starter.UpgradeService;
import io.gridshift.starter.cli.RestServerFixture;
import io.gridshift.starter.cli.TemporalFixture;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.UpgradeStatus;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operations page in a real headless Chromium, against the real REST service over an in-process
 * Temporal running the real Infinispan workflow (fake activities) stopped at the {@code
 * switch-traffic} gate: a requester's approval is refused with the server's reason, an approver's
 * click on Approve moves the workflow on, and the page shows the step done and the audit entry.
 */
class OperationsPageIT {
  private static final String GATE = "switch-traffic";

  /** The step that waits for the gate's decision; the step {@value #GATE} itself runs after it. */
  private static final String GATE_STEP = "gate:" + GATE;

  private static TemporalFixture temporal;
  private static RestServerFixture server;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(
        HeadlessChromium.installed(),
        "needs Debian's chromium and chromedriver at "
            + HeadlessChromium.CHROMIUM
            + " and "
            + HeadlessChromium.CHROMEDRIVER
            + ": apt-get install -y chromium chromium-driver");
    temporal = new TemporalFixture();
    server = new RestServerFixture(temporal);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (temporal != null) {
      temporal.close();
    }
  }

  @Test
  void approverApprovesTheOpenGateFromThePage() throws Exception {
    String id = startUpgradeAtGate();
    try (HeadlessChromium chromium = new HeadlessChromium()) {
      try {
        approveThroughThePage(chromium.driver(), id);
      } catch (RuntimeException | AssertionError e) {
        chromium.saveEvidence(Path.of("target", "OperationsPageIT"));
        throw e;
      }
    }
    // The page's click reached the workflow: its own audit log names the approver.
    UpgradeStatus status =
        temporal.await(
            id, "approval", s -> s.openGate() == null || !s.openGate().name().equals(GATE));
    assertThat(status.audit())
        .anySatisfy(
            a -> {
              assertThat(a.action()).isEqualTo(AuditEntry.Action.APPROVED);
              assertThat(a.by()).isEqualTo("bob");
              assertThat(a.comment()).isEqualTo("traffic looks fine");
            });
  }

  private static void approveThroughThePage(WebDriver page, String id) {
    WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(15));
    // The page re-renders its tables on every refresh: a row found a moment ago may be gone.
    wait.ignoring(StaleElementReferenceException.class);
    page.get(server.url() + "/ui/");

    // A requester sees the upgrade but is refused the approval, with the server's reason.
    signIn(page, wait, RestServerFixture.REQUESTER);
    openUpgrade(page, wait, id);
    page.findElement(By.id("approve")).click();
    WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
    assertThat(error.getText()).startsWith("Refused:");
    assertThat(stepState(page, GATE_STEP)).isEqualTo("WAITING_APPROVAL");
    assertThat(stepState(page, GATE)).isEqualTo("PENDING");
    page.findElement(By.id("signout")).click();

    signIn(page, wait, RestServerFixture.APPROVER);
    openUpgrade(page, wait, id);
    assertThat(page.findElement(By.id("gate-name")).getText()).isEqualTo(GATE);
    assertThat(page.findElement(By.id("gate-deadline")).getAttribute("datetime")).isNotBlank();
    // The kind's details, as the tables it describes: here the caches and their progress.
    wait.until(p -> !p.findElements(By.cssSelector("#details table.details th")).isEmpty());
    assertThat(page.findElement(By.cssSelector("#details table.details th")).getText())
        .isEqualTo("CACHE");
    assertThat(page.findElements(By.cssSelector("#details table.details tbody tr"))).isNotEmpty();
    page.findElement(By.id("comment")).sendKeys("traffic looks fine");
    page.findElement(By.id("approve")).click();

    // The gate passes, traffic moves (the fake switches at once), and the next gate opens.
    wait.until(p -> "SUCCEEDED".equals(stepState(p, GATE)));
    assertThat(stepState(page, GATE_STEP)).isEqualTo("SUCCEEDED");
    wait.until(ExpectedConditions.textToBe(By.id("gate-name"), "cutover"));
    String audit =
        wait.until(
            p ->
                p.findElement(
                        By.cssSelector("#audit li[data-audit-action='APPROVED'][data-by='bob']"))
                    .getText());
    assertThat(audit).contains(GATE).contains("traffic looks fine");
    assertThat(page.findElement(By.id("notice")).getText())
        .isEqualTo("APPROVED gate " + GATE + " by bob");
  }

  private static String startUpgradeAtGate() {
    String json =
        TemporalFixture.requestJson("{\"cutover\": {}, \"switch-traffic\": {}}")
            .replace("\"grid\"", "\"requestedBy\": \"alice\", \"grid\"");
    String id =
        new UpgradeService(temporal.client())
            .start(UpgradeRequests.parse(json, false))
            .getWorkflowId();
    temporal.awaitGate(id, GATE);
    return id;
  }

  private static void signIn(WebDriver page, WebDriverWait wait, String user) {
    WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("user")));
    name.clear();
    name.sendKeys(user);
    page.findElement(By.id("password")).sendKeys(user + "-pw");
    page.findElement(By.id("signin-button")).click();
    wait.until(ExpectedConditions.textToBe(By.id("whoami"), user));
  }

  private static void openUpgrade(WebDriver page, WebDriverWait wait, String id) {
    By row = By.cssSelector("#upgrades tr[data-workflow-id='" + id + "']");
    wait.until(
        p -> {
          p.findElement(row).click();
          return true;
        });
    wait.until(p -> "WAITING_APPROVAL".equals(stepState(p, GATE_STEP)));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("approve")));
  }

  /**
   * A step row's state, or null while the steps table does not show it. The table is rebuilt on
   * every refresh, so a row that goes stale between finding and reading it is looked up again.
   */
  private static String stepState(WebDriver page, String step) {
    for (int attempt = 1; ; attempt++) {
      try {
        return page.findElements(By.cssSelector("#steps tr[data-step='" + step + "']")).stream()
            .findFirst()
            .map(row -> row.getAttribute("data-state"))
            .orElse(null);
      } catch (StaleElementReferenceException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }
}
