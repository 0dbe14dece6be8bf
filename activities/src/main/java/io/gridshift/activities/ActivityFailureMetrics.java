package io.gridshift.activities;

import io.gridshift.workflows.common.GridshiftMetrics;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;

/**
 * Counts every failed activity attempt as {@value GridshiftMetrics#ACTIVITY_FAILURES}{activity,
 * failure_type} on the activity's metrics scope. The failure type is what the workflow sees: an
 * {@link ApplicationFailure}'s type, else the exception's class name (as the SDK names it). A
 * cancelled activity ({@link ActivityCompletionException}: the workflow stopped waiting) is not a
 * failure. Registered after {@link KubernetesForbiddenInterceptor}, so it wraps it and counts a 403
 * under the type that interceptor gives it.
 */
public final class ActivityFailureMetrics extends WorkerInterceptorBase {
  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private ActivityExecutionContext context;

      @Override
      public void init(ActivityExecutionContext context) {
        this.context = context;
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        try {
          return super.execute(input);
        } catch (ActivityCompletionException e) {
          throw e;
        } catch (RuntimeException e) {
          count(e);
          throw e;
        }
      }

      private void count(RuntimeException e) {
        context
            .getMetricsScope()
            .tagged(
                Map.of(
                    GridshiftMetrics.ACTIVITY,
                    context.getInfo().getActivityType(),
                    GridshiftMetrics.FAILURE_TYPE,
                    failureType(e)))
            .counter(GridshiftMetrics.ACTIVITY_FAILURES)
            .inc(1);
      }
    };
  }

  /** The failure type the workflow sees for {@code e}. */
  static String failureType(Throwable e) {
    return e instanceof ApplicationFailure app
        ? GridshiftMetrics.label(app.getType())
        : e.getClass().getName();
  }
}
