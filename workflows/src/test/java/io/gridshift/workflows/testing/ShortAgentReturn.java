package io.gridshift.workflows.testing;

import io.gridshift.workflows.common.ActivityOptionsProfiles;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import java.time.Duration;

/**
 * Shortens {@link ActivityOptionsProfiles#AGENT_RETURN} for tests of an agent that is gone. The
 * test server runs in real time while an activity waits in a task queue (it locks time skipping
 * until the activity ends), so five minutes would be five real minutes; every other option, and the
 * first contact's {@link ActivityOptionsProfiles#AGENT_PICKUP}, stay as the workflow set them.
 */
public final class ShortAgentReturn extends WorkerInterceptorBase {
  private final Duration agentReturn;

  public ShortAgentReturn(Duration agentReturn) {
    this.agentReturn = agentReturn;
  }

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public void init(WorkflowOutboundCallsInterceptor outbound) {
        super.init(shortening(outbound));
      }
    };
  }

  private WorkflowOutboundCallsInterceptor shortening(WorkflowOutboundCallsInterceptor outbound) {
    return new WorkflowOutboundCallsInterceptorBase(outbound) {
      @Override
      public <R> ActivityOutput<R> executeActivity(ActivityInput<R> input) {
        ActivityOptions options = input.getOptions();
        if (!ActivityOptionsProfiles.AGENT_RETURN.equals(options.getScheduleToStartTimeout())) {
          return super.executeActivity(input);
        }
        return super.executeActivity(
            new ActivityInput<>(
                input.getActivityName(),
                input.getResultClass(),
                input.getResultType(),
                input.getArgs(),
                ActivityOptions.newBuilder(options).setScheduleToStartTimeout(agentReturn).build(),
                input.getHeader()));
      }
    };
  }
}
