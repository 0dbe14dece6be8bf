package io.gridshift.worker.observability;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import io.gridshift.workflows.common.GridshiftMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Info;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.util.Collection;

/**
 * A worker's or agent's metrics in one Prometheus registry: the JVM's, the Temporal SDK's (through
 * the {@link #scope() metrics scope} set on the service stubs, from which every workflow's and
 * activity's scope derives, so gridshift's own metrics land here too), and which clusters it serves
 * ({@value GridshiftMetrics#AGENT_INFO}).
 */
public final class WorkerMetrics implements AutoCloseable {
  /**
   * How often the SDK's scope hands its counters and gauges to the registry: timers go at once, the
   * rest wait for this, so a scrape may lag a counter by this much.
   */
  static final com.uber.m3.util.Duration REPORT_EVERY = com.uber.m3.util.Duration.ofSeconds(1);

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Scope scope;

  /** A registry with the JVM's metrics and gridshift's filter, and a scope reporting to it. */
  public WorkerMetrics() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new GridshiftMeterFilter());
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    scope =
        new RootScopeBuilder()
            .reporter(new MicrometerClientStatsReporter(registry))
            .reportEvery(REPORT_EVERY);
  }

  /** The scope to set on the service stubs ({@code TemporalClients.stubs(access, scope)}). */
  public Scope scope() {
    return scope;
  }

  /** Reports {@value GridshiftMetrics#AGENT_INFO} = 1 for each of {@code clusters}. */
  public void serving(Collection<String> clusters) {
    // An info metric, written to the Prometheus registry itself: Micrometer would drop the
    // reserved "_info" suffix from a gauge's name. Prometheus adds it back to an info metric.
    Info info =
        Info.builder()
            .name(GridshiftMetrics.AGENT_INFO.replaceAll("_info$", ""))
            .help("1 for each cluster this worker or agent serves")
            .labelNames(GridshiftMetrics.CLUSTER)
            .register(registry.getPrometheusRegistry());
    for (String cluster : clusters) {
      info.addLabelValues(cluster);
    }
  }

  /** Everything, in the Prometheus text format. */
  public String scrape() {
    return registry.scrape();
  }

  /** Reports what the scope still holds, then stops. */
  @Override
  public void close() {
    try {
      scope.close();
    } catch (ScopeCloseException e) {
      // Closing only stops the reporting thread; what it failed to report is lost either way.
    }
    gc.close();
    registry.close();
  }
}
