package io.gridshift.activities;

import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;

/**
 * Turns a Kubernetes 403 thrown by any activity into {@link KubernetesForbidden}'s non-retryable
 * failure, in one place: the activities let other Kubernetes API errors propagate for Temporal to
 * retry, and a missing RBAC rule must not be retried for minutes under a vague message.
 */
public final class KubernetesForbiddenInterceptor extends WorkerInterceptorBase {
  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      @Override
      public ActivityOutput execute(ActivityInput input) {
        try {
          return super.execute(input);
        } catch (RuntimeException e) {
          throw KubernetesForbidden.in(e)
              .<RuntimeException>map(KubernetesForbidden::failure)
              .orElse(e);
        }
      }
    };
  }
}
