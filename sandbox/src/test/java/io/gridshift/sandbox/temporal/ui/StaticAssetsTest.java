package io.gridshift.sandbox.temporal.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The UI build served from a class path, as the UI server serves its assets. */
class StaticAssetsTest {

  @Test
  void servesFilesWithTheirTypesHashedAssetsForAYearAndTheIndexForAppRoutes(@TempDir Path dir)
      throws Exception {
    Path root = dir.resolve(StaticAssets.ROOT);
    Files.createDirectories(root.resolve("_app/immutable/chunks"));
    Files.writeString(root.resolve("index.html"), "<html>the app</html>");
    Files.writeString(root.resolve("_app/immutable/chunks/a1b2.js"), "export {}");
    Files.writeString(root.resolve("favicon.svg"), "<svg/>");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      StaticAssets assets = new StaticAssets(loader);
      assertThat(assets.present()).isTrue();

      HttpAnswer script = assets.get("_app/immutable/chunks/a1b2.js");
      assertThat(script.contentType()).startsWith("text/javascript");
      assertThat(script.headers().get("Cache-Control")).contains("immutable", "max-age=31536000");

      HttpAnswer icon = assets.get("favicon.svg");
      assertThat(icon.contentType()).isEqualTo("image/svg+xml");
      assertThat(icon.headers().get("Cache-Control")).isEqualTo("no-cache");

      for (String appRoute : new String[] {"", "namespaces/default/workflows", "../index.html"}) {
        HttpAnswer page = assets.get(appRoute);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(new String(page.body(), StandardCharsets.UTF_8))
            .isEqualTo("<html>the app</html>");
      }
    }
  }

  @Test
  void withoutABuildTheRootPageSaysSoAndHowToMakeOne(@TempDir Path dir) throws Exception {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      StaticAssets assets = new StaticAssets(loader);
      assertThat(assets.present()).isFalse();
      String page = new String(assets.get("").body(), StandardCharsets.UTF_8);
      assertThat(page).contains("The Temporal UI build is missing", "/api/v1", "sandbox up");
    }
  }
}
