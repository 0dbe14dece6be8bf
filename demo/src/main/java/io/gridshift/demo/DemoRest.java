package io.gridshift.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** The few Infinispan REST calls the demo needs to set up its grid (no auth in the sandbox). */
final class DemoRest {
  private final HttpClient http;
  private final String base;

  DemoRest(String host, int port) {
    this(host, port, null);
  }

  /** Over HTTPS when {@code ssl} is given (its trust manager checks the certificate's names). */
  DemoRest(String host, int port, SSLContext ssl) {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (ssl != null) {
      builder.sslContext(ssl);
    }
    this.http = builder.build();
    this.base = (ssl == null ? "http://" : "https://") + host + ":" + port + "/rest/v2/";
  }

  /** Creates a cache from a JSON configuration unless it exists. */
  void createCache(String name, String jsonConfig) throws IOException, InterruptedException {
    HttpResponse<String> exists =
        send(
            HttpRequest.newBuilder(uri("caches/" + name))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
    if (exists.statusCode() == 200) {
      return;
    }
    expect(
        send(
            HttpRequest.newBuilder(uri("caches/" + name))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonConfig))),
        "create cache " + name);
  }

  /** Registers (or replaces) a Protobuf schema. */
  void registerSchema(String name, String proto) throws IOException, InterruptedException {
    expect(
        send(
            HttpRequest.newBuilder(uri("schemas/" + name))
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString(proto))),
        "register schema " + name);
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(
        request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private static void expect(HttpResponse<String> response, String what) throws IOException {
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          what + " failed: HTTP " + response.statusCode() + " " + response.body());
    }
  }
}
