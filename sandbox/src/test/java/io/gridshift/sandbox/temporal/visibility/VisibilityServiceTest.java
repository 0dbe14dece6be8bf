package io.gridshift.sandbox.temporal.visibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridshift.sandbox.temporal.LocalTemporalServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionCount;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's visibility through the real SDK ({@code listExecutions}, {@code countWorkflows})
 * and the raw gRPC calls, against a {@link LocalTemporalServer}: workflows started with no worker
 * (they stay Running) and one terminated.
 */
class VisibilityServiceTest {
  private static final SearchAttributeKey<String> KIND =
      SearchAttributeKey.forKeyword("GridshiftKind");

  @Test
  void listsCountsAndPagesByQueryWithSearchAttributes() throws Exception {
    try (LocalTemporalServer server = LocalTemporalServer.start(0)) {
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
      try {
        OperatorServiceStubs operator =
            OperatorServiceStubs.newServiceStubs(
                OperatorServiceStubsOptions.newBuilder()
                    .setChannel(stubs.getRawChannel())
                    .validateAndBuildWithDefaults());
        operator
            .blockingStub()
            .addSearchAttributes(
                AddSearchAttributesRequest.newBuilder()
                    .setNamespace("default")
                    .putSearchAttributes(
                        KIND.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                    .build());
        assertThat(
                operator
                    .blockingStub()
                    .listSearchAttributes(
                        ListSearchAttributesRequest.newBuilder().setNamespace("default").build())
                    .getCustomAttributesMap())
            .containsEntry(KIND.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);

        WorkflowClient client = WorkflowClient.newInstance(stubs);
        String prefix = "vis-" + UUID.randomUUID() + "-";
        List<String> infinispan = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          infinispan.add(start(client, prefix + "dg-" + i, "InfinispanUpgrade", "Infinispan"));
        }
        String hazelcast = start(client, prefix + "hz", "HazelcastUpgrade", "Hazelcast");
        client.newUntypedWorkflowStub(hazelcast).terminate("test");

        List<WorkflowExecutionMetadata> running =
            client
                .listExecutions(
                    "WorkflowId STARTS_WITH '"
                        + prefix
                        + "' AND GridshiftKind = 'Infinispan'"
                        + " AND ExecutionStatus = 'Running' ORDER BY WorkflowId")
                .toList();
        assertThat(running)
            .extracting(m -> m.getExecution().getWorkflowId())
            .containsExactlyElementsOf(infinispan);
        assertThat(running.get(0).getTypedSearchAttributes().get(KIND)).isEqualTo("Infinispan");
        assertThat(running.get(0).getTaskQueue()).isEqualTo("nowhere");

        assertThat(
                client
                    .listExecutions(
                        "WorkflowType = 'HazelcastUpgrade' AND ExecutionStatus = 'Terminated'")
                    .map(m -> m.getExecution().getWorkflowId()))
            .containsExactly(hazelcast);

        WorkflowExecutionCount count =
            client.countWorkflows(
                "WorkflowId STARTS_WITH '" + prefix + "' GROUP BY ExecutionStatus");
        assertThat(count.getCount()).isEqualTo(4);
        Map<String, Long> byStatus =
            count.getGroups().stream()
                .collect(
                    Collectors.toMap(
                        g -> String.valueOf(g.getGroupValues().get(0).get(0)), g -> g.getCount()));
        assertThat(byStatus).containsEntry("Running", 3L).containsEntry("Terminated", 1L);

        // Pages of two, in the query's order, until the token is empty.
        List<String> paged = new ArrayList<>();
        ListWorkflowExecutionsResponse page = null;
        do {
          ListWorkflowExecutionsRequest.Builder request =
              ListWorkflowExecutionsRequest.newBuilder()
                  .setNamespace("default")
                  .setPageSize(2)
                  .setQuery("WorkflowId STARTS_WITH '" + prefix + "' ORDER BY WorkflowId DESC");
          if (page != null) {
            request.setNextPageToken(page.getNextPageToken());
          }
          page = stubs.blockingStub().listWorkflowExecutions(request.build());
          assertThat(page.getExecutionsCount()).isLessThanOrEqualTo(2);
          page.getExecutionsList().forEach(e -> paged.add(e.getExecution().getWorkflowId()));
        } while (!page.getNextPageToken().isEmpty());
        assertThat(paged)
            .containsExactly(hazelcast, infinispan.get(2), infinispan.get(1), infinispan.get(0));

        assertThatThrownBy(() -> client.listExecutions("Nonsense = 'x'").toList())
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> {
                  assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                  assertThat(e.getStatus().getDescription())
                      .contains("'Nonsense' is not a valid search attribute");
                });
      } finally {
        stubs.shutdownNow();
      }
    }
  }

  private static String start(WorkflowClient client, String id, String type, String kind) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            type,
            WorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setTaskQueue("nowhere")
                .setTypedSearchAttributes(SearchAttributes.newBuilder().set(KIND, kind).build())
                .build());
    stub.start();
    return id;
  }
}
