package io.gridshift.sandbox.temporal.ui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The Temporal UI's static build, from the class path under {@link #ROOT} (piece of the sandbox's
 * build that puts {@code @temporalio/ui}'s output there). Like the UI server: a file when one
 * exists, otherwise {@code index.html} (the single-page app routes the rest itself). SvelteKit's
 * hashed assets under {@code _app/immutable/} never change, so browsers may keep them a year;
 * everything else is revalidated. Without a build, the root page says so and how to make one; the
 * API still works.
 */
final class StaticAssets {
  static final String ROOT = "io/gridshift/sandbox/ui/";
  static final String IMMUTABLE = "_app/immutable/";
  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("mjs", "text/javascript; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("json", "application/json"),
          Map.entry("webmanifest", "application/manifest+json"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("gif", "image/gif"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("woff", "font/woff"),
          Map.entry("woff2", "font/woff2"),
          Map.entry("ttf", "font/ttf"),
          Map.entry("txt", "text/plain; charset=utf-8"),
          Map.entry("map", "application/json"),
          Map.entry("wasm", "application/wasm"));

  static final String MISSING_BUILD =
      """
      <!DOCTYPE html>
      <html><head><meta charset="utf-8"><title>gridshift sandbox: Temporal UI not built</title></head>
      <body>
      <h1>The Temporal UI build is missing</h1>
      <p>This sandbox serves Temporal's HTTP API under <a href="/api/v1/namespaces/default/workflows">/api/v1</a>,
      but its class path has no UI build under <code>io/gridshift/sandbox/ui/</code>.</p>
      <p>Build the sandbox module with the UI (it runs <code>npm</code> on the published
      <code>@temporalio/ui</code> package; see the README's section on the Temporal UI), then restart
      the sandbox: <code>./gridshift sandbox down &amp;&amp; ./gridshift sandbox up</code>.</p>
      </body></html>
      """;

  private final ClassLoader loader;

  StaticAssets(ClassLoader loader) {
    this.loader = loader;
  }

  /** Whether a UI build is on the class path. */
  boolean present() {
    return loader.getResource(ROOT + "index.html") != null;
  }

  /** The answer for a GET of {@code path} (decoded, without the leading slash). */
  HttpAnswer get(String path) throws IOException {
    if (!path.isEmpty() && !path.endsWith("/") && !path.contains("..") && !path.contains("\\")) {
      byte[] file = read(ROOT + path);
      if (file != null) {
        String cache =
            path.startsWith(IMMUTABLE) ? "public, max-age=31536000, immutable" : "no-cache";
        return new HttpAnswer(200, type(path), Map.of("Cache-Control", cache), file);
      }
    }
    byte[] index = read(ROOT + "index.html");
    if (index == null) {
      return new HttpAnswer(
          200,
          TYPES.get("html"),
          Map.of("Cache-Control", "no-cache"),
          MISSING_BUILD.getBytes(StandardCharsets.UTF_8));
    }
    return new HttpAnswer(200, TYPES.get("html"), Map.of("Cache-Control", "no-cache"), index);
  }

  static String type(String path) {
    int dot = path.lastIndexOf('.');
    String ext = dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(ext, "application/octet-stream");
  }

  private byte[] read(String resource) throws IOException {
    if (loader.getResource(resource) == null || resource.endsWith("/")) {
      return null;
    }
    try (InputStream in = loader.getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    }
  }
}
