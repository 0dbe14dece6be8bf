package io.gridshift.activities.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategyBuilder;
import io.gridshift.workflows.activities.RolloutStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The completion table of {@code kubectl rollout status}; "-" is an absent field. */
class RolloutRulesTest {

  @ParameterizedTest(name = "StatefulSet {0}")
  @CsvSource(
      nullValues = "-",
      textBlock =
          """
          # case,                          gen, obsGen, replicas, ready, updated, partition, current, update, done, message
          complete,                          2,      2,        3,     3,       3,         -,      r2,     r2, true,  rolling update complete
          spec not yet observed,             3,      2,        3,     3,       3,         -,      r2,     r2, false, spec update to be observed
          no generation anywhere,            -,      -,        3,     3,       3,         -,       -,      -, true,  rolling update complete
          status never written,              1,      -,        3,     3,       3,         -,      r1,     r1, false, spec update to be observed
          pods not ready,                    2,      2,        3,     2,       3,         -,      r2,     r2, false, Waiting for 1 pods
          ready is absent,                   2,      2,        3,     -,       3,         -,      r2,     r2, false, Waiting for 3 pods
          revisions differ,                  2,      2,        3,     3,       2,         -,      r1,     r2, false, rolling update to complete 2 pods at revision r2
          partition reached,                 2,      2,        3,     3,       1,         2,      r1,     r2, true,  partitioned roll out complete: 1 new pods
          partition not reached,             2,      2,        3,     3,       1,         1,      r1,     r2, false, 1 out of 2 new pods
          partition 0 all updated,           2,      2,        3,     3,       3,         0,      r1,     r2, true,  partitioned roll out complete: 3 new pods
          partition 0 one left,              2,      2,        3,     3,       2,         0,      r2,     r2, false, 2 out of 3 new pods
          replicas absent means 1,           1,      1,        -,     1,       1,         -,      r1,     r1, true,  rolling update complete
          """)
  void statefulSet(
      String name,
      Long generation,
      Long observedGeneration,
      Integer replicas,
      Integer ready,
      Integer updated,
      Integer partition,
      String currentRevision,
      String updateRevision,
      boolean done,
      String message) {
    StatefulSetStatus status =
        new StatefulSetStatusBuilder()
            .withObservedGeneration(observedGeneration)
            .withReadyReplicas(ready)
            .withUpdatedReplicas(updated)
            .withCurrentRevision(currentRevision)
            .withUpdateRevision(updateRevision)
            .build();
    StatefulSet sts =
        new StatefulSetBuilder()
            .withNewMetadata()
            .withName("dg")
            .withGeneration(generation)
            .endMetadata()
            .withNewSpec()
            .withReplicas(replicas)
            .withUpdateStrategy(
                new StatefulSetUpdateStrategyBuilder()
                    .withType("RollingUpdate")
                    .withNewRollingUpdate()
                    .withPartition(partition)
                    .endRollingUpdate()
                    .build())
            .endSpec()
            .withStatus(status)
            .build();

    RolloutStatus result = RolloutRules.of(sts);

    assertThat(result.done()).as(result.message()).isEqualTo(done);
    assertThat(result.message()).contains(message);
    assertThat(result.partition()).isEqualTo(partition == null ? 0 : partition);
  }

  @ParameterizedTest(name = "StatefulSet without status, strategy: {0}")
  @CsvSource(
      nullValues = "-",
      value = {"-", "RollingUpdate", "OnDelete"})
  void statefulSetWithoutStatusIsNotDone(String strategy) {
    StatefulSet sts =
        new StatefulSetBuilder()
            .withNewMetadata()
            .withName("dg")
            .withGeneration(1L)
            .endMetadata()
            .withNewSpec()
            .withReplicas(3)
            .withNewUpdateStrategy()
            .withType(strategy)
            .endUpdateStrategy()
            .endSpec()
            .build();

    RolloutStatus result = RolloutRules.of(sts);

    assertThat(result.done()).isFalse();
    assertThat(result).extracting(RolloutStatus::readyReplicas).isEqualTo(0);
  }

  @ParameterizedTest(name = "Deployment {0}")
  @CsvSource(
      nullValues = "-",
      textBlock =
          """
          # case,                     gen, obsGen, replicas, status.replicas, updated, available, progressing reason,       done,  message
          complete,                     2,      2,        3,               3,       3,         3, NewReplicaSetAvailable,   true,  successfully rolled out
          spec not yet observed,        3,      2,        3,               3,       3,         3, -,                        false, spec update to be observed
          progress deadline exceeded,   2,      2,        3,               3,       2,         2, ProgressDeadlineExceeded, false, exceeded its progress deadline
          not all updated,              2,      2,        3,               4,       2,         2, ReplicaSetUpdated,        false, 2 out of 3 new replicas
          old replicas terminating,     2,      2,        3,               4,       3,         3, ReplicaSetUpdated,        false, 1 old replicas are pending termination
          updated not yet available,    2,      2,        3,               3,       3,         2, ReplicaSetUpdated,        false, 2 of 3 updated replicas are available
          available is absent,          2,      2,        3,               3,       3,         -, -,                        false, 0 of 3 updated replicas
          status absent,                1,      -,        3,               -,       -,         -, -,                        false, spec update to be observed
          """)
  void deployment(
      String name,
      Long generation,
      Long observedGeneration,
      Integer replicas,
      Integer statusReplicas,
      Integer updated,
      Integer available,
      String progressingReason,
      boolean done,
      String message) {
    DeploymentStatusBuilder status =
        new DeploymentStatusBuilder()
            .withObservedGeneration(observedGeneration)
            .withReplicas(statusReplicas)
            .withUpdatedReplicas(updated)
            .withAvailableReplicas(available);
    if (progressingReason != null) {
      status
          .addNewCondition()
          .withType("Progressing")
          .withStatus("ProgressDeadlineExceeded".equals(progressingReason) ? "False" : "True")
          .withReason(progressingReason)
          .endCondition();
    }
    Deployment deployment = deployment(generation, replicas, status.build());

    RolloutStatus result = RolloutRules.of(deployment);

    assertThat(result.done()).as(result.message()).isEqualTo(done);
    assertThat(result.message()).contains(message);
    assertThat(RolloutRules.isStuck(deployment))
        .isEqualTo("ProgressDeadlineExceeded".equals(progressingReason));
  }

  private static Deployment deployment(Long generation, Integer replicas, DeploymentStatus status) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("hz")
        .withGeneration(generation)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .endSpec()
        .withStatus(status)
        .build();
  }
}
