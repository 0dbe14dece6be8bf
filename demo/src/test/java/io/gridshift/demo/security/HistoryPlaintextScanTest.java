package io.gridshift.demo.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.demo.security.HistoryPlaintextScan.Finding;
import io.gridshift.workflows.client.EncryptingPayloadCodec;
import io.gridshift.workflows.client.PayloadKeyRing;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scan follows earlier runs (continue-as-new) and child workflows, finds strings in clear
 * payloads and failure messages, and finds nothing in encrypted ones.
 */
class HistoryPlaintextScanTest {
  private static final String QUEUE = "scan-test";
  private TestWorkflowEnvironment env;

  /** Continues as new once, then starts a child that fails with a message. */
  @WorkflowInterface
  public interface Parent {
    @WorkflowMethod
    String run(String secret, int round);
  }

  /** Fails, naming its input. */
  @WorkflowInterface
  public interface Child {
    @WorkflowMethod
    String run(String secret);
  }

  public static class ParentImpl implements Parent {
    @Override
    public String run(String secret, int round) {
      if (round == 0) {
        Workflow.continueAsNew("first-run-" + secret, 1);
      }
      try {
        return Workflow.newChildWorkflowStub(Child.class).run("child-" + secret);
      } catch (RuntimeException e) {
        return "child failed";
      }
    }
  }

  public static class ChildImpl implements Child {
    @Override
    public String run(String secret) {
      throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
          "refused " + secret, "Refused");
    }
  }

  private static EncryptingPayloadCodec codec() {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 7);
    return new EncryptingPayloadCodec(PayloadKeyRing.of("k1", Map.of("k1", key)));
  }

  private WorkflowClient start(DataConverter converter) {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder().setDataConverter(converter).build())
                .build());
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(ParentImpl.class, ChildImpl.class);
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    client
        .newWorkflowStub(
            Parent.class,
            WorkflowOptions.newBuilder().setWorkflowId("parent").setTaskQueue(QUEUE).build())
        .run("grid-zebra-42", 0);
    return client;
  }

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
  }

  @Test
  void findsClearStringsInEarlierRunsChildrenAndFailureMessages() {
    WorkflowClient client = start(DataConverter.getDefaultInstance());
    List<Finding> found =
        HistoryPlaintextScan.of(client.getWorkflowServiceStubs(), "default")
            .scan(List.of("parent"), List.of("grid-zebra-42", "refused child-first-run"));

    assertThat(found)
        .anySatisfy(
            f -> assertThat(f.eventType()).isEqualTo("EVENT_TYPE_WORKFLOW_EXECUTION_STARTED"))
        .anySatisfy(
            f -> {
              assertThat(f.workflowId()).isNotEqualTo("parent");
              assertThat(f.field()).contains("failure").endsWith(".message");
              assertThat(f.text()).isEqualTo("refused child-first-run");
            });
    // The first run (input "grid-zebra-42" alone) is read through the second's continued-from id.
    assertThat(found.stream().map(Finding::runId).distinct().count()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void findsNothingInEncryptedHistoriesAndEverythingOnceDecoded() {
    EncryptingPayloadCodec codec = codec();
    WorkflowClient client =
        start(new CodecDataConverter(DataConverter.getDefaultInstance(), List.of(codec), true));
    HistoryPlaintextScan scan =
        HistoryPlaintextScan.of(client.getWorkflowServiceStubs(), "default");
    List<String> secrets = List.of("grid-zebra-42", "refused child-first-run");

    assertThat(scan.scan(List.of("parent"), secrets)).isEmpty();
    assertThat(scan.decodingWith(codec).scan(List.of("parent"), secrets))
        .extracting(Finding::text)
        .contains("grid-zebra-42", "refused child-first-run");
  }
}
