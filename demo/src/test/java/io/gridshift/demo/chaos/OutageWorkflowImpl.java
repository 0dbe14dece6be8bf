package io.gridshift.demo.chaos;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class OutageWorkflowImpl implements OutageWorkflow {
  /** The activity of the test workflow. */
  @ActivityInterface
  public interface Echo {
    String echo(String s);
  }

  private final Echo echo =
      Workflow.newActivityStub(
          Echo.class,
          ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());
  private boolean proceed;

  @Override
  public String run() {
    Workflow.await(() -> proceed);
    return echo.echo("done");
  }

  @Override
  public void proceed() {
    proceed = true;
  }
}
