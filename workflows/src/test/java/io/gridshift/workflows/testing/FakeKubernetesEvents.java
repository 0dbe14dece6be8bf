package io.gridshift.workflows.testing;

import io.gridshift.workflows.activities.GridEventActivities;
import io.gridshift.workflows.activities.GridEventRequest;
import io.gridshift.workflows.activities.GridEventsWritten;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the Event requests it receives, in the order they arrive; writes nothing. */
public class FakeKubernetesEvents implements GridEventActivities {
  /** Every request received. */
  public final List<GridEventRequest> received = new CopyOnWriteArrayList<>();

  @Override
  public GridEventsWritten record(GridEventRequest request) {
    received.add(request);
    return new GridEventsWritten(request.workloads().size(), 0, 0, 0);
  }

  /** The requests in the order the workflow made them (calls run concurrently). */
  public List<GridEventRequest> inOrder() {
    return received.stream()
        .sorted(java.util.Comparator.comparingInt(GridEventRequest::sequence))
        .toList();
  }
}
