package io.gridshift.starter.server.observability;

import com.codahale.metrics.health.HealthCheck;

/**
 * {@code /readyz}: 200 when the readiness check (the {@code temporal} health check: Temporal
 * answers one cheap call within 3 s) is healthy, else 503 with its message as the one-line reason,
 * so that a Service sends no traffic to a server whose every API call would answer 503.
 */
final class ReadinessServlet extends PlainTextServlet {
  private static final long serialVersionUID = 1L;

  private final transient HealthCheck check;

  ReadinessServlet(HealthCheck check) {
    this.check = check;
  }

  @Override
  Answer answer() {
    HealthCheck.Result result = check.execute();
    String message = result.getMessage() == null ? "" : oneLine(result.getMessage());
    if (result.isHealthy()) {
      return Answer.text(200, "ready: " + message);
    }
    if (message.isEmpty() && result.getError() != null) {
      message = oneLine(String.valueOf(result.getError()));
    }
    return Answer.text(503, "not ready: " + message);
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
