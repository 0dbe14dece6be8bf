package io.gridshift.workflows.testkind;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.gridshift.workflows.common.DetailTable;
import io.gridshift.workflows.common.UpgradeDetails;
import java.util.List;

/**
 * The test kind's details: the replicas its cluster's agent reported, at plan and after its step.
 */
@JsonTypeName(EchoKind.NAME)
public record EchoDetails(Integer plannedReplicas, Integer echoedReplicas)
    implements UpgradeDetails {
  @Override
  public List<DetailTable> tables() {
    return List.of(
        new DetailTable(
            List.of("ECHO", "REPLICAS"),
            List.of(
                List.of("planned", String.valueOf(plannedReplicas)),
                List.of("echoed", String.valueOf(echoedReplicas)))));
  }
}
