package io.gridshift.starter.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridshift.starter.FleetService;
import io.gridshift.starter.FleetSpecReader;
import io.gridshift.starter.cli.RestServerFixture;
import io.gridshift.starter.fleet.FakeFleetWorkflow;
import io.gridshift.starter.fleet.FleetSpecsForTests;
import io.gridshift.starter.server.FakeTemporal;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.fleet.FleetStatus;
import io.gridshift.workflows.fleet.FleetUpgradeWorkflow;
import io.temporal.client.WorkflowClient;
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
 * The operations page's fleet view in a real headless Chromium, against the real REST service over
 * the in-process Temporal running a stand-in fleet workflow ({@link FakeFleetWorkflow}) waiting at
 * gate {@code canary}: the page shows the stages, the grids (the refused one with its reason), the
 * agents and the gate; an approver's click on Approve moves the fleet on and the audit names them;
 * a control the approver's role does not allow is refused with the server's reason.
 */
class FleetPageIT {
  private static final String GATE = "canary";

  private static WorkflowClient temporal;
  private static RestServerFixture server;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(
        HeadlessChromium.installed(),
        "needs Debian's chromium and chromedriver: apt-get install -y chromium chromium-driver");
    temporal = FakeTemporal.shared().env.getWorkflowClient();
    server = new RestServerFixture(temporal);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void approverApprovesTheFleetGateFromThePage() throws Exception {
    String id = startFleetAtGate();
    try (HeadlessChromium chromium = new HeadlessChromium()) {
      try {
        approveThroughThePage(chromium.driver(), id);
      } catch (RuntimeException | AssertionError e) {
        chromium.saveEvidence(Path.of("target", "FleetPageIT"));
        throw e;
      }
    } finally {
      new FleetService(temporal)
          .control(id, "abort", new io.gridshift.workflows.common.OperatorAction("test", null));
    }
    FleetStatus status = stub(id).status();
    assertThat(status.audit())
        .anySatisfy(
            a -> {
              assertThat(a.action()).isEqualTo(AuditEntry.Action.APPROVED);
              assertThat(a.by()).isEqualTo("bob");
              assertThat(a.comment()).isEqualTo("canary looks fine");
            });
  }

  private static void approveThroughThePage(WebDriver page, String id) {
    WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(15));
    wait.ignoring(StaleElementReferenceException.class);
    page.get(server.url() + "/ui/");
    WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("user")));
    name.sendKeys(RestServerFixture.APPROVER);
    page.findElement(By.id("password")).sendKeys(RestServerFixture.APPROVER + "-pw");
    page.findElement(By.id("signin-button")).click();
    wait.until(ExpectedConditions.textToBe(By.id("whoami"), RestServerFixture.APPROVER));

    By row = By.cssSelector("#fleets tr[data-fleet-id='" + id + "']");
    wait.until(
        p -> {
          p.findElement(row).click();
          return true;
        });
    wait.until(ExpectedConditions.textToBe(By.id("fleet-gate-name"), GATE));
    wait.until(
        p ->
            "WAITING_APPROVAL"
                .equals(attribute(p, "#fleet-stages tr[data-stage='canary']", "data-state")));
    assertThat(attribute(page, "#fleet-stages tr[data-stage='rest']", "data-state"))
        .isEqualTo("PENDING");
    assertThat(
            page.findElement(By.cssSelector("#fleet-grids tr[data-grid='us/apps/refused-dg']"))
                .getText())
        .contains("REFUSED")
        .contains("shutdown hook is not GRACEFUL");
    assertThat(page.findElements(By.cssSelector("#fleet-agents tr[data-cluster]"))).hasSize(2);
    assertThat(page.findElement(By.id("fleet-versions")).getText())
        .contains("infinispan 15.0.21.Final");
    assertThat(page.findElement(By.id("fleet-budget")).getText()).contains("1 of 1 left");

    page.findElement(By.id("fleet-comment")).sendKeys("canary looks fine");
    page.findElement(By.id("fleet-approve")).click();
    wait.until(
        p -> "RUNNING".equals(attribute(p, "#fleet-stages tr[data-stage='canary']", "data-state")));
    wait.until(
        p ->
            "RUNNING"
                .equals(attribute(p, "#fleet-grids tr[data-grid='eu/apps/dg1']", "data-state")));
    assertThat(page.findElement(By.id("notice")).getText())
        .isEqualTo("APPROVED " + GATE + " by bob");
    String audit =
        wait.until(
            p ->
                p.findElement(
                        By.cssSelector(
                            "#fleet-audit li[data-audit-action='APPROVED'][data-by='bob']"))
                    .getText());
    assertThat(audit).contains(GATE).contains("canary looks fine");

    // Pausing needs the requester role: the page shows the server's refusal.
    page.findElement(By.id("fleet-pause")).click();
    WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
    assertThat(error.getText()).startsWith("Refused:").contains("requester");
  }

  private static String attribute(WebDriver page, String css, String name) {
    for (int attempt = 1; ; attempt++) {
      try {
        return page.findElements(By.cssSelector(css)).stream()
            .findFirst()
            .map(e -> e.getAttribute(name))
            .orElse(null);
      } catch (StaleElementReferenceException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  private static String startFleetAtGate() throws InterruptedException {
    FleetService fleets = new FleetService(temporal);
    String id =
        fleets
            .start(FleetSpecReader.parse(FleetSpecsForTests.yaml("page-fleet", ""), false, "alice"))
            .getWorkflowId();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (stub(id).status().openGate() != null) {
          return id;
        }
      } catch (RuntimeException e) {
        // not started yet
      }
      Thread.sleep(50);
    }
    throw new AssertionError("fleet " + id + " never opened its gate");
  }

  private static FleetUpgradeWorkflow stub(String id) {
    return temporal.newWorkflowStub(FleetUpgradeWorkflow.class, id);
  }
}
