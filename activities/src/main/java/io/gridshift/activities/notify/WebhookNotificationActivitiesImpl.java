package io.gridshift.activities.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.Notification;
import io.gridshift.workflows.common.NotificationActivities;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts notifications as JSON to the configured webhooks.
 *
 * <ol>
 *   <li>The body is a Slack-compatible {@code text} (one line) plus every field of the {@link
 *       Notification}; Slack shows the text, other receivers read the fields.
 *   <li>Every webhook is tried on each attempt; those that answered 2xx (or refused the message for
 *       good) are recorded in the heartbeat details, so a retry does not post twice to them.
 *   <li>Unreachable, 5xx, 408 and 429 are retried by Temporal; any other 4xx will not get better
 *       and fails with {@value FailureTypes#WEBHOOK_REJECTED}, not retried.
 * </ol>
 *
 * <p>Webhook URLs often carry a secret (Slack's do): logs name only the host. With a signing key
 * every request carries {@link WebhookSignature}'s headers, which receivers can check.
 */
public final class WebhookNotificationActivitiesImpl implements NotificationActivities {
  private static final Logger LOG =
      LoggerFactory.getLogger(WebhookNotificationActivitiesImpl.class);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(8);

  private final List<URI> webhooks;
  private final WebhookSignature signature;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  /** Posts to {@code webhooks}, unsigned; none means every notification returns at once. */
  public WebhookNotificationActivitiesImpl(List<URI> webhooks) {
    this(webhooks, null);
  }

  /**
   * Posts to {@code webhooks}, each request signed with {@code signature} ({@link
   * WebhookSignature}), or unsigned when it is null.
   */
  public WebhookNotificationActivitiesImpl(List<URI> webhooks, WebhookSignature signature) {
    this.webhooks = List.copyOf(webhooks);
    this.signature = signature;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @Override
  public void notify(Notification notification) {
    if (webhooks.isEmpty()) {
      return;
    }
    byte[] body = body(notification);
    byte[] key = signingKey();
    Set<String> done = alreadyDone();
    List<String> retryable = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    for (URI url : webhooks) {
      if (done.contains(url.toString())) {
        continue;
      }
      String problem = post(url, body, key);
      if (problem == null) {
        done.add(url.toString());
      } else if (problem.startsWith("refused")) {
        done.add(url.toString());
        rejected.add(problem.substring("refused: ".length()));
      } else {
        retryable.add(problem);
      }
    }
    heartbeat(done);
    if (!retryable.isEmpty()) {
      throw ApplicationFailure.newFailure(
          "notification "
              + notification.event()
              + " not delivered: "
              + String.join("; ", retryable)
              + (rejected.isEmpty() ? "" : "; " + String.join("; ", rejected)),
          FailureTypes.WEBHOOK_UNAVAILABLE);
    }
    if (!rejected.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "notification "
              + notification.event()
              + " refused: "
              + String.join("; ", rejected)
              + "; check the webhook URL in the worker config (notifications.webhooks)",
          FailureTypes.WEBHOOK_REJECTED);
    }
  }

  /** The JSON body: {@code text} first, then the notification's fields. */
  byte[] body(Notification n) {
    ObjectNode node = json.createObjectNode();
    node.put("text", n.text());
    node.setAll((ObjectNode) json.valueToTree(n));
    try {
      return json.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write notification " + n.event() + " as JSON", e);
    }
  }

  /** The signing key, read now (a rotated Secret applies at once); null when unsigned. */
  private byte[] signingKey() {
    if (signature == null) {
      return null;
    }
    try {
      return signature.key();
    } catch (IOException e) {
      // Retried: a Secret's mount can be briefly absent while Kubernetes updates it.
      throw ApplicationFailure.newFailure(
          "the webhook signing key "
              + signature.keyFile()
              + " cannot be read ("
              + e
              + "); is the Secret mounted there (notifications.signingKeyFile)?",
          FailureTypes.WEBHOOK_UNAVAILABLE);
    }
  }

  /** Null when delivered; else what went wrong, starting with "refused" when final. */
  private String post(URI url, byte[] body, byte[] key) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    String host = url.getScheme() + "://" + url.getAuthority();
    try {
      if (key != null) {
        // Signed at each attempt: a retry carries a fresh timestamp the receiver accepts.
        long now = Instant.now().getEpochSecond();
        request.header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now));
        request.header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(key, now, body));
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      int code = response.statusCode();
      if (code / 100 == 2) {
        LOG.info("notification delivered to {}", host);
        return null;
      }
      String what = "webhook " + host + " answered " + code + " " + abbreviate(response.body());
      LOG.warn("{}", what);
      boolean retry = code >= 500 || code == 408 || code == 429;
      return retry ? what : "refused: " + what;
    } catch (IOException e) {
      LOG.warn("webhook {} unreachable: {}", host, e.toString());
      return "webhook " + host + " unreachable: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while posting to " + host;
    }
  }

  private static Set<String> alreadyDone() {
    ActivityExecutionContext ctx = context();
    Set<String> done = new LinkedHashSet<>();
    if (ctx != null) {
      ctx.getHeartbeatDetails(String[].class).ifPresent(d -> done.addAll(List.of(d)));
    }
    return done;
  }

  private static void heartbeat(Set<String> done) {
    ActivityExecutionContext ctx = context();
    if (ctx != null) {
      ctx.heartbeat(done.toArray(String[]::new));
    }
  }

  /** The activity context, or null when called directly (tests, tools). */
  private static ActivityExecutionContext context() {
    try {
      return Activity.getExecutionContext();
    } catch (IllegalStateException e) {
      return null;
    }
  }

  private static String abbreviate(String s) {
    String t = s == null ? "" : s.strip();
    return t.length() > 200 ? t.substring(0, 200) + "..." : t;
  }
}
