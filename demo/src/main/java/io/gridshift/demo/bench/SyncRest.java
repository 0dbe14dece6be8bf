package io.gridshift.demo.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The few Infinispan REST calls the benchmark makes, on one server, without authentication. */
final class SyncRest {
  private static final Pattern SYNCHRONIZED = Pattern.compile("Synchronized (\\d+) entries");
  private static final Pattern CLUSTER_SIZE = Pattern.compile("\"cluster_size\"\\s*:\\s*(\\d+)");

  /** A sync of a large cache on a busy 2-core machine takes minutes, not hours. */
  private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(30);

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String base;
  private final boolean v15;

  SyncRest(String host, int port, String version) {
    this.base = "http://" + host + ":" + port + "/rest/v2/";
    this.v15 = Integer.parseInt(version.substring(0, version.indexOf('.'))) >= 15;
  }

  void createCache(String cache, String json) throws IOException, InterruptedException {
    expect(
        send(
            HttpRequest.newBuilder(uri(cachePath(cache)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)),
            Duration.ofMinutes(2)),
        "create cache " + cache);
  }

  /** Deletes the cache; a cache that is not there is fine. */
  void deleteCache(String cache) throws IOException, InterruptedException {
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(uri(cachePath(cache))).DELETE(), Duration.ofMinutes(2));
    if (response.statusCode() != 404) {
      expect(response, "delete cache " + cache);
    }
  }

  /** Registers a Protobuf schema (replacing one of the same name). */
  void putSchema(String name, String schema) throws IOException, InterruptedException {
    expect(
        send(
            HttpRequest.newBuilder(uri("schemas/" + name))
                .PUT(HttpRequest.BodyPublishers.ofString(schema)),
            Duration.ofMinutes(1)),
        "register schema " + name);
  }

  long size(String cache) throws IOException, InterruptedException {
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(uri(cachePath(cache) + "?action=size")), Duration.ofMinutes(2));
    expect(response, "size of cache " + cache);
    return Long.parseLong(response.body().strip());
  }

  /** Runs {@code sync-data} with {@code query}; returns how many entries the server copied. */
  long syncData(String cache, String query) throws IOException, InterruptedException {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri(cachePath(cache) + query))
                .POST(HttpRequest.BodyPublishers.noBody()),
            SYNC_TIMEOUT);
    expect(response, "sync-data of cache " + cache);
    Matcher m = SYNCHRONIZED.matcher(response.body());
    if (!m.find()) {
      throw new IOException(
          "sync-data of cache " + cache + " answered '" + response.body() + "'; expected a count");
    }
    return Long.parseLong(m.group(1));
  }

  /** Removes the remote store; the cache then answers from its own entries only. */
  void disconnect(String cache) throws IOException, InterruptedException {
    expect(
        send(
            HttpRequest.newBuilder(uri(cachePath(cache) + "/rolling-upgrade/source-connection"))
                .DELETE(),
            Duration.ofMinutes(2)),
        "disconnect cache " + cache + " from its source");
  }

  /** Members of the cluster this server sees; 0 when it does not answer yet. */
  int clusterSize() throws InterruptedException {
    String path = v15 ? "container" : "cache-managers/default";
    try {
      HttpResponse<String> response =
          send(HttpRequest.newBuilder(uri(path)), Duration.ofSeconds(5));
      Matcher m = CLUSTER_SIZE.matcher(response.body());
      return response.statusCode() == 200 && m.find() ? Integer.parseInt(m.group(1)) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static String cachePath(String cache) {
    return "caches/" + URLEncoder.encode(cache, StandardCharsets.UTF_8);
  }

  private HttpResponse<String> send(HttpRequest.Builder request, Duration timeout)
      throws IOException, InterruptedException {
    return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private void expect(HttpResponse<String> response, String what) throws IOException {
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          what + " on " + base + " failed: HTTP " + response.statusCode() + " " + response.body());
    }
  }
}
