package io.gridshift.workflows.kinds;

import io.gridshift.workflows.common.InvalidRequestException;
import io.temporal.common.converter.DataConverterException;
import java.util.List;

/**
 * A workflow's input that cannot be read as its request, with every problem found. Thrown by {@link
 * RequestPayloadConverter} while the worker reads the input of a workflow started with raw JSON
 * (the Temporal UI, {@code temporal workflow start}); the workflows fail on it at once ({@link
 * GridKinds#workflowOptions()}) as {@link
 * io.gridshift.workflows.common.FailureTypes#INVALID_REQUEST} ({@link InvalidInputFailures}),
 * instead of retrying a workflow task that can never succeed.
 */
public final class UnreadableInputException extends DataConverterException {
  private final List<String> problems;

  public UnreadableInputException(List<String> problems) {
    super(
        new InvalidRequestException(problems).getMessage()
            + "; fix each and start the workflow again (nothing was changed)");
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
