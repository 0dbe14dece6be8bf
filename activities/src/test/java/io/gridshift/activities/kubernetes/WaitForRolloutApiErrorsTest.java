package io.gridshift.activities.kubernetes;

import static io.gridshift.activities.kubernetes.Fixtures.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.workflows.activities.KubernetesActivities;
import io.gridshift.workflows.activities.RolloutRequest;
import io.gridshift.workflows.activities.RolloutStatus;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.FailureTypes;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** waitForRollout when the API server errs: scripted responses instead of CRUD state. */
@EnableKubernetesMockClient
class WaitForRolloutApiErrorsTest {
  private static final String PATH = "/apis/apps/v1/namespaces/demo/statefulsets/dg";
  private static final WorkloadRef DG = new WorkloadRef(CLUSTER, WorkloadKind.STATEFULSET, "dg");

  KubernetesMockServer server;
  KubernetesClient client;
  private TestActivityEnvironment environment;
  private KubernetesActivities activities;

  @BeforeEach
  void setUp() {
    environment = TestActivityEnvironment.newInstance();
    environment.registerActivitiesImplementations(
        new KubernetesActivitiesImpl(ClusterAccess.of(Fixtures.CLUSTER.cluster(), client)));
    activities =
        environment.newActivityStub(
            KubernetesActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterEach
  void tearDown() {
    environment.close();
  }

  @Test
  void anApiErrorDuringTheWaitIsRiddenOut() {
    // 401: a token being rotated; the next read carries the new one.
    server.expect().get().withPath(PATH).andReturn(401, "{}").once();
    server.expect().get().withPath(PATH).andReturn(200, doneGrid()).always();

    RolloutStatus status = activities.waitForRollout(new RolloutRequest(DG, 10));

    assertThat(status.done()).isTrue();
  }

  @Test
  void anApiErrorThatLastsEndsInATimeoutThatSaysWhy() {
    server.expect().get().withPath(PATH).andReturn(401, "{}").always();

    ActivityFailure failure =
        catchThrowableOfType(
            ActivityFailure.class, () -> activities.waitForRollout(new RolloutRequest(DG, 1)));

    ApplicationFailure cause = (ApplicationFailure) failure.getCause();
    assertThat(cause.isNonRetryable()).isTrue();
    assertThat(cause.getOriginalMessage())
        .contains("rollout not complete after 1 s: cannot read it")
        .contains("401");
  }

  @Test
  void aMissingRbacRuleEndsTheWaitAtOnceNamingTheRule() {
    server
        .expect()
        .get()
        .withPath(PATH)
        .andReturn(
            403,
            new StatusBuilder()
                .withCode(403)
                .withReason("Forbidden")
                .withMessage(
                    "statefulsets.apps \"dg\" is forbidden: User \"agent\" cannot get resource"
                        + " \"statefulsets\" in API group \"apps\" in the namespace \"demo\"")
                .build())
        .always();

    long start = System.nanoTime();
    ActivityFailure failure =
        catchThrowableOfType(
            ActivityFailure.class, () -> activities.waitForRollout(new RolloutRequest(DG, 120)));

    // Not ridden out until the wait's 120 s deadline, as a 401 or 5xx is.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
    ApplicationFailure cause = (ApplicationFailure) failure.getCause();
    assertThat(cause.isNonRetryable()).isTrue();
    assertThat(cause.getType()).isEqualTo(FailureTypes.KUBERNETES_FORBIDDEN);
    assertThat(cause.getOriginalMessage())
        .contains("refused get statefulsets in namespace demo")
        .contains("verbs: [\"get\"]");
  }

  private static StatefulSet doneGrid() {
    StatefulSet sts = Fixtures.grid("dg", "infinispan/server:15.0.21.Final", 3);
    sts.getMetadata().setGeneration(2L);
    sts.setStatus(
        new StatefulSetStatusBuilder()
            .withObservedGeneration(2L)
            .withReadyReplicas(3)
            .withUpdatedReplicas(3)
            .withCurrentRevision("dg-2")
            .withUpdateRevision("dg-2")
            .build());
    return sts;
  }
}
