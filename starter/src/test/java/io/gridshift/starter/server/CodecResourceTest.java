package io.gridshift.starter.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.util.JsonFormat;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.gridshift.starter.Json;
import io.gridshift.workflows.client.PayloadEncryption;
import io.gridshift.workflows.client.TemporalAccess;
import io.gridshift.workflows.client.TemporalClients;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.DataConverter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The remote codec of the real REST service (Jetty on a loopback port, the real auth filters) over
 * HTTP, as the Temporal UI and CLI call it. Java's HTTP client, because Jersey's default connector
 * drops the {@code Origin} header.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CodecResourceTest {
  private static final String UI = "http://127.0.0.1:8233";
  private static final Map<String, String> PASSWORDS =
      Map.of("alice", "alice-pw", "bob", "bob-pw", "viewer", "viewer-pw");

  static final DropwizardAppExtension<GridshiftConfiguration> APP =
      new DropwizardAppExtension<>(
          ServerTestSupport.TestServer.class,
          ResourceHelpers.resourceFilePath("server-codec-test.yaml"));

  private final HttpClient http = HttpClient.newHttpClient();

  /** The converter every worker and client configured with the server's key uses. */
  private static DataConverter workerConverter(String keyId, String file) {
    return TemporalClients.dataConverter(
        TemporalAccess.plain(null)
            .withEncryption(
                new PayloadEncryption(keyId, List.of(new PayloadEncryption.Key(keyId, file)))));
  }

  private HttpResponse<String> call(
      String method, String path, String user, String origin, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json").header("X-Namespace", "default");
    }
    if (user != null) {
      b.header("Authorization", ServerTestSupport.basic(user, PASSWORDS.get(user)));
    }
    if (origin != null) {
      b.header("Origin", origin);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String json(Payload... payloads) throws IOException {
    return JsonFormat.printer().print(Payloads.newBuilder().addAllPayloads(List.of(payloads)));
  }

  private static List<Payload> payloads(String json) throws IOException {
    Payloads.Builder b = Payloads.newBuilder();
    JsonFormat.parser().merge(json, b);
    return b.getPayloadsList();
  }

  private static JsonNode tree(String json) throws IOException {
    return Json.mapper().readTree(json);
  }

  @Test
  void encodeThenDecodeRoundTripsThroughHttp() throws Exception {
    Payload clear = DataConverter.getDefaultInstance().toPayload("grid dg-orders").orElseThrow();

    HttpResponse<String> encoded = call("POST", "/codec/encode", "alice", null, json(clear));
    assertThat(encoded.statusCode()).as(encoded.body()).isEqualTo(200);
    assertThat(encoded.body()).doesNotContain("dg-orders");
    Payload encrypted = payloads(encoded.body()).get(0);
    assertThat(encrypted.getMetadataMap().get("encryption-key-id").toStringUtf8()).isEqualTo("k1");

    // The UI sends metadata values and data in base64, as protobuf JSON does.
    HttpResponse<String> decoded =
        call("POST", "/codec/decode", "viewer", UI, json(encrypted, clear));
    assertThat(decoded.statusCode()).as(decoded.body()).isEqualTo(200);
    assertThat(payloads(decoded.body())).containsExactly(clear, clear);
    assertThat(decoded.headers().firstValue("Access-Control-Allow-Origin")).contains(UI);
  }

  @Test
  void decodesWhatAWorkerWithTheSameKeyWroteUnderTheNamespacePathToo() throws Exception {
    DataConverter worker = workerConverter("k1", "src/test/resources/codec-test-k1.key");
    Payload written = worker.toPayload(Map.of("cache", "orders-cache")).orElseThrow();
    assertThat(written.toString()).doesNotContain("orders-cache");

    HttpResponse<String> r = call("POST", "/codec/default/decode", "bob", null, json(written));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Payload back = payloads(r.body()).get(0);
    assertThat(back.getData().toStringUtf8()).isEqualTo("{\"cache\":\"orders-cache\"}");
    assertThat(back.getMetadataMap().get("encoding").toStringUtf8()).isEqualTo("json/plain");
  }

  @Test
  void aPayloadOfAKeyTheServerLacksIs422NamingTheKey() throws Exception {
    Payload byK0 =
        workerConverter("k0", "src/test/resources/codec-test-k0.key")
            .toPayload("dg-orders")
            .orElseThrow();
    HttpResponse<String> r = call("POST", "/codec/decode", "bob", null, json(byK0));
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(tree(r.body()).path("message").asText())
        .contains("payload encrypted with key k0, which this process does not have");
  }

  @Test
  void preflightIsAnsweredForTheConfiguredOriginOnly() throws Exception {
    HttpRequest.Builder preflight =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + APP.getLocalPort() + "/codec/decode"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "authorization,content-type,x-namespace");

    HttpResponse<String> allowed =
        http.send(
            preflight.copy().header("Origin", UI).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(allowed.statusCode()).isEqualTo(204);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains(UI);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
        .contains("Authorization")
        .contains("Content-Type")
        .contains("X-Namespace");
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods").orElseThrow())
        .contains("POST");

    HttpResponse<String> foreign =
        http.send(
            preflight.copy().header("Origin", "http://evil.example").build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(tree(foreign.body()).path("message").asText()).contains("codec.corsOrigins");
  }

  @Test
  void aForeignOriginIsRefusedEvenWithValidCredentials() throws Exception {
    Payload clear = DataConverter.getDefaultInstance().toPayload("x").orElseThrow();
    HttpResponse<String> r =
        call("POST", "/codec/decode", "bob", "http://evil.example", json(clear));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void withoutCredentialsIs401AndTheUiCanReadIt() throws Exception {
    Payload clear = DataConverter.getDefaultInstance().toPayload("x").orElseThrow();
    for (String path : List.of("/codec/decode", "/codec/encode", "/codec/default/decode")) {
      HttpResponse<String> r = call("POST", path, null, UI, json(clear));
      assertThat(r.statusCode()).as(path).isEqualTo(401);
      assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains(UI);
    }
    HttpResponse<String> wrong =
        call(
            "POST",
            "/codec/decode",
            null,
            null,
            json(clear)); // anonymous CLI call: no Origin, still 401
    assertThat(wrong.statusCode()).isEqualTo(401);
  }

  @Test
  void encodeNeedsARoleThatChangesThings() throws Exception {
    Payload clear = DataConverter.getDefaultInstance().toPayload("x").orElseThrow();
    HttpResponse<String> r = call("POST", "/codec/encode", "viewer", null, json(clear));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(tree(r.body()).path("message").asText()).contains("requester or approver");
    assertThat(call("POST", "/codec/encode", "bob", null, json(clear)).statusCode()).isEqualTo(200);
  }

  @Test
  void aBodyThatIsNotCodecJsonIs400() throws Exception {
    HttpResponse<String> r = call("POST", "/codec/decode", "bob", null, "{\"payloads\": 3}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(tree(r.body()).path("message").asText()).contains("codec JSON");
  }
}
