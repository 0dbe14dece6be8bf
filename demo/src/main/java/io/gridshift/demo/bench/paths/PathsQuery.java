package io.gridshift.demo.bench.paths;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An Ickle query through REST ({@code GET /rest/v2/caches/{c}?action=search&query=...}), the way an
 * application without Hot Rod queries an indexed cache; the product has no query step of its own.
 */
final class PathsQuery {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private PathsQuery() {}

  /** Null when the query found {@code expectedName}, else what went wrong. */
  static String check(String host, int port, String cache, String expectedName)
      throws IOException, InterruptedException {
    String ickle = "FROM " + PathsData.ENTITY + " WHERE name = '" + expectedName + "'";
    URI uri =
        URI.create(
            "http://"
                + host
                + ":"
                + port
                + "/rest/v2/caches/"
                + cache
                + "?action=search&query="
                + URLEncoder.encode(ickle, StandardCharsets.UTF_8));
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      return "HTTP " + response.statusCode() + " " + response.body();
    }
    return response.body().contains("\"" + expectedName + "\"")
        ? null
        : "the hit for " + expectedName + " is missing: " + response.body();
  }
}
