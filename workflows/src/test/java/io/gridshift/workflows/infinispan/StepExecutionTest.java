package io.gridshift.workflows.infinispan;

import static io.gridshift.workflows.infinispan.InfinispanConventions.GRID_LABEL;
import static io.gridshift.workflows.infinispan.Requests.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.gridshift.workflows.activities.PartitionRequest;
import io.gridshift.workflows.activities.PodTemplatePatch;
import io.gridshift.workflows.activities.RolloutRequest;
import io.gridshift.workflows.activities.RouteRequest;
import io.gridshift.workflows.activities.ServiceSelectorRequest;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.CacheProgress;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.StepState;
import io.gridshift.workflows.common.StepStatus;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.infinispan.activities.CacheInfo;
import io.gridshift.workflows.infinispan.activities.CacheRequest;
import io.gridshift.workflows.infinispan.activities.ClusterHealthRequest;
import io.gridshift.workflows.infinispan.activities.ConnectSourceRequest;
import io.gridshift.workflows.infinispan.activities.DeployTargetRequest;
import io.gridshift.workflows.infinispan.activities.GridEndpoint;
import io.gridshift.workflows.infinispan.activities.GridInventory;
import io.gridshift.workflows.infinispan.activities.RemoteStoreConfigRequest;
import io.gridshift.workflows.infinispan.activities.SourceGrid;
import io.gridshift.workflows.infinispan.activities.SyncRequest;
import io.gridshift.workflows.infinispan.activities.SyncResult;
import io.gridshift.workflows.infinispan.activities.VerifyRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** What each step asks of the activities, in which order, and what status() reports. */
class StepExecutionTest extends WorkflowTestSupport {
  private static final GridEndpoint SOURCE = new GridEndpoint(CLUSTER, PINNED, 11222, null);
  private static final GridEndpoint TARGET_GRID = new GridEndpoint(CLUSTER, TARGET, 11222, null);
  private static final WorkloadRef TARGET_STS =
      new WorkloadRef(CLUSTER, WorkloadKind.STATEFULSET, TARGET);

  /** The fake grid's caches, which RUNTIME mode leaves out of the target's XML. */
  private static final List<String> CACHES_MADE_AT_RUN_TIME = List.of("orders", "sessions");

  @Test
  void runtimeModeRunsTheStepsInOrderWithTheRightArguments() {
    UpgradeStatus status = result(start(Requests.upgrade().allGatesAuto().build()));

    assertThat(status.phase()).isEqualTo(Phase.COMPLETED);
    CacheRequest orders = new CacheRequest(SOURCE, TARGET_GRID, "orders");
    InOrder order = inOrder(deploy, data, kube);
    order.verify(deploy).inspectSource(any());
    order.verify(data).inventory(any());
    order
        .verify(deploy)
        .deployTarget(
            new DeployTargetRequest(
                CLUSTER,
                "dg",
                TARGET,
                PINNED,
                "quay.io/infinispan/server:15.0.21.Final",
                10,
                11222,
                List.of(),
                null,
                null,
                CLAIM,
                null,
                CACHES_MADE_AT_RUN_TIME));
    order.verify(kube).waitForRollout(argThat(r -> r.workload().equals(TARGET_STS)));
    order
        .verify(data)
        .waitForClusterHealth(
            argThat(r -> r.grid().equals(TARGET_GRID) && r.expectedMembers() == 3));
    order.verify(data).copyInternalCaches(SOURCE, TARGET_GRID);
    // RUNTIME mode: connect-source creates each user cache with its remote store, once.
    verify(data, never()).createCache(any());
    order.verify(deploy).serviceHost(CLUSTER, PINNED);
    order.verify(data).connectSource(new ConnectSourceRequest(orders, "10.0.0.7", 11222, false));
    order.verify(data).probeWriteThrough(orders);
    order
        .verify(kube)
        .setServiceSelector(
            new ServiceSelectorRequest(CLUSTER, "dg", Map.of(GRID_LABEL, TARGET), CLAIM));
    order.verify(data).syncData(new SyncRequest(orders, null, null));
    order.verify(data).verify(new VerifyRequest(orders, 1000, false, true));
    order.verify(data).disconnectSource(orders);
    // After disconnect only keys are checked: client writes since then reach only the target.
    order.verify(data).verify(new VerifyRequest(orders, 0, true, false));
    order.verify(deploy).deleteGrid(argThat(r -> r.grid().equals("dg")));
    verify(data, never()).renderRemoteStoreConfigs(any());
    verify(deploy, never()).removeRemoteStores(any(), any());
    verify(kube, never()).setPartition(any());
    verify(kube, never()).setRouteService(any());
  }

  @Test
  void routeMovesWithTheServiceAndBackOnRejection() {
    SourceGrid withRoute =
        new SourceGrid(
            "dg",
            "quay.io/infinispan/server:14.0.28.Final",
            "14.0.28.Final",
            3,
            3,
            30,
            "dg-config",
            SOURCE_SELECTOR,
            "dg",
            SOURCE_SELECTOR,
            true,
            "dg-route",
            "dg",
            null);
    grid.setSource(withRoute);
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().route("dg-route").build());
    approve(stub, InfinispanGates.SWITCH_TRAFFIC, "bob");
    awaitGate(stub, InfinispanGates.CUTOVER);

    stub.reject(
        new io.gridshift.workflows.common.GateDecision(InfinispanGates.CUTOVER, "bob", "no"));
    failure(stub);

    InOrder order = inOrder(kube);
    order.verify(kube).setRouteService(new RouteRequest(CLUSTER, "dg-route", TARGET, CLAIM));
    order
        .verify(kube)
        .setServiceSelector(new ServiceSelectorRequest(CLUSTER, "dg", SOURCE_SELECTOR, CLAIM));
    order.verify(kube).setRouteService(new RouteRequest(CLUSTER, "dg-route", "dg", CLAIM));
    verify(deploy).deployTarget(argThat(r -> r.minReadySeconds() == 30));
  }

  @Test
  void configModeWritesRemoteStoresThenRollsTheTargetPodByPodHighestFirst() {
    UpgradeStatus status =
        result(start(Requests.upgrade().allGatesAuto().mode(ConnectionMode.CONFIG).build()));

    assertThat(status.phase()).isEqualTo(Phase.COMPLETED);
    verify(data)
        .renderRemoteStoreConfigs(
            new RemoteStoreConfigRequest(
                new GridEndpoint(CLUSTER, "dg", 11222, null),
                List.of("orders", "sessions"),
                InfinispanConventions.SOURCE_HOST_PLACEHOLDER,
                11222));
    verify(deploy)
        .deployTarget(
            argThat(
                r ->
                    r.remoteStoreCaches().equals(List.of("orders", "sessions"))
                        && r.cacheConfigsXml().equals("<distributed-cache name=\"orders\"/>")));
    verify(data, times(2)).connectSource(argThat(ConnectSourceRequest::configured));
    // The configuration made the caches; create-caches only checks they are there.
    verify(data, times(2)).createCache(any());

    InOrder order = inOrder(deploy, kube, data);
    order.verify(deploy).removeRemoteStores(CLUSTER, TARGET);
    order.verify(kube).setPartition(new PartitionRequest(TARGET_STS, 3, CLAIM));
    order
        .verify(kube)
        .patchPodTemplate(
            argThat(
                (PodTemplatePatch p) ->
                    p.workload().equals(TARGET_STS)
                        && p.image() == null
                        && p.annotations().containsKey("gridshift.io/restartedAt")));
    for (int ordinal = 2; ordinal >= 0; ordinal--) {
      order.verify(kube).setPartition(new PartitionRequest(TARGET_STS, ordinal, CLAIM));
      order.verify(kube).waitForRollout(any(RolloutRequest.class));
      order.verify(data).waitForClusterHealth(new ClusterHealthRequest(TARGET_GRID, 3, 600));
    }
    // After the roll, the per-cache disconnect (a no-op on the store) removes leftover probes.
    order.verify(data, times(2)).disconnectSource(any());
    order.verify(data, times(2)).verify(argThat(VerifyRequest::fullKeyCheck));
    verify(kube, times(4)).setPartition(any());
    verify(kube, times(1)).patchPodTemplate(any());
    assertThat(status.details(InfinispanDetails.class).caches())
        .extracting(CacheProgress::state)
        .containsOnly("VERIFIED");
  }

  /**
   * A DeploymentConfig grid (issue 16): the target is a DeploymentConfig too; with no partition,
   * CONFIG mode's restart is one template change rolled by the target's strategy, then the rollout
   * wait and a whole cluster view; the claims name DeploymentConfigs; the source is deleted.
   */
  @Test
  void aDeploymentConfigGridRollsItsTargetByItsStrategyInConfigMode() {
    SourceGrid dc =
        new SourceGrid(
            "dg",
            "quay.io/infinispan/server:14.0.28.Final",
            "14.0.28.Final",
            3,
            3,
            30,
            "dg-config",
            SOURCE_SELECTOR,
            "dg",
            SOURCE_SELECTOR,
            true,
            null,
            null,
            null,
            WorkloadKind.DEPLOYMENT_CONFIG);
    grid.setSource(dc);
    WorkloadRef targetDc = new WorkloadRef(CLUSTER, WorkloadKind.DEPLOYMENT_CONFIG, TARGET);

    UpgradeStatus status =
        result(start(Requests.upgrade().allGatesAuto().mode(ConnectionMode.CONFIG).build()));

    assertThat(status.phase()).as(status.message()).isEqualTo(Phase.COMPLETED);
    InOrder order = inOrder(deploy, kube, data);
    order.verify(deploy).removeRemoteStores(CLUSTER, TARGET);
    order
        .verify(kube)
        .patchPodTemplate(
            argThat(
                (PodTemplatePatch p) ->
                    p.workload().equals(targetDc)
                        && p.annotations().containsKey("gridshift.io/restartedAt")));
    order.verify(kube).waitForRollout(argThat((RolloutRequest r) -> r.workload().equals(targetDc)));
    order.verify(data).waitForClusterHealth(new ClusterHealthRequest(TARGET_GRID, 3, 600));
    order.verify(deploy).deleteGrid(argThat(r -> r.grid().equals("dg")));
    verify(kube, never()).setPartition(any());
    verify(kube, never())
        .waitForRollout(argThat((RolloutRequest r) -> r.workload().equals(TARGET_STS)));
    verify(kube, atLeastOnce())
        .claim(
            argThat(
                r ->
                    r.objects()
                        .contains(
                            new io.gridshift.workflows.activities.ClaimedObject(
                                io.gridshift.workflows.activities.ClaimedObject.Kind
                                    .DEPLOYMENT_CONFIG,
                                "dg"))));
  }

  @Test
  void parallelSyncHonoursParallelCaches() {
    plainCaches("a", "b", "c", "d");
    Overlap sync = new Overlap();
    doAnswer(
            i ->
                sync.during(
                    300,
                    () -> new SyncResult(i.<SyncRequest>getArgument(0).cache().cache(), 10, 300)))
        .when(data)
        .syncData(any());

    UpgradeStatus status =
        result(start(Requests.upgrade().allGatesAuto().sync(new SyncOptions(1000, 16, 2)).build()));

    assertThat(sync.most()).isEqualTo(2);
    verify(data, times(4)).syncData(argThat(r -> r.readBatch() == 1000 && r.threads() == 16));
    assertThat(status.details(InfinispanDetails.class).caches())
        .extracting(CacheProgress::synchronizedEntries)
        .containsOnly(10L);
  }

  @Test
  void lightPerCacheStepsRunUpToFourCachesAtOnceWithResultsInCacheOrder() {
    plainCaches("a", "b", "c", "d", "e", "f");
    Overlap connect = new Overlap();
    doAnswer(i -> connect.during(300, () -> null)).when(data).connectSource(any());

    UpgradeStatus status = result(start(Requests.upgrade().allGatesAuto().build()));

    assertThat(status.phase()).isEqualTo(Phase.COMPLETED);
    assertThat(connect.most()).isEqualTo(PerCache.PARALLELISM);
    verify(data, times(6)).connectSource(any());
    assertThat(status.details(InfinispanDetails.class).caches())
        .extracting(CacheProgress::name)
        .containsExactly("a", "b", "c", "d", "e", "f");
  }

  @Test
  void oneCacheAtATimeByDefault() {
    Overlap sync = new Overlap();
    doAnswer(
            i ->
                sync.during(
                    150, () -> new SyncResult(i.<SyncRequest>getArgument(0).cache().cache(), 1, 1)))
        .when(data)
        .syncData(any());

    result(start(Requests.upgrade().allGatesAuto().build()));

    assertThat(sync.most()).isEqualTo(1);
  }

  /** The source holds these unencoded caches. */
  private void plainCaches(String... names) {
    List<CacheInfo> caches = new ArrayList<>();
    for (String name : names) {
      caches.add(new CacheInfo(name, 10, null, false));
    }
    grid.setInventory(new GridInventory(caches, List.of(), 3, null));
  }

  /** Counts how many calls of an activity run at the same time. */
  private static final class Overlap {
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();

    /** Runs as one call that takes {@code millis}, then answers {@code result}. */
    <T> T during(long millis, Supplier<T> result) {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      sleep(millis);
      running.decrementAndGet();
      return result.get();
    }

    int most() {
      return most.get();
    }
  }

  @Test
  void statusReportsStepsCachesAuditAndPlan() {
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().build());
    UpgradeStatus atGate = awaitGate(stub, InfinispanGates.SWITCH_TRAFFIC);

    assertThat(atGate.workflowId()).isEqualTo("infinispan-upgrade-test-apps-dg");
    assertThat(atGate.kind()).isEqualTo("infinispan");
    assertThat(atGate.phase()).isEqualTo(Phase.WAITING_APPROVAL);
    assertThat(atGate.currentStep()).isEqualTo(InfinispanSteps.GATE_SWITCH_TRAFFIC);
    assertThat(atGate.steps()).extracting(StepStatus::name).isEqualTo(InfinispanSteps.ALL);
    assertThat(atGate.steps().subList(0, 5))
        .allSatisfy(
            s -> {
              assertThat(s.state()).isEqualTo(StepState.SUCCEEDED);
              assertThat(s.attempts()).isEqualTo(1);
              assertThat(Instant.parse(s.startedAt()))
                  .isBeforeOrEqualTo(Instant.parse(s.endedAt()));
            });
    // Every cache passed the write-through probe: nothing moves with writes paused.
    assertThat(atGate.steps().subList(5, 7))
        .extracting(StepStatus::name, StepStatus::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                InfinispanSteps.GATE_WRITES_PAUSED_FOR_SYNC, StepState.SKIPPED),
            org.assertj.core.groups.Tuple.tuple(
                InfinispanSteps.SYNC_PAUSED_CACHES, StepState.SKIPPED));
    StepStatus gate = atGate.steps().get(7);
    assertThat(gate.name()).isEqualTo(InfinispanSteps.GATE_SWITCH_TRAFFIC);
    assertThat(gate.state()).isEqualTo(StepState.WAITING_APPROVAL);
    assertThat(gate.endedAt()).isNull();
    assertThat(atGate.steps().subList(8, atGate.steps().size()))
        .allSatisfy(
            s -> {
              assertThat(s.state()).isEqualTo(StepState.PENDING);
              assertThat(s.startedAt()).isNull();
              assertThat(s.attempts()).isZero();
            });
    assertThat(atGate.openGate().onTimeout())
        .isEqualTo(io.gridshift.workflows.common.GatePolicy.TimeoutAction.ABORT);
    assertThat(Instant.parse(atGate.openGate().deadline()))
        .isEqualTo(Instant.parse(atGate.openGate().openedAt()).plusSeconds(24 * 3600));
    assertThat(atGate.details(InfinispanDetails.class).caches())
        .extracting(CacheProgress::name, CacheProgress::state, CacheProgress::sourceEntries)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("orders", "PROBED", 1000L),
            org.assertj.core.groups.Tuple.tuple("sessions", "PROBED", 500L));
    assertThat(atGate.audit()).hasSize(1);
    assertThat(atGate.audit().get(0).action())
        .isEqualTo(io.gridshift.workflows.common.AuditEntry.Action.GATE_OPENED);
    assertThat(atGate.details(InfinispanDetails.class).plan()).isNotNull();
    assertThat(atGate.message()).contains("upgrade grid dg 14.0.28.Final -> 15.0.21.Final");

    approve(stub, InfinispanGates.SWITCH_TRAFFIC, "bob");
    approve(stub, InfinispanGates.CUTOVER, "bob");
    approve(stub, InfinispanGates.DELETE_SOURCE, "bob");
    UpgradeStatus done = result(stub);

    assertThat(done.openGate()).isNull();
    assertThat(done.currentStep()).isEqualTo(InfinispanSteps.DELETE_SOURCE);
    assertThat(done.message()).contains("the source was deleted");
    assertThat(done.details(InfinispanDetails.class).caches())
        .extracting(
            CacheProgress::state, CacheProgress::synchronizedEntries, CacheProgress::missingKeys)
        .containsOnly(org.assertj.core.groups.Tuple.tuple("VERIFIED", 100L, 0L));
    assertThat(done.audit())
        .allSatisfy(e -> assertThat(Instant.parse(e.at())).isNotNull())
        .extracting(e -> e.action().name())
        .containsExactly(
            "GATE_OPENED", "APPROVED", "GATE_OPENED", "APPROVED", "GATE_OPENED", "APPROVED");
    assertThat(GateOutcomesTest.step(done, InfinispanSteps.GATE_CUTOVER).message())
        .isEqualTo("approved by bob: looks good");
  }
}
