package io.gridshift.starter.server.observability;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** {@code /prometheus}: every meter of the registry in Prometheus' text exposition format. */
final class PrometheusServlet extends PlainTextServlet {
  private static final long serialVersionUID = 1L;

  /** Prometheus text format 0.0.4, what every Prometheus version scrapes. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final transient PrometheusMeterRegistry registry;

  PrometheusServlet(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  Answer answer() {
    return new Answer(200, CONTENT_TYPE, registry.scrape());
  }
}
