package io.gridshift.starter;

import io.gridshift.workflows.client.TemporalAccess;
import io.gridshift.workflows.client.TemporalConnectionCheck;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;

/**
 * Whether Temporal answers, found with one cheap call (GetSystemInfo) under a short deadline. The
 * SDK's own calls retry an unreachable frontend for many seconds; the front door asks this first so
 * that a person learns at once that Temporal is down, or that its TLS or credentials refuse this
 * process ({@link TemporalConnectionCheck} words that sentence).
 */
public final class TemporalProbe {
  /** How long the probe waits for an answer. */
  public static final Duration DEADLINE = TemporalConnectionCheck.DEADLINE;

  private final WorkflowServiceStubs stubs;
  private final TemporalAccess access;

  /** A probe of {@code stubs}, built from {@code access} (its TLS and credentials explain). */
  public TemporalProbe(WorkflowServiceStubs stubs, TemporalAccess access) {
    this.stubs = stubs;
    this.access = access;
  }

  /**
   * The answer: the server's version, or why it did not answer.
   *
   * @param version the server version when it answered ({@code unknown} when it does not say)
   * @param problem null when it answered; the gRPC status when it did not answer, e.g. {@code
   *     UNAVAILABLE: io exception}; a whole sentence with what to set when {@code security}
   * @param security whether TLS or credentials refused (the problem is then the whole message)
   */
  public record Answer(String version, String problem, boolean security) {
    public boolean answered() {
      return problem == null;
    }

    /**
     * The message for a person: the security sentence as it is, else {@code Temporal at <target>
     * does not answer (<status>)} followed by {@code advice}.
     */
    public String message(String target, String advice) {
      return security
          ? problem
          : "Temporal at " + target + " does not answer (" + problem + ")" + advice;
    }
  }

  /** Asks once, waiting at most {@link #DEADLINE}. */
  public Answer ask() {
    TemporalConnectionCheck.Answer answer = TemporalConnectionCheck.ask(stubs, access);
    return new Answer(answer.version(), answer.problem(), answer.security());
  }
}
