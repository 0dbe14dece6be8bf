package io.gridshift.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.sandbox.temporal.LocalTemporalServer;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * {@code ./gridshift list} (the starter's {@link UpgradeService#list}) in the sandbox uses the real
 * visibility query (ListWorkflowExecutions), which the sandbox's Temporal now answers; the
 * open/closed fallback, kept for servers without visibility queries, is not called.
 */
class ListingInTheSandboxTest {

  @Test
  void theListingAsksTheVisibilityQueryAndNeverFallsBack() throws Exception {
    Set<String> called = ConcurrentHashMap.newKeySet();
    ClientInterceptor recorder =
        new ClientInterceptor() {
          @Override
          public <Q, R> ClientCall<Q, R> interceptCall(
              MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            called.add(method.getBareMethodName());
            return next.newCall(method, options);
          }
        };
    try (LocalTemporalServer server = LocalTemporalServer.start(0)) {
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setTarget(server.target())
                  .setGrpcClientInterceptors(List.of(recorder))
                  .build());
      try {
        WorkflowClient client = WorkflowClient.newInstance(stubs);
        String id = "listed-" + UUID.randomUUID();
        // No worker; terminated, so the listing asks no status query of it (none would answer).
        client
            .newUntypedWorkflowStub(
                UpgradeFilter.WORKFLOW_TYPES.get(0),
                WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue("nowhere").build())
            .start(
                Map.of("cluster", Map.of("cluster", "eu-1", "namespace", "grids"), "grid", "dg"));
        client.newUntypedWorkflowStub(id).terminate("listed, not run");
        client
            .newUntypedWorkflowStub(
                "SomethingElse",
                WorkflowOptions.newBuilder()
                    .setWorkflowId("other-" + UUID.randomUUID())
                    .setTaskQueue("nowhere")
                    .build())
            .start();

        List<UpgradeSummary> listed =
            new UpgradeService(client).list(new UpgradeFilter("eu-1", null, null, "terminated"));

        assertThat(listed).extracting(UpgradeSummary::workflowId).containsExactly(id);
        assertThat(listed.get(0).grid()).isEqualTo("dg");
        assertThat(called).contains("ListWorkflowExecutions");
        assertThat(called)
            .doesNotContain("ListOpenWorkflowExecutions", "ListClosedWorkflowExecutions");
      } finally {
        stubs.shutdownNow();
      }
    }
  }
}
