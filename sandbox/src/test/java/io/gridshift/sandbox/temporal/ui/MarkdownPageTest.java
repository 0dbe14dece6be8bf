package io.gridshift.sandbox.temporal.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The page the UI frames for a workflow's current details: rendered, escaped, locked down. */
class MarkdownPageTest {
  private final MarkdownPage page = new MarkdownPage(MarkdownPageTest.class.getClassLoader());

  @Test
  void rendersGridshiftsDetailsWithTablesUnderANonceOnlyPolicy() {
    String details =
        "Phase **WAITING_APPROVAL**, step `gate:fix-settings`\n\n| member | version |\n| --- | --- |"
            + "\n| hz-ui-0 | 5.3.6 |";
    HttpAnswer answer = page.render(query(details) + "&theme=dark");

    String html = new String(answer.body(), StandardCharsets.UTF_8);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("text/html");
    assertThat(html)
        .contains("<strong>WAITING_APPROVAL</strong>")
        .contains("<code>gate:fix-settings</code>")
        .contains("<td>hz-ui-0</td>")
        .contains("data-theme=\"dark\"");
    String nonce = html.replaceAll("(?s).*<style nonce=\"([0-9a-f]+)\".*", "$1");
    assertThat(answer.headers().get("Content-Security-Policy"))
        .contains("default-src 'none'")
        .contains("style-src 'nonce-" + nonce + "'")
        .contains("sandbox");
  }

  @Test
  void rawHtmlIsEscapedAndTheThemeCannotBreakOut() {
    HttpAnswer answer =
        page.render(query("<script>alert(1)</script>") + "&theme=%22%3E%3Cscript%3E");

    String html = new String(answer.body(), StandardCharsets.UTF_8);
    assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;");
  }

  private static String query(String markdown) {
    return "content=" + URLEncoder.encode(markdown, StandardCharsets.UTF_8);
  }
}
