package io.gridshift.demo.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.gridshift.demo.HazelcastDemoGrid;
import io.gridshift.sandbox.temporal.ui.UiServer;
import io.gridshift.starter.UpgradeRequests;
import io.gridshift.starter.UpgradeService;
import io.gridshift.starter.schedule.FleetScheduleRequest;
import io.gridshift.starter.schedule.FleetSchedules;
import io.gridshift.starter.schedule.FleetSpecs;
import io.gridshift.worker.ApprovalSettings;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.OpenGate;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.hazelcast.HazelcastGates;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.schedules.ScheduleClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The real Temporal UI (npm {@code @temporalio/ui}, built into the sandbox jar) in Debian's
 * headless Chromium, served with the sandbox's {@code /api/v1} by its UI server, against the
 * sandbox's Temporal and the real worker. A person's path through it, step by step:
 *
 * <ol>
 *   <li>starts a Hazelcast upgrade with the Start Workflow form: workflow type, task queue, id and
 *       the request typed as JSON;
 *   <li>finds it in the workflow list by a gridshift search attribute, with gridshift's columns;
 *   <li>opens it and reads its current details: phase, step and the open gate;
 *   <li>sends the {@code approveSignal} signal from the workflow's actions, and the gate passes
 *       with the approver recorded, shown by the {@code status} query in the UI's query tab;
 *   <li>sees a fleet schedule on the Schedules page.
 * </ol>
 *
 * The grid is one real 5.3.6 member whose shutdown settings are unsafe, and the request says {@code
 * fixUnsafeSettings}: its first gate, {@code fix-settings}, opens right after the plan, before
 * anything in the cluster changes, so the test needs no rolling to reach a gate. Screenshots of
 * each page go to {@code target/temporal-ui/} (the README's come from there).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TemporalUiIT {
  private static final String GRID = "hz-ui";
  private static final String WORKFLOW_ID = "hazelcast-upgrade-sandbox-default-" + GRID;
  private static final String REQUEST =
      "{\"cluster\": {\"cluster\": \"sandbox\", \"namespace\": \"default\"}, \"grid\": \""
          + GRID
          + "\", \"targetVersion\": \"5.3.8\", \"fixUnsafeSettings\": true, \"requestedBy\": \"bob\"}";
  private static final String APPROVAL =
      "{\"gate\": \"fix-settings\", \"by\": \"alice\", \"comment\": \"from the Temporal UI\"}";
  private static final String SCHEDULE = "fleet-ui-weekly";
  private static final String SIGNED_GRID = "hz-ui-signed";
  private static final Duration UI_WAIT = Duration.ofSeconds(30);
  private static final Path EVIDENCE = Path.of("target", "temporal-ui");

  private E2eSandbox e2e;
  private UpgradeService service;
  private UiServer ui;
  private HeadlessChromium chromium;
  private ChromeDriver browser;
  private boolean failed;

  @BeforeAll
  void startSandboxGridUiAndBrowser() throws Exception {
    assumeTrue(
        HeadlessChromium.installed(),
        "needs Debian's chromium and chromedriver at "
            + HeadlessChromium.CHROMIUM
            + " and "
            + HeadlessChromium.CHROMEDRIVER
            + ": apt-get install -y chromium chromium-driver");
    e2e = E2eSandbox.start("gridshift-ui-e2e");
    service = e2e.service();
    e2e.kube().apps().statefulSets().inNamespace("default").resource(unsafeMember(GRID)).create();
    new HazelcastDemoGrid(e2e.kube()).awaitReadyPods(GRID, 1, Duration.ofMinutes(3));
    // The sandbox's own UI server, as `sandbox up` and the demos start it (any free port here).
    ui = e2e.sandbox().startUi(0, "");
    assertThat(ui.hasUiBuild()).as("the UI build is on the sandbox's classpath").isTrue();
    chromium = new HeadlessChromium();
    browser = chromium.driver();
  }

  @AfterEach
  void keepEvidenceOfAFailure(TestInfo test) {
    // Set by the tests themselves (JUnit's own failure hook needs an extension): see failing().
    if (failed && chromium != null) {
      chromium.saveEvidence(EVIDENCE.resolve("failed-" + test.getDisplayName()));
    }
    failed = false;
  }

  @AfterAll
  void stop() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    if (e2e != null) {
      e2e.close();
    }
  }

  @Test
  @Order(1)
  void startsAnUpgradeFromTheStartWorkflowForm() throws Exception {
    failing(
        () -> {
          open("/namespaces/default/workflows/start-workflow");
          type(By.id("workflowId"), WORKFLOW_ID);
          type(By.id("taskQueue"), "gridshift-workflows");
          type(By.id("workflowType"), "HazelcastUpgrade");
          WebElement editor = visible(By.cssSelector(".cm-content"));
          editor.click();
          editor.sendKeys(REQUEST);
          // CodeMirror closes brackets and quotes as one types; what it holds must be what was
          // typed.
          assertThat(editor.getText()).isEqualTo(REQUEST);
          screenshot("start-workflow.png");
          WebElement start =
              until(
                  ExpectedConditions.elementToBeClickable(
                      By.cssSelector("[data-testid=start-workflow-button]")));
          start.click();
          waitForText("Workflow started successfully");
        });

    OpenGate gate = e2e.awaitOpenGate(WORKFLOW_ID);
    assertThat(gate.name()).isEqualTo(HazelcastGates.FIX_SETTINGS);
    UpgradeStatus status = service.status(WORKFLOW_ID);
    assertThat(status.phase()).isEqualTo(Phase.WAITING_APPROVAL);
  }

  @Test
  @Order(2)
  void listsItWithGridshiftSearchAttributes() throws Exception {
    failing(
        () -> {
          open("/namespaces/default/workflows");
          // The columns a person adds with "Configure columns" are kept in this local storage
          // entry.
          ((JavascriptExecutor) browser)
              .executeScript(
                  "localStorage.setItem('namespace-workflow-table-columns', arguments[0])",
                  "{\"default\": [{\"label\": \"Status\"}, {\"label\": \"Workflow ID\"},"
                      + " {\"label\": \"Type\"}, {\"label\": \"GridshiftGrid\"},"
                      + " {\"label\": \"GridshiftPhase\"}, {\"label\": \"GridshiftStep\"},"
                      + " {\"label\": \"Start\"}]}");
          String query = "GridshiftGrid = \"" + GRID + "\"";
          open(
              "/namespaces/default/workflows?query="
                  + URLEncoder.encode(query, StandardCharsets.UTF_8));
          WebElement row =
              refreshUntil(
                  () ->
                      browser
                          .findElements(
                              By.cssSelector(
                                  "[data-testid=workflows-summary-configurable-table-row]"))
                          .stream()
                          .filter(r -> r.getText().contains("WAITING_APPROVAL"))
                          .findFirst()
                          .orElse(null));
          assertThat(row.getText())
              .contains(WORKFLOW_ID)
              .contains("HazelcastUpgrade")
              .contains(GRID)
              .contains("gate:fix-settings");
          screenshot("workflow-list.png");
        });
  }

  @Test
  @Order(3)
  void showsTheCurrentDetailsAndApprovesTheGateWithASignal() throws Exception {
    failing(
        () -> {
          visible(By.linkText(WORKFLOW_ID)).click();
          visible(By.xpath("//button[contains(normalize-space(.),'Current Details')]")).click();
          assertThat(currentDetails())
              .contains("Phase WAITING_APPROVAL, step gate:fix-settings")
              .contains("Gate fix-settings waits until")
              .contains("approveSignal");
          screenshot("current-details.png");

          sendSignal("approveSignal", APPROVAL, "signal.png");
          waitForText("Workflow signaled.");
        });

    AuditEntry approved = awaitAudit(AuditEntry.Action.APPROVED);
    assertThat(approved.gate()).isEqualTo(HazelcastGates.FIX_SETTINGS);
    assertThat(approved.by()).isEqualTo("alice");
    assertThat(approved.comment()).isEqualTo("from the Temporal UI");
    OpenGate open = service.status(WORKFLOW_ID).openGate();
    assertThat(open == null ? null : open.name()).isNotEqualTo(HazelcastGates.FIX_SETTINGS);

    failing(
        () -> {
          String page = browser.getCurrentUrl().replaceAll("/history.*$", "/query");
          browser.get(page);
          displayed(By.cssSelector("[data-testid=query-select-button]")).click();
          displayed(By.xpath("//*[@role='option'][starts-with(normalize-space(.),'status')]"))
              .click();
          // One line, so that the code block holds the whole result, not just the lines in view.
          displayed(By.xpath("//label[.//input[@id='json-formatting']]")).click();
          assertThat(refreshQueryUntil("\"APPROVED\""))
              .contains("\"alice\"")
              .contains("from the Temporal UI");
          screenshot("query-status.png");
        });
  }

  @Test
  @Order(4)
  void theSchedulesPageListsAFleetSchedule() throws Exception {
    FleetSchedules schedules =
        new FleetSchedules(ScheduleClient.newInstance(e2e.client().getWorkflowServiceStubs()));
    schedules.create(
        new FleetScheduleRequest(
            SCHEDULE,
            FleetSpecs.read(Path.of("..", "deploy", "examples", "fleet-minimal.json")),
            List.of("0 2 * * SAT"),
            List.of(),
            null,
            null,
            null,
            true,
            "TemporalUiIT"));
    failing(
        () -> {
          open("/namespaces/default/schedules");
          refreshUntil(
              () ->
                  browser.findElements(By.partialLinkText(SCHEDULE)).stream()
                      .findFirst()
                      .orElse(null));
          assertThat(text()).contains("FleetUpgrade");
          screenshot("schedules.png");
        });
  }

  @Test
  @Order(5)
  void underSignedApprovalsTheUnsignedUiSignalIsRefusedAndShownRefused() throws Exception {
    Path key = Files.createTempFile("gridshift-ui-approval-key", "");
    Files.writeString(key, "a-test-key-for-signed-approvals-only-" + System.nanoTime());
    e2e.restartWorker(ApprovalSettings.signed(Map.of("k1", key.toString()), false));
    e2e.kube()
        .apps()
        .statefulSets()
        .inNamespace("default")
        .resource(unsafeMember(SIGNED_GRID))
        .create();
    new HazelcastDemoGrid(e2e.kube()).awaitReadyPods(SIGNED_GRID, 1, Duration.ofMinutes(3));
    WorkflowExecution run = service.start(UpgradeRequests.parse(request(SIGNED_GRID), false));
    String id = run.getWorkflowId();
    assertThat(e2e.awaitOpenGate(id).name()).isEqualTo(HazelcastGates.FIX_SETTINGS);

    failing(
        () -> {
          open("/namespaces/default/workflows/" + id + "/" + run.getRunId() + "/history");
          sendSignal("approveSignal", APPROVAL, "signed-signal.png");
          waitForText("Workflow signaled.");
          open("/namespaces/default/workflows/" + id + "/" + run.getRunId() + "/query");
          displayed(By.cssSelector("[data-testid=query-select-button]")).click();
          displayed(By.xpath("//*[@role='option'][starts-with(normalize-space(.),'status')]"))
              .click();
          displayed(By.xpath("//label[.//input[@id='json-formatting']]")).click();
          assertThat(refreshQueryUntil("\"REFUSED\"")).contains("signed approvals are on");
          screenshot("signed-refused.png");
        });

    AuditEntry refused =
        service.status(id).audit().stream()
            .filter(a -> a.action() == AuditEntry.Action.REFUSED)
            .findFirst()
            .orElseThrow();
    assertThat(refused.by()).isEqualTo("alice");
    assertThat(refused.reason()).contains("signed approvals are on");
    assertThat(service.status(id).openGate().name()).isEqualTo(HazelcastGates.FIX_SETTINGS);
  }

  /** The request as the REST service or the CLI sends it: with its kind. */
  private static String request(String grid) {
    return "{\"kind\": \"hazelcast\", \"cluster\": {\"cluster\": \"sandbox\","
        + " \"namespace\": \"default\"}, \"grid\": \""
        + grid
        + "\", \"targetVersion\": \"5.3.8\", \"fixUnsafeSettings\": true, \"requestedBy\":"
        + " \"bob\"}";
  }

  /** The current details' text: the UI renders them (through /render) in a frame of their own. */
  private String currentDetails() {
    WebElement frame = visible(By.cssSelector("iframe[title=output]"));
    browser.switchTo().frame(frame);
    try {
      return until(
          d -> {
            String text = d.findElement(By.tagName("body")).getText();
            return text.contains("Phase") ? text : null;
          });
    } finally {
      browser.switchTo().defaultContent();
    }
  }

  /** Workflow Actions, Send a Signal: {@code name} with {@code json}, screenshot before sending. */
  private void sendSignal(String name, String json, String screenshot) throws Exception {
    displayed(By.id("workflow-actions-menu-button")).click();
    displayed(By.cssSelector("[data-testid=signal-button]")).click();
    WebElement modal =
        displayed(By.cssSelector("dialog[open][data-testid=signal-confirmation-modal]"));
    chooseSignal(modal, name);
    WebElement input = modal.findElement(By.cssSelector(".cm-content"));
    input.click();
    input.sendKeys(json);
    assertThat(input.getText()).isEqualTo(json);
    screenshot(screenshot);
    modal.findElement(By.cssSelector("[data-testid=confirm-modal-button]")).click();
  }

  /** Picks {@code name} from the signal modal's list of the workflow's signals, or types it. */
  private void chooseSignal(WebElement modal, String name) {
    List<WebElement> select =
        modal.findElements(By.cssSelector("[data-testid=signal-select-button]"));
    if (select.isEmpty()) {
      type(By.id("signal-name"), name);
      return;
    }
    select.get(0).click();
    displayed(By.xpath("//*[@role='option'][starts-with(normalize-space(.),'" + name + "')]"))
        .click();
  }

  /**
   * Runs the query again (the UI's refresh button) until its result shows {@code expected}; returns
   * the result as the UI holds it.
   */
  private String refreshQueryUntil(String expected) {
    long deadline = System.nanoTime() + UI_WAIT.toNanos();
    String result;
    while (!(result = codeBlocks()).contains(expected)) {
      assertThat(System.nanoTime())
          .as("query result shows " + expected + ": " + result)
          .isLessThan(deadline);
      browser.findElements(By.xpath("//button[.//text()[contains(.,'Query')]]")).stream()
          .filter(WebElement::isDisplayed)
          .forEach(WebElement::click);
      sleep(500);
    }
    return result;
  }

  /**
   * The text of the page's code blocks as their editors hold it: CodeMirror puts only the lines in
   * view into the page, and a status with its steps and audit log is longer than the screen.
   */
  private String codeBlocks() {
    Object text =
        ((JavascriptExecutor) browser)
            .executeScript(
                "return [...document.querySelectorAll('.cm-content')].map(e => e.cmView"
                    + " && e.cmView.view ? e.cmView.view.state.doc.toString() : e.innerText)"
                    + ".join('\\n');");
    return String.valueOf(text);
  }

  private AuditEntry awaitAudit(AuditEntry.Action action) throws InterruptedException {
    long deadline = System.nanoTime() + UI_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      var found =
          service.status(WORKFLOW_ID).audit().stream()
              .filter(a -> a.action() == action)
              .findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "no " + action + " in the audit log: " + service.status(WORKFLOW_ID).audit());
  }

  private void open(String path) {
    browser.get(ui.address() + path);
  }

  private void type(By field, String text) {
    WebElement input = visible(field);
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), text, Keys.TAB);
  }

  /** The first shown of the elements {@code by} finds (the UI renders some twice, one hidden). */
  private WebElement displayed(By by) {
    return until(
        d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
  }

  private WebElement visible(By by) {
    return until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private <T> T until(java.util.function.Function<WebDriver, T> condition) {
    return new WebDriverWait(browser, UI_WAIT).until(condition);
  }

  private void waitForText(String expected) {
    until(d -> text().contains(expected) ? Boolean.TRUE : null);
  }

  /** Reloads the page until {@code found} finds something: lists show what the server had then. */
  private <T> T refreshUntil(Supplier<T> found) {
    long deadline = System.nanoTime() + UI_WAIT.toNanos();
    while (true) {
      sleep(1_000);
      T t = found.get();
      if (t != null) {
        return t;
      }
      assertThat(System.nanoTime()).as("found after reloads: " + text()).isLessThan(deadline);
      browser.navigate().refresh();
    }
  }

  private String text() {
    return browser.findElement(By.tagName("body")).getText();
  }

  private void screenshot(String name) throws Exception {
    Files.createDirectories(EVIDENCE);
    Files.write(EVIDENCE.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
  }

  /** Runs browser steps; a failure keeps the page, its HTML and the console (see @AfterEach). */
  private void failing(BrowserSteps steps) throws Exception {
    try {
      steps.run();
    } catch (Exception | AssertionError e) {
      failed = true;
      throw e;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @FunctionalInterface
  private interface BrowserSteps {
    void run() throws Exception;
  }

  /**
   * One 5.3.6 member whose shutdown hook is not GRACEFUL and which has no graceful max wait: both
   * fixable, so {@code fixUnsafeSettings} opens gate {@code fix-settings} before any change.
   */
  private static StatefulSet unsafeMember(String grid) {
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withName(grid)
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withNewSelector()
        .addToMatchLabels("app", grid)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", grid)
        .endMetadata()
        .withNewSpec()
        .withTerminationGracePeriodSeconds(30L)
        .addNewContainer()
        .withName("hazelcast")
        .withImage("hazelcast/hazelcast:5.3.6")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
