package io.gridshift.starter.cli;

import io.gridshift.starter.TemporalProbe;
import io.gridshift.starter.schedule.FleetSchedules;
import io.gridshift.workflows.client.TemporalAccess;
import io.gridshift.workflows.client.TemporalClients;
import io.temporal.serviceclient.WorkflowServiceStubs;

/**
 * The schedule commands' connection to Temporal, opened on first use (so a usage error needs no
 * server) and checked within {@link TemporalProbe#DEADLINE}, like {@link DirectClient}.
 */
final class DirectSchedules implements AutoCloseable {
  private final TemporalAccess access;
  private final String identity;
  private WorkflowServiceStubs stubs;
  private FleetSchedules schedules;

  DirectSchedules(TemporalAccess access, String identity) {
    this.access = access;
    this.identity = identity;
  }

  FleetSchedules schedules() {
    if (schedules == null) {
      stubs = TemporalClients.stubs(access);
      TemporalProbe.Answer answer = new TemporalProbe(stubs).ask();
      if (!answer.answered()) {
        throw new CliException(
            ExitCodes.FAILED,
            "cannot reach Temporal at "
                + access.target()
                + " ("
                + answer.problem()
                + "); start it, or pass --temporal HOST:PORT");
      }
      schedules = FleetSchedules.connect(stubs, access, identity);
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
