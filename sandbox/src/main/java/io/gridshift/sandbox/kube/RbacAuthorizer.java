package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox API server's authorizer: a request whose bearer token belongs to an enforced identity
 * is checked against an {@link RbacPolicy} and, when no rule allows it, answered 403 with the
 * Status kube-apiserver sends; any other request (no token, or the sandbox's own) goes through, as
 * cluster-admin's would. Counts its denials so a demo can report them.
 */
public final class RbacAuthorizer {
  private static final Logger log = LoggerFactory.getLogger(RbacAuthorizer.class);
  private static final int KEPT_DENIALS = 50;

  private final RbacPolicy policy;
  private final Map<String, String> usersByToken;
  private final AtomicLong denials = new AtomicLong();
  private final Deque<String> recent = new ArrayDeque<>();

  /**
   * @param usersByToken bearer token to user name: the identities whose requests are checked
   */
  public RbacAuthorizer(RbacPolicy policy, Map<String, String> usersByToken) {
    this.policy = policy;
    this.usersByToken = Map.copyOf(usersByToken);
  }

  /** The 403 for {@code request} when its identity may not make it; empty when it may. */
  public Optional<MockResponse> deny(RecordedRequest request) {
    String user = userOf(request.getHeader("Authorization"));
    if (user == null || request.getPath() == null) {
      return Optional.empty();
    }
    ApiRequest api = ApiRequest.of(request.getMethod(), request.getPath());
    if (policy.allows(user, api)) {
      return Optional.empty();
    }
    String message = api.forbiddenMessage(user);
    denials.incrementAndGet();
    synchronized (recent) {
      recent.addLast(message);
      if (recent.size() > KEPT_DENIALS) {
        recent.removeFirst();
      }
    }
    log.warn("RBAC denied {} {}: {}", request.getMethod(), request.getPath(), message);
    return Optional.of(
        new MockResponse()
            .setResponseCode(403)
            .setBody(Serialization.asJson(status(api, message))));
  }

  /** How many requests were refused since the start. */
  public long denials() {
    return denials.get();
  }

  /** The messages of the last refusals (at most {@value #KEPT_DENIALS}), oldest first. */
  public List<String> recentDenials() {
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }

  private String userOf(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return usersByToken.get(authorization.substring(7).trim());
  }

  private static Status status(ApiRequest api, String message) {
    return new StatusBuilder()
        .withStatus("Failure")
        .withMessage(message)
        .withReason("Forbidden")
        .withNewDetails()
        .withName(api.name().isEmpty() ? null : api.name())
        .withGroup(api.apiGroup().isEmpty() ? null : api.apiGroup())
        .withKind(api.resource())
        .endDetails()
        .withCode(403)
        .build();
  }
}
