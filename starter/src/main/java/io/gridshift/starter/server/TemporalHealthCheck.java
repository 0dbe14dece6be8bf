package io.gridshift.starter.server;

import com.codahale.metrics.health.HealthCheck;
import io.gridshift.starter.TemporalProbe;

/** Health check {@code temporal}: one cheap call on the frontend, bounded in time. */
public final class TemporalHealthCheck extends HealthCheck {
  private final TemporalConnection temporal;

  public TemporalHealthCheck(TemporalConnection temporal) {
    this.temporal = temporal;
  }

  @Override
  protected Result check() {
    TemporalProbe.Answer answer = new TemporalProbe(temporal.stubs(), temporal.access()).ask();
    if (answer.answered()) {
      return Result.healthy(
          "Temporal at %s answers (server version %s)", temporal.target(), answer.version());
    }
    return Result.unhealthy(
        answer.message(temporal.target(), "; start it, or fix temporal.target in the config"));
  }
}
