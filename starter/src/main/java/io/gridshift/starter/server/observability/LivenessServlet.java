package io.gridshift.starter.server.observability;

/**
 * {@code /healthz}: 200 while the process can answer at all. It asks nothing else on purpose: a
 * liveness probe that failed with Temporal would restart every server during a Temporal outage,
 * which cures nothing.
 */
final class LivenessServlet extends PlainTextServlet {
  private static final long serialVersionUID = 1L;

  @Override
  Answer answer() {
    return Answer.text(200, "ok");
  }
}
