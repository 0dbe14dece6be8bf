package io.gridshift.starter.server;

import com.codahale.metrics.health.HealthCheck;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import java.util.concurrent.TimeUnit;

/**
 * Health check {@code temporal}: one cheap call (GetSystemInfo) on the frontend, bounded in time.
 */
public final class TemporalHealthCheck extends HealthCheck {
  private static final long DEADLINE_MILLIS = 3000;

  private final TemporalConnection temporal;

  public TemporalHealthCheck(TemporalConnection temporal) {
    this.temporal = temporal;
  }

  @Override
  protected Result check() {
    try {
      GetSystemInfoResponse info =
          temporal
              .stubs()
              .blockingStub()
              .withDeadlineAfter(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)
              .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      String version = info.getServerVersion().isEmpty() ? "unknown" : info.getServerVersion();
      return Result.healthy(
          "Temporal at %s answers (server version %s)", temporal.target(), version);
    } catch (StatusRuntimeException e) {
      return Result.unhealthy(
          "Temporal at %s does not answer (%s%s); start it, or fix temporal.target in the config",
          temporal.target(),
          e.getStatus().getCode(),
          e.getStatus().getDescription() == null ? "" : ": " + e.getStatus().getDescription());
    }
  }
}
