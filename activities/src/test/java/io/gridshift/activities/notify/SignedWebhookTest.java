package io.gridshift.activities.notify;

import static io.gridshift.activities.notify.WebhookNotificationTest.GATE_OPENED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gridshift.workflows.common.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed notifications, checked by a real HTTP receiver on 127.0.0.1 that verifies them the way the
 * README tells receivers to: HMAC-SHA256 over "timestamp.body", constant-time comparison, and a
 * timestamp within 5 minutes; it answers 401 to anything else.
 */
class SignedWebhookTest {
  private static final String KEY =
      "3f1e5b0c8d7a6e4f2a1b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f";

  @TempDir Path dir;
  private VerifyingReceiver receiver;

  /** Accepts only requests signed with {@code key}; records the verdicts. */
  static final class VerifyingReceiver implements AutoCloseable {
    final HttpServer server;
    final byte[] key;
    final List<String> verdicts = new CopyOnWriteArrayList<>();

    VerifyingReceiver(String key) throws IOException {
      this.key = key.getBytes(StandardCharsets.UTF_8);
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/hook", this::handle);
      server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String verdict = verify(exchange, body);
      verdicts.add(verdict);
      byte[] reply = verdict.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(verdict.equals("valid") ? 200 : 401, reply.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply);
      }
    }

    private String verify(HttpExchange exchange, byte[] body) {
      String timestamp = exchange.getRequestHeaders().getFirst("X-Gridshift-Timestamp");
      String signature = exchange.getRequestHeaders().getFirst("X-Gridshift-Signature");
      if (timestamp == null || signature == null) {
        return "unsigned";
      }
      if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
        return "stale";
      }
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected =
            ("v1=" + HexFormat.of().formatHex(mac.doFinal(body))).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8))
            ? "valid"
            : "bad signature";
      } catch (Exception e) {
        return "error " + e;
      }
    }

    URI url() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  @AfterEach
  void closeReceiver() {
    if (receiver != null) {
      receiver.close();
    }
  }

  private Path keyFile(String content) throws IOException {
    Path file = dir.resolve("key");
    // As a Secret mounted from a file made by `openssl rand -hex 32 > key`: a trailing newline.
    Files.writeString(file, content + "\n");
    return file;
  }

  @Test
  void theReceiverVerifiesASignedNotification() throws Exception {
    receiver = new VerifyingReceiver(KEY);
    WebhookSignature signature = new WebhookSignature(keyFile(KEY));
    new WebhookNotificationActivitiesImpl(List.of(receiver.url()), signature).notify(GATE_OPENED);
    assertThat(receiver.verdicts).containsExactly("valid");
  }

  @Test
  void aReceiverWithAnotherKeyRefusesAndTheNotificationIsNotRetried() throws Exception {
    receiver = new VerifyingReceiver(KEY.replace('3', '4'));
    WebhookSignature signature = new WebhookSignature(keyFile(KEY));
    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () ->
                new WebhookNotificationActivitiesImpl(List.of(receiver.url()), signature)
                    .notify(GATE_OPENED));
    assertThat(receiver.verdicts).containsExactly("bad signature");
    assertThat(failure.getType()).isEqualTo(FailureTypes.WEBHOOK_REJECTED);
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void withoutAKeyTheReceiverSeesAnUnsignedRequest() throws Exception {
    receiver = new VerifyingReceiver(KEY);
    catchThrowableOfType(
        ApplicationFailure.class,
        () -> new WebhookNotificationActivitiesImpl(List.of(receiver.url())).notify(GATE_OPENED));
    assertThat(receiver.verdicts).containsExactly("unsigned");
  }

  @Test
  void aMissingKeyFileFailsRetryablyNamingTheFileAndPostsNothing() {
    receiver = newReceiver();
    Path missing = dir.resolve("absent");
    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () ->
                new WebhookNotificationActivitiesImpl(
                        List.of(receiver.url()), new WebhookSignature(missing))
                    .notify(GATE_OPENED));
    assertThat(failure.getMessage()).contains(missing.toString()).contains("Secret mounted");
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(receiver.verdicts).isEmpty();
  }

  @Test
  void aShortOrMissingKeyIsAProblemAtStart() throws IOException {
    assertThat(WebhookSignature.problem(keyFile(KEY))).isNull();
    assertThat(WebhookSignature.problem(keyFile("short"))).contains("openssl rand -hex 32");
    assertThat(WebhookSignature.problem(dir.resolve("absent"))).contains("cannot be read");
  }

  private VerifyingReceiver newReceiver() {
    try {
      return new VerifyingReceiver(KEY);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
