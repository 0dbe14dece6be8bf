package io.gridshift.workflows.infinispan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.Ownership;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.StepState;
import io.gridshift.workflows.common.StepStatus;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.common.WorkloadOwner;
import io.gridshift.workflows.infinispan.activities.CacheInfo;
import io.gridshift.workflows.infinispan.activities.GridEndpoint;
import io.gridshift.workflows.infinispan.activities.InspectSourceRequest;
import io.gridshift.workflows.infinispan.activities.SourceGrid;
import io.gridshift.workflows.request.InfinispanUpgradeRequest;
import io.gridshift.workflows.testing.FakeInfinispanGrid;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plan step through the workflow: what it refuses (a grid Helm manages among others), that a
 * dry run changes nothing, and that a take-over proceeds, audited.
 */
class PlanStepTest extends WorkflowTestSupport {

  @Test
  void dryRunReturnsThePlanAndTouchesNothing() {
    UpgradeStatus status = result(start(Requests.upgrade().dryRun().build()));

    assertThat(status.phase()).isEqualTo(Phase.PLANNED);
    assertThat(status.details(InfinispanDetails.class).plan()).isNotNull();
    assertThat(status.steps().get(0).state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(status.steps().subList(1, status.steps().size()))
        .extracting(StepStatus::state)
        .containsOnly(StepState.SKIPPED);
    assertThat(status.details(InfinispanDetails.class).caches())
        .extracting(c -> c.name())
        .containsExactly("orders", "sessions");
    assertThat(status.message())
        .startsWith("dry run: upgrade grid dg 14.0.28.Final -> 15.0.21.Final");
    verify(deploy)
        .inspectSource(new InspectSourceRequest(Requests.CLUSTER, "dg", "dg", null, TARGET, CLAIM));
    verify(data).inventory(new GridEndpoint(Requests.CLUSTER, "dg", 11222, null));
    verifyNoMoreInteractions(deploy, data, kube);
  }

  @Test
  void dryRunPlanDescribesTheTarget() {
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().dryRun().build());
    result(stub);

    // The plan comes back as JSON through the query, inside the kind's typed details.
    InfinispanPlan plan =
        io.temporal.client.WorkflowStub.fromTyped(stub)
            .query("status", UpgradeStatus.class)
            .details(InfinispanDetails.class)
            .plan();
    assertThat(plan.targetGrid()).isEqualTo(TARGET);
    assertThat(plan.sourceService()).isEqualTo(PINNED);
    assertThat(plan.targetImage()).isEqualTo("quay.io/infinispan/server:15.0.21.Final");
    assertThat(plan.minReadySeconds()).isEqualTo(InfinispanPlanner.DEFAULT_MIN_READY_SECONDS);
    assertThat(plan.replicas()).isEqualTo(3);
    assertThat(plan.connectionMode()).isEqualTo(ConnectionMode.RUNTIME);
    // Left out, the mode comes from the shipped matrix, and the plan says why.
    assertThat(plan.connectionModeReason())
        .startsWith("RUNTIME, chosen: measured usable for 14.0 -> 15.0");
    assertThat(plan.caches()).extracting(CacheInfo::name).containsExactly("orders", "sessions");
    assertThat(plan.schemas()).containsExactly("orders.proto");
    assertThat(plan.steps()).isEqualTo(InfinispanSteps.ALL);
    assertThat(plan.warnings()).anyMatch(w -> w.contains("'orders' is encoded"));
  }

  /** The status with its plan typed (UpgradeStatus declares it as Object). */
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
  @Test
  void invalidRequestListsEveryProblemAndCallsNoActivity() {
    InfinispanUpgradeRequest bad =
        new InfinispanUpgradeRequest(
            new ClusterRef("Bad_Cluster", null),
            null,
            "latest",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            70000,
            new SyncOptions(0, null, 100),
            null,
            null,
            Map.of("coffee-break", GatePolicy.required()),
            null,
            "alice",
            null,
            null);
    InfinispanUpgradeWorkflow stub =
        client.newWorkflowStub(
            InfinispanUpgradeWorkflow.class,
            io.temporal.client.WorkflowOptions.newBuilder()
                .setWorkflowId("invalid-request")
                .setTaskQueue(TaskQueues.WORKFLOWS)
                .build());
    io.temporal.client.WorkflowClient.start(stub::upgrade, bad);

    ApplicationFailure failure = failure(stub);

    assertThat(failure.getType()).isEqualTo(FailureTypes.INVALID_REQUEST);
    assertThat(failure.getOriginalMessage())
        .contains("cluster.cluster 'Bad_Cluster' must be a DNS label")
        .contains("grid is required")
        .contains("targetVersion 'latest' is not an Infinispan version")
        .contains("port 70000")
        .contains("sync.readBatch 0")
        .contains("sync.parallelCaches 100")
        .contains("unknown gate 'coffee-break'")
        .contains("Nothing was changed");
    assertThat(stub.status().phase()).isEqualTo(Phase.FAILED);
    verifyNoInteractions(deploy, data, kube);
  }

  @Test
  void unknownCacheIsRefusedNamingTheCachesThatExist() {
    ApplicationFailure failure =
        failure(start(Requests.upgrade().caches("orders", "invoices").build()));

    assertThat(failure.getType()).isEqualTo(FailureTypes.CACHE_NOT_FOUND);
    assertThat(failure.getOriginalMessage())
        .contains("caches [invoices] not found on grid dg")
        .contains("its caches are [orders, sessions]");
    verify(deploy, org.mockito.Mockito.never()).deployTarget(any());
  }

  /** The server's answer wins over the image tag; the plan names both. */
  @Test
  void theServersVersionWinsOverTheImageTagAndThePlanWarns() {
    grid.setInventory(serverSays("Infinispan 'Flying Saucer' 14.0.27.Final"));

    UpgradeStatus status = result(start(Requests.upgrade().dryRun().build()));

    assertThat(status.message()).startsWith("dry run: upgrade grid dg 14.0.27.Final -> ");
    InfinispanPlan plan = status.details(InfinispanDetails.class).plan();
    assertThat(plan.sourceVersion()).isEqualTo("14.0.27.Final");
    assertThat(plan.warnings().get(0))
        .contains("says 14.0.28.Final")
        .contains("Infinispan 'Flying Saucer' 14.0.27.Final")
        .contains("goes by the server");
  }

  /**
   * The upgrade path is looked up with what the server runs: a 15.0.21 server behind a 14.0.28 tag
   * cannot go to 15.0.21, and the refusal names the server's version.
   */
  @Test
  void theUpgradePathIsJudgedByWhatTheServerRuns() {
    grid.setInventory(serverSays("Infinispan 'I'm Still Standing' 15.0.21.Final"));

    ApplicationFailure failure = failure(start(Requests.upgrade().build()));

    assertThat(failure.getType()).isEqualTo(FailureTypes.UNSUPPORTED_VERSION);
    assertThat(failure.getOriginalMessage()).contains("runs 15.0.21.Final");
    verifyOnlyReadsHappened();
  }

  private static io.gridshift.workflows.infinispan.activities.GridInventory serverSays(
      String text) {
    io.gridshift.workflows.infinispan.activities.GridInventory usual =
        FakeInfinispanGrid.inventory();
    return new io.gridshift.workflows.infinispan.activities.GridInventory(
        usual.caches(), usual.schemas(), usual.members(), text);
  }

  @Test
  void targetVersionNotNewerIsRefused() {
    ApplicationFailure failure =
        failure(start(Requests.upgrade().targetVersion("14.0.28.Final").build()));

    assertThat(failure.getType()).isEqualTo(FailureTypes.UNSUPPORTED_VERSION);
    assertThat(failure.getOriginalMessage()).contains("is not newer than the running");
    verifyOnlyReadsHappened();
  }

  @Test
  void untestedTargetFamilyIsRefused() {
    ApplicationFailure failure = failure(start(Requests.upgrade().targetVersion("16.0.7").build()));

    assertThat(failure.getType()).isEqualTo(FailureTypes.UNSUPPORTED_VERSION);
    assertThat(failure.getOriginalMessage()).contains("16.0.7 is not a supported target");
    verifyOnlyReadsHappened();
  }

  @Test
  void gridThatIsNotWholeIsRefused() {
    grid.setSource(FakeInfinispanGrid.sourceGrid("dg", "14.0.28.Final", 3, 2));

    ApplicationFailure failure = failure(start(Requests.upgrade().build()));

    assertThat(failure.getType()).isEqualTo(FailureTypes.UNSAFE_CONFIGURATION);
    assertThat(failure.getOriginalMessage()).contains("is not whole: 2 of 3 pods ready");
    verifyOnlyReadsHappened();
  }

  @Test
  void gridNotFoundKeepsTheActivitysTypeAndMessage() {
    doThrow(
            ApplicationFailure.newNonRetryableFailure(
                "StatefulSet apps/dg not found; check the grid name", FailureTypes.GRID_NOT_FOUND))
        .when(deploy)
        .inspectSource(any());

    ApplicationFailure failure = failure(start(Requests.upgrade().build()));

    assertThat(failure.getType()).isEqualTo(FailureTypes.GRID_NOT_FOUND);
    assertThat(failure.getOriginalMessage())
        .contains("plan failed: StatefulSet apps/dg not found; check the grid name")
        .contains("Nothing was changed");
    verifyNoInteractions(kube);
  }

  @Test
  void aHelmManagedGridIsRefusedInThePlanAndNothingChanges() {
    grid.setSource(ownedByHelm());

    ApplicationFailure failure = failure(start(Requests.upgrade().allGatesAuto().build()));

    assertThat(failure.getType()).isEqualTo(FailureTypes.OWNED_BY_ANOTHER_TOOL);
    assertThat(failure.getOriginalMessage())
        .contains("StatefulSet apps/dg is managed by Helm (Helm release apps/grids;")
        .contains("helm upgrade for Helm release apps/grids")
        .contains("\"ownership\": \"TAKE_OVER\"")
        .contains("Nothing was changed");
    verifyOnlyReadsHappened();
    assertThat(grid.changes).isEmpty();
  }

  @Test
  void aDryRunOfAHelmManagedGridShowsTheRefusal() {
    grid.setSource(ownedByHelm());

    ApplicationFailure failure = failure(start(Requests.upgrade().dryRun().build()));

    assertThat(failure.getType()).isEqualTo(FailureTypes.OWNED_BY_ANOTHER_TOOL);
    verifyOnlyReadsHappened();
  }

  @Test
  void takeOverUpgradesTheHelmManagedGridAndTheAuditSaysWhoTookWhatFromWhom() {
    grid.setSource(ownedByHelm());

    UpgradeStatus status =
        result(start(Requests.upgrade().allGatesAuto().ownership(Ownership.TAKE_OVER).build()));

    assertThat(status.phase()).isEqualTo(Phase.COMPLETED);
    assertThat(status.audit())
        .filteredOn(e -> e.action() == AuditEntry.Action.TOOK_OVER)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.by()).isEqualTo("alice");
              assertThat(e.gate()).isEqualTo("dg");
              assertThat(e.comment())
                  .startsWith("alice took StatefulSet apps/dg over from Helm (Helm release")
                  .contains("label app.kubernetes.io/managed-by=Helm");
            });
    assertThat(status.details(InfinispanDetails.class).plan().warnings())
        .anyMatch(w -> w.startsWith("alice took StatefulSet apps/dg over from Helm"));
    verify(deploy).deployTarget(any());
  }

  private static SourceGrid ownedByHelm() {
    SourceGrid healthy = FakeInfinispanGrid.sourceGrid("dg", "14.0.28.Final", 3, 3);
    return new SourceGrid(
        healthy.name(),
        healthy.image(),
        healthy.version(),
        healthy.replicas(),
        healthy.readyReplicas(),
        healthy.minReadySeconds(),
        healthy.configMap(),
        healthy.podSelector(),
        healthy.service(),
        healthy.serviceSelector(),
        healthy.serviceExists(),
        healthy.route(),
        healthy.routeService(),
        new WorkloadOwner(
            WorkloadOwner.Type.HELM,
            "Helm",
            "StatefulSet apps/dg",
            "Helm release apps/grids",
            "label app.kubernetes.io/managed-by=Helm"));
  }

  private void verifyOnlyReadsHappened() {
    verify(deploy).inspectSource(any());
    verifyNoMoreInteractions(deploy, kube);
    verify(data, org.mockito.Mockito.atMost(1)).inventory(any());
    verifyNoMoreInteractions(data);
  }
}
