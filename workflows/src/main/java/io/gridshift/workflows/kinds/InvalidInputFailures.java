package io.gridshift.workflows.kinds;

import io.gridshift.workflows.common.FailureTypes;
import io.temporal.api.failure.v1.Failure;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.FailureConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.DefaultFailureConverter;

/**
 * Temporal's failure converter, except that a workflow failed by {@link UnreadableInputException}
 * ends with failure type {@link FailureTypes#INVALID_REQUEST} (non-retryable) and the problems as
 * its message, as a request that the workflow itself refuses does: one type for "the request is
 * invalid", whichever step found it.
 */
final class InvalidInputFailures implements FailureConverter {
  private final FailureConverter standard = new DefaultFailureConverter();

  @Override
  public RuntimeException failureToException(Failure failure, DataConverter dataConverter) {
    return standard.failureToException(failure, dataConverter);
  }

  @Override
  public Failure exceptionToFailure(Throwable e, DataConverter dataConverter) {
    Throwable shown =
        e instanceof UnreadableInputException unreadable
            ? ApplicationFailure.newNonRetryableFailure(
                unreadable.getMessage(), FailureTypes.INVALID_REQUEST)
            : e;
    return standard.exceptionToFailure(shown, dataConverter);
  }
}
