package io.gridshift.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.Notification;
import io.gridshift.workflows.common.NotificationEvent;
import io.gridshift.workflows.common.NotificationWorkflow;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.UpgradeSearchAttributes;
import io.gridshift.workflows.infinispan.InfinispanUpgradeWorkflow;
import io.gridshift.workflows.request.InfinispanUpgradeRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.AddSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker registers the search attributes (upgrades then carry them) and the notification
 * workflow and webhook activity from its config.
 */
class GridshiftWorkerNotificationsTest {
  private TestWorkflowEnvironment env;
  private HttpServer receiver;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<String> signatures = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    env = TestWorkflowEnvironment.newInstance();
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          signatures.add(
              String.valueOf(exchange.getRequestHeaders().getFirst("X-Gridshift-Signature")));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterEach
  void stop() {
    env.close();
    receiver.stop(0);
  }

  @Test
  void registersSearchAttributesAndDeliversNotificationsToTheConfiguredWebhooks() {
    String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    WorkerConfig config =
        new WorkerConfig(null, true, List.of(), new WorkerConfig.Notifications(List.of(hook, " ")));
    try (GridshiftWorker worker = new GridshiftWorker(env.getWorkflowClient(), config)) {
      worker.start();
      // No worker serves cluster "nowhere": the upgrade stops at its first activity, after it
      // upserted the search attributes it sets at start.
      InfinispanUpgradeRequest request =
          InfinispanUpgradeRequest.of(new ClusterRef("nowhere", "apps"), "dg", "15.0.21.Final");
      WorkflowClient client = env.getWorkflowClient();
      InfinispanUpgradeWorkflow upgrade =
          client.newWorkflowStub(
              InfinispanUpgradeWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId("visible")
                  .setTaskQueue(TaskQueues.WORKFLOWS)
                  .build());
      WorkflowClient.start(upgrade::upgrade, request);
      Map<String, String> attributes = awaitAttributes(upgrade, "GridshiftStep");
      assertThat(attributes)
          .containsEntry("GridshiftKind", "infinispan")
          .containsEntry("GridshiftCluster", "nowhere")
          .containsEntry("GridshiftNamespace", "apps")
          .containsEntry("GridshiftGrid", "dg")
          .containsEntry("GridshiftTargetVersion", "15.0.21.Final")
          .containsEntry("GridshiftStep", "plan");

      notify(client);
      assertThat(bodies).hasSize(1);
      assertThat(bodies.get(0))
          .contains("\"text\":\"gridshift: hazelcast grid hz")
          .contains("\"event\":\"COMPLETED\"");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void withASigningKeyFileEveryNotificationIsSigned(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("key");
    Files.writeString(key, "0123456789abcdef0123456789abcdef0123456789abcdef\n");
    String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    WorkerConfig config =
        new WorkerConfig(
            null, true, List.of(), new WorkerConfig.Notifications(List.of(hook), key.toString()));
    assertThat(config.problems()).isEmpty();
    try (GridshiftWorker worker = new GridshiftWorker(env.getWorkflowClient(), config)) {
      worker.start();
      notify(env.getWorkflowClient());
    }
    assertThat(signatures).hasSize(1);
    assertThat(signatures.get(0)).matches("v1=[0-9a-f]{64}");
  }

  @Test
  void aServerThatRefusesRegistrationLeavesNoKeysAndNoFailure() throws Exception {
    String name = InProcessServerBuilder.generateName();
    var server =
        InProcessServerBuilder.forName(name)
            .addService(
                new OperatorServiceGrpc.OperatorServiceImplBase() {
                  @Override
                  public void addSearchAttributes(
                      AddSearchAttributesRequest r, StreamObserver<AddSearchAttributesResponse> o) {
                    o.onError(new StatusRuntimeException(Status.PERMISSION_DENIED));
                  }

                  @Override
                  public void listSearchAttributes(
                      ListSearchAttributesRequest r,
                      StreamObserver<ListSearchAttributesResponse> o) {
                    o.onError(new StatusRuntimeException(Status.UNIMPLEMENTED));
                  }
                })
            .build()
            .start();
    var channel = InProcessChannelBuilder.forName(name).build();
    try {
      assertThat(
              SearchAttributeRegistrar.register(
                  OperatorServiceGrpc.newBlockingStub(channel), "default"))
          .isEmpty();
    } finally {
      channel.shutdownNow();
      server.shutdownNow();
    }
  }

  @Test
  void registeringTwiceFindsEveryKeyRegistered() {
    var operator =
        io.temporal.serviceclient.OperatorServiceStubs.newServiceStubs(
            io.temporal.serviceclient.OperatorServiceStubsOptions.newBuilder()
                .setChannel(env.getWorkflowServiceStubs().getRawChannel())
                .validateAndBuildWithDefaults());
    assertThat(SearchAttributeRegistrar.register(operator.blockingStub(), env.getNamespace()))
        .containsExactlyElementsOf(UpgradeSearchAttributes.names());
    assertThat(SearchAttributeRegistrar.register(operator.blockingStub(), env.getNamespace()))
        .as("ALREADY_EXISTS counts as registered")
        .containsExactlyElementsOf(UpgradeSearchAttributes.names());
  }

  private static void notify(WorkflowClient client) {
    NotificationWorkflow wf =
        client.newWorkflowStub(
            NotificationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("notify-1")
                .setTaskQueue(NotificationWorkflow.TASK_QUEUE)
                .build());
    wf.send(
        new Notification(
            NotificationEvent.COMPLETED,
            "hazelcast-prod-apps-hz",
            "hazelcast",
            "prod",
            "apps",
            "hz",
            "5.3.8",
            "5.4.1",
            null,
            null,
            "alice",
            Phase.COMPLETED,
            "verify",
            "upgraded hz"));
  }

  private Map<String, String> awaitAttributes(InfinispanUpgradeWorkflow upgrade, String key)
      throws InterruptedException {
    long deadline = System.nanoTime() + 45_000_000_000L;
    Map<String, String> values = Map.of();
    while (System.nanoTime() < deadline) {
      values = attributes(upgrade);
      if (values.containsKey(key)) {
        return values;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no " + key + " among " + values);
  }

  private Map<String, String> attributes(InfinispanUpgradeWorkflow upgrade) {
    Map<String, Payload> fields =
        env.getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(env.getNamespace())
                    .setExecution(WorkflowStub.fromTyped(upgrade).getExecution())
                    .build())
            .getWorkflowExecutionInfo()
            .getSearchAttributes()
            .getIndexedFieldsMap();
    Map<String, String> values = new java.util.HashMap<>();
    fields.forEach(
        (k, p) ->
            values.put(
                k,
                DefaultDataConverter.STANDARD_INSTANCE.fromPayload(p, String.class, String.class)));
    return values;
  }
}
