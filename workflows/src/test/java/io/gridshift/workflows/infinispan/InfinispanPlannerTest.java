package io.gridshift.workflows.infinispan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.RequestProblems;
import io.gridshift.workflows.common.UpgradeStop;
import io.gridshift.workflows.infinispan.activities.CacheInfo;
import io.gridshift.workflows.infinispan.activities.SourceGrid;
import io.gridshift.workflows.request.InfinispanUpgradeRequest;
import io.gridshift.workflows.testing.FakeInfinispanGrid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plan's pure decisions, without Temporal. */
class InfinispanPlannerTest {
  private static final Map<String, String> SELECTOR = Map.of("app", "dg");

  @Test
  void emptyRequestIsInvalid() {
    UpgradeStop stop = refusal(() -> RequestProblems.validated(null));

    assertThat(stop.type()).isEqualTo(FailureTypes.INVALID_REQUEST);
    assertThat(stop.phase()).isEqualTo(Phase.FAILED);
    assertThat(stop.getMessage()).contains("the request is empty");
  }

  @Test
  void nullCacheNameIsInvalidNotACrash() {
    Requests r = Requests.upgrade();
    r.caches = new ArrayList<>(Arrays.asList("orders", null));

    UpgradeStop stop = refusal(() -> RequestProblems.validated(r.build()));

    assertThat(stop.type()).isEqualTo(FailureTypes.INVALID_REQUEST);
    assertThat(stop.getMessage()).contains("caches must not contain an empty name");
  }

  @Test
  void validRequestComesBackWithDefaults() {
    InfinispanUpgradeRequest request = RequestProblems.validated(Requests.upgrade().build());

    assertThat(request.targetGrid()).isEqualTo("dg-15-0-21");
    assertThat(request.service()).isEqualTo("dg");
    assertThat(request.gates()).containsOnlyKeys(InfinispanGates.ALL);
    assertThat(request.gates().get(InfinispanGates.WRITES_PAUSED).approval())
        .isEqualTo(GatePolicy.Approval.REQUIRED);
    assertThat(request.protostream()).isEqualTo(ProtostreamHandling.REFUSE);
  }

  @Test
  void cachesLeftOutAreNamedAsLostWhenTheSourceIsDeleted() {
    SourceGrid source = source("14.0.28.Final", 3, 3);
    Requests onlySessions = Requests.upgrade();
    onlySessions.caches = List.of("sessions");

    assertThat(plan(RequestProblems.validated(onlySessions.build()), source).warnings())
        .anyMatch(w -> w.contains("caches [orders] are not migrated") && w.contains("lost"));
    assertThat(plan(request(), source).warnings()).noneMatch(w -> w.contains("not migrated"));
  }

  /** A Data Grid image is tagged 1.4 or 8.4.6: the target image cannot be derived from it. */
  @Test
  void aDataGridSourceNeedsTheTargetImageNamed() {
    SourceGrid dataGrid =
        new SourceGrid(
            "dg",
            "registry.redhat.io/datagrid/datagrid-8-rhel8:1.4",
            "14.0.x",
            3,
            3,
            0,
            null,
            SELECTOR,
            "dg",
            SELECTOR,
            true,
            null,
            null);
    InfinispanUpgradeRequest request = RequestProblems.validated(Requests.upgrade().build());

    UpgradeStop stop =
        refusal(() -> InfinispanPlanner.requireTargetImageForDataGrid(request, dataGrid));

    assertThat(stop.type()).isEqualTo(FailureTypes.INVALID_REQUEST);
    assertThat(stop.getMessage())
        .contains("runs the Data Grid image registry.redhat.io/datagrid/datagrid-8-rhel8:1.4")
        .contains("set targetImage")
        .contains("Data Grid 8.5 ships Infinispan 15.0");
    InfinispanPlanner.requireTargetImageForDataGrid(request, source("14.0.28.Final", 3, 3));
  }

  @Test
  void protostreamWarningSaysWhatAFailedProbeLeadsTo() {
    SourceGrid source = source("14.0.28.Final", 3, 3);
    Requests pause = Requests.upgrade().protostream(ProtostreamHandling.PAUSE_WRITES);

    assertThat(plan(request(), source).warnings())
        .anyMatch(
            w ->
                w.contains("'orders' is encoded")
                    && w.contains("set \"protostream\": \"PAUSE_WRITES\""));
    assertThat(plan(RequestProblems.validated(pause.build()), source).warnings())
        .anyMatch(w -> w.contains("gate 'writes-paused' asks for client writes"))
        .noneMatch(w -> w.contains("is AUTO"));
    assertThat(
            plan(
                    RequestProblems.validated(
                        pause.gate(InfinispanGates.WRITES_PAUSED, GatePolicy.auto()).build()),
                    source)
                .warnings())
        .anyMatch(w -> w.contains("gate 'writes-paused' is AUTO: nobody is asked"));
    // With CONFIG there is no plan: the request's validation refuses the pair.
    assertThat(pause.mode(ConnectionMode.CONFIG).build().withDefaults().problems())
        .anyMatch(p -> p.contains("protostream PAUSE_WRITES needs connectionMode RUNTIME"));
  }

  @Test
  void runtimeModeNeedsASourceWithTheSourceConnectionApi() {
    SourceGrid old = source("12.1.11.Final", 3, 3);
    InfinispanUpgradeRequest runtime =
        RequestProblems.validated(Requests.upgrade().mode(ConnectionMode.RUNTIME).build());
    UpgradeStop stop = refusal(() -> InfinispanPlanner.checkPath(runtime, old, path(runtime, old)));

    assertThat(stop.type()).isEqualTo(FailureTypes.UNSUPPORTED_VERSION);
    assertThat(stop.getMessage())
        .startsWith("grid dg runs 12.1.11.Final: it has no runtime source-connection API")
        .contains("set connectionMode CONFIG");
    // Left out, CONFIG mode is chosen: the way for such a source.
    assertThat(plan(request(), old).connectionMode()).isEqualTo(ConnectionMode.CONFIG);
  }

  @Test
  void aSourceBefore13IsRefusedEvenOnAUsablePathItsConfigurationCannotStartTheTarget() {
    InfinispanUpgradeRequest request = RequestProblems.validated(Requests.upgrade().build());
    UpgradeStop stop =
        refusal(
            () ->
                InfinispanPlanner.checkPath(
                    request, "12.1.12.Final", PathChoice.asBefore(ConnectionMode.RUNTIME)));

    assertThat(stop.type()).isEqualTo(FailureTypes.UNSUPPORTED_VERSION);
    assertThat(stop.getMessage())
        .startsWith("grid dg runs 12.1.12.Final: the target would start from a copy")
        .contains("socket-binding");
  }

  @Test
  void theRulesBeforeTheMatrixStillHoldForRecordedHistories() {
    // Left out meant RUNTIME, refused on a 12.1 source; 16.x was never a target.
    UpgradeStop runtime =
        refusal(
            () ->
                InfinispanPlanner.checkVersionsAsBefore(request(), source("12.1.11.Final", 3, 3)));
    InfinispanUpgradeRequest to16 =
        RequestProblems.validated(Requests.upgrade().targetVersion("16.0.7").build());
    UpgradeStop sixteen =
        refusal(() -> InfinispanPlanner.checkVersionsAsBefore(to16, source("15.2.6.Final", 3, 3)));

    assertThat(runtime.getMessage()).contains("set connectionMode CONFIG");
    assertThat(sixteen.getMessage()).contains("16.0.7 is not a supported target");
    assertThat(PathChoice.asBefore(null).mode()).isEqualTo(ConnectionMode.RUNTIME);
  }

  @Test
  void writeThroughFailuresTheMatrixMeasuredArePredictedPerCache() {
    InfinispanPlan plan = plan(request(), source("14.0.28.Final", 3, 3));

    assertThat(plan.warnings())
        .anyMatch(
            w ->
                w.startsWith(
                        "cache 'orders' is encoded application/x-protostream: measured for"
                            + " 14.0 -> 15.0 in RUNTIME mode, a write through the target is lost")
                    && w.contains("ISPN-90001")
                    && w.contains("set \"protostream\": \"PAUSE_WRITES\""))
        // sessions declares no encoding, measured PASS: nothing to say.
        .noneMatch(w -> w.contains("'sessions'"));
    // 14.0 -> 15.2 goes in CONFIG mode, where protostream writes pass: no warning at all.
    InfinispanUpgradeRequest to152 =
        RequestProblems.validated(Requests.upgrade().targetVersion("15.2.6.Final").build());
    InfinispanPlan config = plan(to152, source("14.0.28.Final", 3, 3));
    assertThat(config.connectionMode()).isEqualTo(ConnectionMode.CONFIG);
    assertThat(config.warnings()).noneMatch(w -> w.contains("'orders'"));
    // Not measured: the hazard is still named for protostream caches.
    InfinispanUpgradeRequest to151 =
        RequestProblems.validated(Requests.upgrade().targetVersion("15.1.7.Final").build());
    assertThat(plan(to151, source("14.0.28.Final", 3, 3)).warnings())
        .anyMatch(w -> w.startsWith("not measured: Infinispan 14.0 -> 15.1"))
        .anyMatch(w -> w.contains("'orders' is encoded") && w.contains("on some targets"));
  }

  @Test
  void missingServiceOrRouteIsInvalid() {
    SourceGrid noService =
        new SourceGrid(
            "dg",
            "img:14.0.28.Final",
            "14.0.28.Final",
            3,
            3,
            0,
            null,
            SELECTOR,
            "dg",
            Map.of(),
            false,
            null,
            null,
            null);
    UpgradeStop service = refusal(() -> InfinispanPlanner.checkSource(request(), noService));
    UpgradeStop route =
        refusal(
            () ->
                InfinispanPlanner.checkSource(
                    RequestProblems.validated(Requests.upgrade().route("dg-route").build()),
                    source("14.0.28.Final", 3, 3)));

    assertThat(service.type()).isEqualTo(FailureTypes.INVALID_REQUEST);
    assertThat(service.getMessage()).contains("Service 'dg' not found in namespace apps");
    assertThat(route.getMessage()).contains("Route 'dg-route' not found in namespace apps");
  }

  @Test
  void gridScaledToZeroIsNotWhole() {
    UpgradeStop stop =
        refusal(() -> InfinispanPlanner.checkSource(request(), source("14.0.28.Final", 0, 0)));

    assertThat(stop.type()).isEqualTo(FailureTypes.UNSAFE_CONFIGURATION);
    assertThat(stop.getMessage()).contains("not whole: 0 of 0 pods ready");
  }

  @Test
  void internalCachesAreNeverMigratedAsUserCaches() {
    Requests r = Requests.upgrade().caches("___protobuf_metadata");

    UpgradeStop stop =
        refusal(() -> plan(RequestProblems.validated(r.build()), source("14.0.28.Final", 3, 3)));

    assertThat(stop.type()).isEqualTo(FailureTypes.CACHE_NOT_FOUND);
  }

  @Test
  void requestedCachesKeepTheirOrderAndDuplicatesCollapse() {
    InfinispanPlan plan =
        plan(
            RequestProblems.validated(
                Requests.upgrade().caches("sessions", "orders", "sessions").build()),
            source("14.0.28.Final", 3, 3));

    assertThat(plan.caches()).extracting(CacheInfo::name).containsExactly("sessions", "orders");
  }

  @Test
  void minReadySecondsComesFromTheRequestThenTheSourceThenTheDefault() {
    SourceGrid withMinReady =
        new SourceGrid(
            "dg",
            "img:14.0.28.Final",
            "14.0.28.Final",
            3,
            3,
            45,
            null,
            SELECTOR,
            "dg",
            SELECTOR,
            true,
            null,
            null,
            null);
    InfinispanUpgradeRequest explicit =
        new InfinispanUpgradeRequest(
                Requests.CLUSTER,
                "dg",
                "15.0.21.Final",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                60,
                null,
                null,
                null,
                null,
                null)
            .withDefaults();

    assertThat(plan(explicit, withMinReady).minReadySeconds()).isEqualTo(60);
    assertThat(plan(request(), withMinReady).minReadySeconds()).isEqualTo(45);
    assertThat(plan(request(), withMinReady).warnings()).noneMatch(w -> w.contains("minReady"));
    assertThat(plan(request(), source("14.0.28.Final", 3, 3)).minReadySeconds()).isEqualTo(10);
  }

  @Test
  void summaryNamesVersionsCachesAndMode() {
    String summary = InfinispanPlanner.summary(plan(request(), source("14.0.28.Final", 3, 3)));

    assertThat(summary)
        .isEqualTo(
            "upgrade grid dg 14.0.28.Final -> 15.0.21.Final as dg-15-0-21 (3 pods, 2 caches,"
                + " 1500 entries); connection RUNTIME, chosen: measured usable for 14.0 -> 15.0"
                + " (upgrade-path matrix of 2026-01-02)");
  }

  private static InfinispanPlan plan(InfinispanUpgradeRequest request, SourceGrid source) {
    return InfinispanPlanner.plan(
        request, source, FakeInfinispanGrid.inventory(), path(request, source));
  }

  /** The path from the test matrix (the shipped one changes when the bench re-runs). */
  private static PathChoice path(InfinispanUpgradeRequest request, SourceGrid source) {
    return TestPaths.forRequest(request, source);
  }

  private static InfinispanUpgradeRequest request() {
    return RequestProblems.validated(Requests.upgrade().build());
  }

  private static SourceGrid source(String version, int replicas, int ready) {
    return new SourceGrid(
        "dg",
        "img:" + version,
        version,
        replicas,
        ready,
        0,
        null,
        SELECTOR,
        "dg",
        SELECTOR,
        true,
        null,
        null,
        null);
  }

  private static UpgradeStop refusal(Runnable call) {
    UpgradeStop stop = catchThrowableOfType(UpgradeStop.class, call::run);
    assertThat(stop).as("expected a refusal").isNotNull();
    return stop;
  }
}
