package io.gridshift.starter.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.gridshift.starter.UpgradeFilter;
import io.gridshift.starter.UpgradeRequests;
import io.gridshift.starter.UpgradeService;
import io.gridshift.starter.cli.RestServerFixture;
import io.gridshift.starter.cli.TemporalFixture;
import io.gridshift.starter.server.web.CrossSiteGuard;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.UpgradeStatus;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Cross-site request forgery, tried for real in headless Chromium. The browser holds a user's Basic
 * credentials for the REST service (as after answering its login dialog); then a page of another
 * site (127.0.0.2: another origin and site than the service's 127.0.0.1) posts to it:
 *
 * <ul>
 *   <li>to an upgrade's approve endpoint, as bob: a {@code fetch} without CORS (text/plain,
 *       credentials included; Chromium 150 sent it without the credentials, 401), a {@code fetch}
 *       with the custom header (its CORS preflight is not granted, so it is never sent), and two
 *       auto-submitted forms (empty, and text/plain whose body reads as JSON);
 *   <li>to the start endpoint, as alice: a text/plain form whose body is a valid request. Without
 *       the guard this one starts an upgrade (201: the endpoint reads any body type), which is what
 *       made the guard necessary.
 * </ul>
 *
 * Every form is answered 403 naming the header, not 401: the browser did send the credentials, and
 * the guard, not a missing login, stopped the call. The gate stays open and nothing starts.
 */
class CrossSiteRequestIT {
  private static final String GATE = "switch-traffic";

  private static TemporalFixture temporal;
  private static RestServerFixture server;
  private static HttpServer attacker;
  private static final Map<String, String> pages = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(
        HeadlessChromium.installed(),
        "needs Debian's chromium and chromedriver: apt-get install -y chromium chromium-driver");
    temporal = new TemporalFixture();
    server = new RestServerFixture(temporal);
    attacker = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
    attacker.createContext(
        "/",
        exchange -> {
          String page = pages.get(exchange.getRequestURI().getPath());
          byte[] body = (page == null ? "not here" : page).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    attacker.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (attacker != null) {
      attacker.stop(0);
    }
    if (server != null) {
      server.close();
    }
    if (temporal != null) {
      temporal.close();
    }
  }

  @Test
  void anotherSitesPageCannotApproveWithTheBrowsersCredentials() throws Exception {
    String id = startUpgradeAtGate();
    String approve = server.url() + "/api/upgrades/" + id + "/gates/" + GATE + "/approve";
    pages.put("/fetch.html", fetchPage(approve));
    pages.put("/empty-form.html", formPage(approve, "application/x-www-form-urlencoded", ""));
    pages.put(
        "/json-form.html",
        formPage(
            approve,
            "text/plain",
            "<input type=\"hidden\" name='{\"comment\": \"forged\", \"x\": \"' value='\"}'>"));
    String site = "http://127.0.0.2:" + attacker.getAddress().getPort();

    try (HeadlessChromium chromium = new HeadlessChromium()) {
      WebDriver browser = chromium.driver();
      try {
        holdCredentials(browser, RestServerFixture.APPROVER, "bob-pw");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        browser.get(site + "/fetch.html");
        wait.until(b -> !b.findElement(By.id("cors")).getText().isEmpty());
        // The preflight the header needs is not granted: the request is never sent.
        assertThat(browser.findElement(By.id("cors")).getText()).startsWith("blocked");
        // Sent (no preflight for text/plain), its answer unreadable to the page: refused below.
        wait.until(b -> !b.findElement(By.id("no-cors")).getText().isEmpty());
        assertThat(browser.findElement(By.id("no-cors")).getText()).isEqualTo("sent");

        for (String form : new String[] {"/empty-form.html", "/json-form.html"}) {
          browser.get(site + form);
          wait.until(b -> b.getCurrentUrl().startsWith(server.url()));
          wait.until(b -> b.getPageSource().contains("\"code\""));
          String answer = browser.findElement(By.tagName("body")).getText();
          assertThat(answer).as(form).contains("\"code\":403").contains(CrossSiteGuard.HEADER);
        }
      } catch (RuntimeException | AssertionError e) {
        chromium.saveEvidence(Path.of("target", "CrossSiteRequestIT"));
        throw e;
      }
    }

    UpgradeStatus status = temporal.awaitGate(id, GATE);
    assertThat(status.openGate().name()).isEqualTo(GATE);
    assertThat(status.audit()).noneMatch(a -> a.action() == AuditEntry.Action.APPROVED);
  }

  @Test
  void anotherSitesPageCannotStartAnUpgradeWithTheBrowsersCredentials() throws Exception {
    // The start endpoint reads its body whatever its type, so without the guard this text/plain
    // form, whose body reads as a request's JSON, would start an upgrade of dg-forged.
    String request =
        TemporalFixture.requestJson("{}")
            .replace("\"grid\": \"dg\"", "\"grid\": \"dg-forged\"")
            .replace("\n", " ")
            .replaceFirst("}\\s*$", ", \"requestedBy\": \"x");
    String field = "<input type=\"hidden\" name='" + request + "' value='\"}'>";
    pages.put("/start-form.html", formPage(server.url() + "/api/upgrades", "text/plain", field));
    String site = "http://127.0.0.2:" + attacker.getAddress().getPort();

    try (HeadlessChromium chromium = new HeadlessChromium()) {
      WebDriver browser = chromium.driver();
      try {
        holdCredentials(browser, RestServerFixture.REQUESTER, "alice-pw");
        browser.get(site + "/start-form.html");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(b -> b.getCurrentUrl().startsWith(server.url()));
        wait.until(b -> b.getPageSource().contains("\"code\""));
        String answer = browser.findElement(By.tagName("body")).getText();
        assertThat(answer).contains("\"code\":403").contains(CrossSiteGuard.HEADER);
      } catch (RuntimeException | AssertionError e) {
        chromium.saveEvidence(Path.of("target", "CrossSiteRequestIT-start"));
        throw e;
      }
    }
    UpgradeFilter forged = new UpgradeFilter(null, null, "dg-forged", null);
    assertThat(new UpgradeService(temporal.client()).list(forged)).isEmpty();
  }

  /**
   * The browser keeps the user's Basic credentials for the service, as it does once its user has
   * answered the login dialog; then a plain visit to the API is already signed in.
   */
  private static void holdCredentials(WebDriver browser, String user, String password) {
    String withCredentials =
        server.url().replace("http://", "http://" + user + ":" + password + "@");
    browser.get(withCredentials + "/api/me");
    browser.get(server.url() + "/api/me");
    assertThat(browser.findElement(By.tagName("body")).getText())
        .as("the browser sends the credentials it holds")
        .contains("\"name\":\"" + user + "\"");
  }

  private static String fetchPage(String approve) {
    return """
        <!DOCTYPE html><html><body>
        <p id="no-cors"></p><p id="cors"></p>
        <script>
        const url = "%s";
        (async () => {
          try {
            await fetch(url, {method: "POST", mode: "no-cors", credentials: "include",
              headers: {"Content-Type": "text/plain"}, body: '{"comment": "forged by fetch"}'});
            document.getElementById("no-cors").textContent = "sent";
          } catch (e) {
            document.getElementById("no-cors").textContent = "error " + e;
          }
          try {
            const r = await fetch(url, {method: "POST", credentials: "include",
              headers: {"Content-Type": "application/json", "%s": "1"},
              body: '{"comment": "forged with the header"}'});
            document.getElementById("cors").textContent = "answered " + r.status;
          } catch (e) {
            document.getElementById("cors").textContent = "blocked: " + e;
          }
        })();
        </script></body></html>
        """
        .formatted(approve, CrossSiteGuard.HEADER);
  }

  /**
   * A page that submits a form as soon as it loads. Without the guard, the empty form approves (the
   * API reads an empty body as no comment); the text/plain one reads as JSON ({"comment": "forged",
   * "x": "="}) but Jersey, which has no reader for text/plain, refuses it with 415.
   */
  private static String formPage(String approve, String enctype, String fields) {
    return """
        <!DOCTYPE html><html><body>
        <form id="f" method="POST" enctype="%s" action="%s">%s</form>
        <script>document.getElementById("f").submit();</script>
        </body></html>
        """
        .formatted(enctype, approve, fields);
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
}
