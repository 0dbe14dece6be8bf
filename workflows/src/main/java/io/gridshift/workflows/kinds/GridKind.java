package io.gridshift.workflows.kinds;

import io.gridshift.workflows.common.UpgradeDetails;
import io.gridshift.workflows.common.VisibilityOptions;
import io.gridshift.workflows.request.UpgradeRequest;
import io.temporal.common.metadata.POJOWorkflowInterfaceMetadata;
import io.temporal.common.metadata.POJOWorkflowMethodMetadata;
import java.util.List;
import java.util.function.Function;

/**
 * Everything the rest of gridshift needs to know about one grid kind: its name, its workflow, its
 * request and details records and its steps. The worker registers the workflow from it, the
 * starter, CLI and REST service read requests and start workflows with it, the listing and the demo
 * find upgrades by its workflow type. See {@link GridKinds} for the registry.
 *
 * @param workflowInterface the kind's {@code @WorkflowInterface}; its workflow method takes the
 *     request record and returns {@link io.gridshift.workflows.common.UpgradeStatus}
 * @param implementation builds the workflow implementation, told what the worker offers
 * @param requestClass the request record; its {@code @JsonTypeName} is the kind's name
 * @param detailsClass the record the status carries as {@code details}
 * @param steps every step the workflow may run, in order (the status lists them all)
 * @param <W> the workflow interface
 */
public record GridKind<W>(
    Class<W> workflowInterface,
    Function<VisibilityOptions, ? extends W> implementation,
    Class<? extends UpgradeRequest> requestClass,
    Class<? extends UpgradeDetails> detailsClass,
    List<String> steps) {

  public GridKind {
    steps = List.copyOf(steps);
    name(requestClass); // fails early when the request does not name its kind
  }

  /** The kind's name: the {@code kind} of requests and statuses, e.g. {@code infinispan}. */
  public String name() {
    return name(requestClass);
  }

  /** The Temporal workflow type, e.g. {@code InfinispanUpgrade}, read from the interface. */
  public String workflowType() {
    return POJOWorkflowInterfaceMetadata.newInstance(workflowInterface)
        .getWorkflowMethod()
        .map(POJOWorkflowMethodMetadata::getName)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    workflowInterface.getName() + " declares no @WorkflowMethod"));
  }

  private static String name(Class<?> requestClass) {
    return UpgradeRequest.kindOf(requestClass);
  }
}
