package io.gridshift.activities.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.openshift.api.model.DeploymentConfig;
import io.fabric8.openshift.api.model.DeploymentConfigBuilder;
import io.gridshift.workflows.activities.RolloutStatus;
import org.junit.jupiter.api.Test;

/**
 * {@code oc rollout status dc/NAME}'s decision, case by case (oc's DeploymentConfigStatusViewer).
 */
class DeploymentConfigRolloutTest {

  @Test
  void newReplicationControllerAvailableOnTheObservedGenerationIsDone() {
    RolloutStatus status =
        DeploymentConfigRollout.of(dc(3, 2, 2, 3, 3, 3, 3, "NewReplicationControllerAvailable"));
    assertThat(status.done()).isTrue();
    assertThat(status.message()).contains("successfully rolled out").contains("version 3");
  }

  @Test
  void aSpecNotYetObservedIsNotDoneWhateverTheReasonSays() {
    DeploymentConfig dc = dc(3, 3, 2, 3, 3, 3, 3, "NewReplicationControllerAvailable");
    assertThat(DeploymentConfigRollout.of(dc).done()).isFalse();
    assertThat(DeploymentConfigRollout.of(dc).message()).contains("spec to be observed");
    assertThat(DeploymentConfigRollout.isStuck(dc)).isFalse();
  }

  @Test
  void whileRollingTheNumbersSayWhatIsAwaited() {
    assertThat(
            DeploymentConfigRollout.of(dc(3, 1, 1, 2, 4, 1, 3, "ReplicationControllerUpdated"))
                .message())
        .contains("1 out of 3 new replicas have been updated");
    assertThat(
            DeploymentConfigRollout.of(dc(3, 1, 1, 2, 4, 3, 3, "ReplicationControllerUpdated"))
                .message())
        .contains("1 old replicas are pending termination");
    assertThat(
            DeploymentConfigRollout.of(dc(3, 1, 1, 2, 3, 3, 2, "ReplicationControllerUpdated"))
                .message())
        .contains("2 of 3 updated replicas are available");
    // Counts complete but the controller has not said NewReplicationControllerAvailable yet.
    assertThat(
            DeploymentConfigRollout.of(dc(3, 1, 1, 2, 3, 3, 3, "ReplicationControllerUpdated"))
                .done())
        .isFalse();
  }

  @Test
  void progressDeadlineCancelAndPauseAreStuck() {
    for (String reason :
        new String[] {"ProgressDeadlineExceeded", "RolloutCancelled", "DeploymentConfigPaused"}) {
      DeploymentConfig dc = dc(3, 1, 1, 2, 3, 1, 1, reason);
      assertThat(DeploymentConfigRollout.isStuck(dc)).as(reason).isTrue();
      assertThat(DeploymentConfigRollout.of(dc).done()).as(reason).isFalse();
      assertThat(DeploymentConfigRollout.of(dc).message()).contains(reason);
    }
    assertThat(
            DeploymentConfigRollout.isStuck(
                dc(3, 1, 1, 2, 3, 1, 1, "NewReplicationControllerCreated")))
        .isFalse();
  }

  @Test
  void neverDeployedWaitsForItsTriggerOrIsStuckWithoutOne() {
    DeploymentConfig waiting = dc(1, 1, 1, 0, 0, 0, 0, null);
    assertThat(DeploymentConfigRollout.of(waiting).done()).isFalse();
    assertThat(DeploymentConfigRollout.isStuck(waiting)).isFalse();
    DeploymentConfig manual =
        new DeploymentConfigBuilder(waiting).editSpec().withTriggers().endSpec().build();
    manual.getSpec().setTriggers(new java.util.ArrayList<>());
    assertThat(DeploymentConfigRollout.isStuck(manual)).isTrue();
  }

  private static DeploymentConfig dc(
      int replicas,
      long generation,
      long observedGeneration,
      long latestVersion,
      int statusReplicas,
      int updated,
      int available,
      String reason) {
    DeploymentConfigBuilder b =
        new DeploymentConfigBuilder()
            .withNewMetadata()
            .withName("dg")
            .withGeneration(generation)
            .endMetadata()
            .withNewSpec()
            .withReplicas(replicas)
            .addNewTrigger()
            .withType("ConfigChange")
            .endTrigger()
            .endSpec()
            .withNewStatus()
            .withObservedGeneration(observedGeneration)
            .withLatestVersion(latestVersion)
            .withReplicas(statusReplicas)
            .withUpdatedReplicas(updated)
            .withAvailableReplicas(available)
            .withReadyReplicas(available)
            .endStatus();
    if (reason != null) {
      b.editStatus()
          .addNewCondition()
          .withType("Progressing")
          .withStatus("ProgressDeadlineExceeded".equals(reason) ? "False" : "True")
          .withReason(reason)
          .withMessage("replication controller \"dg-" + latestVersion + "\"")
          .endCondition()
          .endStatus();
    }
    return b.build();
  }
}
