package io.gridshift.workflows.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridshift.workflows.activities.GridEventActivities;
import io.gridshift.workflows.activities.KubernetesActivities;
import io.gridshift.workflows.hazelcast.activities.HazelcastActivities;
import io.gridshift.workflows.hazelcast.bluegreen.HazelcastBlueGreenActivities;
import io.gridshift.workflows.infinispan.activities.InfinispanDataActivities;
import io.gridshift.workflows.infinispan.activities.InfinispanDeployActivities;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.metadata.POJOActivityInterfaceMetadata;
import io.temporal.common.metadata.POJOActivityMethodMetadata;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cluster access belongs to the cluster's agent: every activity that touches a cluster runs on that
 * cluster's task queue ({@link TaskQueues#cluster}), where only the worker holding the cluster's
 * access polls, and nothing runs on the shared queue but workflow code. Checked on every recorded
 * history in {@code src/test/resources/histories}, whatever it holds when re-recorded: the cluster
 * is read from each workflow's input ({@code cluster.cluster}), the activity type names are derived
 * from the activity interfaces the way Temporal derives them (its own metadata: the interface's
 * {@code namePrefix}, then the method's {@code @ActivityMethod(name)} or its name capitalized).
 */
class ClusterQueuesFromHistoriesTest {
  /** Every activity of these acts on one cluster: its Kubernetes API or its grids. */
  private static final Set<String> CLUSTER_ACTIVITIES =
      typeNames(
          KubernetesActivities.class,
          InfinispanDeployActivities.class,
          InfinispanDataActivities.class,
          HazelcastActivities.class,
          HazelcastBlueGreenActivities.class,
          GridEventActivities.class);

  /** These touch no cluster: a notification webhook is not a grid. */
  private static final Set<String> CLUSTER_FREE_ACTIVITIES =
      typeNames(NotificationActivities.class);

  /** The marker Temporal records for a local activity, which runs inside the workflow worker. */
  private static final String LOCAL_ACTIVITY_MARKER = "LocalActivity";

  @Test
  void activityTypesAreNamedAsTemporalNamesThem() {
    assertThat(CLUSTER_ACTIVITIES)
        .contains("Kubernetes.Claim", "InfinispanData.SyncData", "Hazelcast.WaitUntilSafe");
    assertThat(CLUSTER_FREE_ACTIVITIES).containsExactly("notify");
  }

  @Test
  void historiesOfBothKindsAreRecorded() throws Exception {
    List<String> names = histories().map(Named::getName).toList();

    assertThat(names).as("recorded histories").anyMatch(n -> n.startsWith("infinispan-"));
    assertThat(names).as("recorded histories").anyMatch(n -> n.startsWith("hazelcast-"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void everyClusterActivityRanOnItsClustersQueue(Path file) throws IOException {
    String name = file.getFileName().toString();
    WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(Files.readString(file));
    String cluster = clusterOf(history, name);
    String queue = TaskQueues.cluster(cluster);
    List<String> offenders = new ArrayList<>();
    int clusterActivities = 0;
    for (HistoryEvent event : history.getEvents()) {
      if (event.hasActivityTaskScheduledEventAttributes()) {
        ActivityTaskScheduledEventAttributes scheduled =
            event.getActivityTaskScheduledEventAttributes();
        String type = scheduled.getActivityType().getName();
        String ranOn = scheduled.getTaskQueue().getName();
        if (CLUSTER_ACTIVITIES.contains(type)) {
          clusterActivities++;
          if (!ranOn.equals(queue)) {
            offenders.add("event %d: %s on %s".formatted(event.getEventId(), type, ranOn));
          }
        } else if (!CLUSTER_FREE_ACTIVITIES.contains(type)) {
          offenders.add(
              ("event %d: %s on %s, of no known activity interface (add it to CLUSTER_ACTIVITIES"
                      + " or CLUSTER_FREE_ACTIVITIES)")
                  .formatted(event.getEventId(), type, ranOn));
        }
      } else if (event.hasMarkerRecordedEventAttributes()
          && LOCAL_ACTIVITY_MARKER.equals(
              event.getMarkerRecordedEventAttributes().getMarkerName())) {
        offenders.add(
            "event %d: a local activity, run by the workflow worker on %s"
                .formatted(event.getEventId(), TaskQueues.WORKFLOWS));
      }
    }

    assertThat(offenders)
        .as(
            "%s: activities off the queue of cluster %s (%s), or of no known interface",
            name, cluster, queue)
        .isEmpty();
    assertThat(clusterActivities)
        .as("%s scheduled no activity on a cluster, so it proves nothing; re-record it", name)
        .isPositive();
  }

  /** Every recorded history, named by its file. */
  static Stream<Named<Path>> histories() throws IOException, URISyntaxException {
    Path dir =
        Path.of(
            Objects.requireNonNull(
                    ClusterQueuesFromHistoriesTest.class.getResource("/histories"),
                    "no histories on the test classpath (src/test/resources/histories)")
                .toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.toString().endsWith(".json"))
          .sorted()
          .map(p -> Named.of(p.getFileName().toString(), p))
          .toList()
          .stream();
    }
  }

  /** {@code cluster.cluster} of the request the workflow was started with. */
  private static String clusterOf(WorkflowExecutionHistory history, String name) {
    HistoryEvent started = history.getEvents().get(0);
    assertThat(started.hasWorkflowExecutionStartedEventAttributes())
        .as("%s starts with WorkflowExecutionStarted", name)
        .isTrue();
    Payload input = started.getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0);
    JsonNode request =
        DefaultDataConverter.STANDARD_INSTANCE.fromPayload(input, JsonNode.class, JsonNode.class);
    String cluster = request.path("cluster").path("cluster").asText(null);
    assertThat(cluster).as("%s: cluster.cluster of the workflow's input", name).isNotBlank();
    return cluster;
  }

  private static Set<String> typeNames(Class<?>... activityInterfaces) {
    return Stream.of(activityInterfaces)
        .flatMap(i -> POJOActivityInterfaceMetadata.newInstance(i).getMethodsMetadata().stream())
        .map(POJOActivityMethodMetadata::getActivityTypeName)
        .collect(Collectors.toUnmodifiableSet());
  }
}
