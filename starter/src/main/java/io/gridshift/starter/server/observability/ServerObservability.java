package io.gridshift.starter.server.observability;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;

/**
 * The REST service's probes and Prometheus metrics, beside Dropwizard's own {@code /healthcheck}
 * and {@code /metrics} on the admin port.
 *
 * <ol>
 *   <li>{@code /healthz}: 200 while the process answers ({@link LivenessServlet}).
 *   <li>{@code /readyz}: 200 when the readiness check is healthy, else 503 with its reason ({@link
 *       ReadinessServlet}); the server passes its {@code temporal} health check, so ready means
 *       what {@code /healthcheck} says of Temporal.
 *   <li>{@code /prometheus}: a Micrometer Prometheus registry ({@link PrometheusServlet}) fed by
 *       the JVM binders (memory, GC, threads, class loading, CPU, uptime) and {@link
 *       HttpRequestMetrics} on every application-port request.
 * </ol>
 *
 * Dropwizard's own metric registry (per-resource timers, Jetty) is not bridged: Micrometer only
 * goes the other way, and the HTTP filter already counts what an SRE alerts on; its JSON stays at
 * {@code /metrics}.
 */
public final class ServerObservability {
  public static final String HEALTHZ = "/healthz";
  public static final String READYZ = "/readyz";
  public static final String PROMETHEUS = "/prometheus";

  private ServerObservability() {}

  /**
   * Registers the endpoints and the HTTP filter; the registry is closed with the server.
   *
   * @param readiness the check {@code /readyz} answers with
   * @return the registry, for further meters (the Temporal client's, once its stubs take one)
   */
  public static PrometheusMeterRegistry register(Environment environment, HealthCheck readiness) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JvmGcMetrics gc = new JvmGcMetrics();
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    environment
        .lifecycle()
        .manage(
            new Managed() {
              @Override
              public void stop() {
                gc.close();
                registry.close();
              }
            });

    environment
        .servlets()
        .addFilter("gridshift-http-metrics", new HttpRequestMetrics(registry))
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
    environment.admin().addServlet("gridshift-healthz", new LivenessServlet()).addMapping(HEALTHZ);
    environment
        .admin()
        .addServlet("gridshift-readyz", new ReadinessServlet(readiness))
        .addMapping(READYZ);
    environment
        .admin()
        .addServlet("gridshift-prometheus", new PrometheusServlet(registry))
        .addMapping(PROMETHEUS);
    return registry;
  }
}
