package io.gridshift.starter;

import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Whether Temporal answers, found with one cheap call (GetSystemInfo) under a short deadline. The
 * SDK's own calls retry an unreachable frontend for many seconds; the front door asks this first so
 * that a person learns at once that Temporal is down.
 */
public final class TemporalProbe {
  /** How long the probe waits for an answer. */
  public static final Duration DEADLINE = Duration.ofSeconds(3);

  private final WorkflowServiceStubs stubs;

  public TemporalProbe(WorkflowServiceStubs stubs) {
    this.stubs = stubs;
  }

  /**
   * The answer: the server's version, or why it did not answer.
   *
   * @param version the server version when it answered ({@code unknown} when it does not say)
   * @param problem null when it answered; else the gRPC status, e.g. {@code UNAVAILABLE: io
   *     exception}
   */
  public record Answer(String version, String problem) {
    public boolean answered() {
      return problem == null;
    }
  }

  /** Asks once, waiting at most {@link #DEADLINE}. */
  public Answer ask() {
    try {
      String version =
          stubs
              .blockingStub()
              .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
              .getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
              .getServerVersion();
      return new Answer(version.isEmpty() ? "unknown" : version, null);
    } catch (StatusRuntimeException e) {
      String description = e.getStatus().getDescription();
      return new Answer(
          null, e.getStatus().getCode() + (description == null ? "" : ": " + description));
    }
  }
}
