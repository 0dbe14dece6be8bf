package io.gridshift.sandbox.temporal.ui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The UI server's {@code GET /render?content=<markdown>&theme=<light|dark>}: the page the Temporal
 * UI shows in an iframe for a workflow's current details and summary (gridshift's phase, step, open
 * gate and tables). The npm package has no renderer in a static build; the Go UI server serves this
 * route itself ({@code SetRenderRoute}), and this does what it does:
 *
 * <ol>
 *   <li>markdown to HTML, CommonMark with tables (the Go server's common extensions), links opening
 *       in a new tab ({@code <base target="_blank">});
 *   <li>the UI's own {@code markdown.reset.css} inlined under a fresh nonce;
 *   <li>a Content-Security-Policy that allows only that nonce's style and script and sandboxes the
 *       page, as the Go server's. Unlike it, raw HTML in the markdown is escaped, not passed on.
 * </ol>
 */
final class MarkdownPage {
  private static final String CSS_RESOURCE = "io/gridshift/sandbox/ui/markdown.reset.css";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Parser parser;
  private final HtmlRenderer renderer;
  private final String css;

  MarkdownPage(ClassLoader classLoader) {
    List<org.commonmark.Extension> extensions = List.of(TablesExtension.create());
    this.parser = Parser.builder().extensions(extensions).build();
    this.renderer = HtmlRenderer.builder().extensions(extensions).escapeHtml(true).build();
    this.css = resource(classLoader);
  }

  /** The page for the request's query string. */
  HttpAnswer render(String rawQuery) {
    Map<String, List<String>> query = ApiRequests.queryParameters(rawQuery);
    String content = first(query, "content");
    String theme = first(query, "theme").replaceAll("[^a-z-]", "");
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    String nonce = HexFormat.of().formatHex(random);
    String html =
        "<!DOCTYPE html><html><head><title>Rendered Markdown</title><base target=\"_blank\">"
            + "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,"
            + " initial-scale=1\"><style nonce=\""
            + nonce
            + "\">"
            + css
            + "</style></head><body class=\"prose\""
            + (theme.isEmpty() ? "" : " data-theme=\"" + theme + "\"")
            + "><main>"
            + renderer.render(parser.parse(content))
            + "</main></body></html>";
    String policy =
        "base-uri 'self'; default-src 'none'; style-src 'nonce-%s'; script-src 'nonce-%s';"
                .formatted(nonce, nonce)
            + " frame-ancestors 'self'; form-action 'none'; sandbox allow-same-origin allow-popups"
            + " allow-popups-to-escape-sandbox;";
    return new HttpAnswer(
        200,
        "text/html; charset=utf-8",
        Map.of("Content-Security-Policy", policy, "Cache-Control", "no-store"),
        html.getBytes(StandardCharsets.UTF_8));
  }

  private static String first(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? "" : values.get(0);
  }

  /** The UI build's markdown reset styles; none when the build is missing (plain HTML then). */
  private static String resource(ClassLoader classLoader) {
    try (InputStream in = classLoader.getResourceAsStream(CSS_RESOURCE)) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
