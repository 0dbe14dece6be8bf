package io.gridshift.starter.cli;

import io.gridshift.starter.TemporalProbe;
import io.gridshift.starter.schedule.FleetSchedules;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

/**
 * The schedule commands' connection to Temporal, opened on first use (so a usage error needs no
 * server) and checked within {@link TemporalProbe#DEADLINE}, like {@link DirectClient}.
 */
final class DirectSchedules implements AutoCloseable {
  private final String target;
  private final String namespace;
  private final String identity;
  private WorkflowServiceStubs stubs;
  private FleetSchedules schedules;

  DirectSchedules(String target, String namespace, String identity) {
    this.target = target;
    this.namespace = namespace;
    this.identity = identity;
  }

  FleetSchedules schedules() {
    if (schedules == null) {
      stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
      TemporalProbe.Answer answer = new TemporalProbe(stubs).ask();
      if (!answer.answered()) {
        throw new CliException(
            ExitCodes.FAILED,
            "cannot reach Temporal at "
                + target
                + " ("
                + answer.problem()
                + "); start it, or pass --temporal HOST:PORT");
      }
      schedules = FleetSchedules.connect(stubs, namespace, identity);
    }
    return schedules;
  }

  @Override
  public void close() {
    if (stubs != null) {
      stubs.shutdownNow();
    }
  }
}
