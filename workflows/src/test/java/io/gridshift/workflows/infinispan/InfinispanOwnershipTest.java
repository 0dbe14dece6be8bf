package io.gridshift.workflows.infinispan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.Ownership;
import io.gridshift.workflows.common.RequestProblems;
import io.gridshift.workflows.common.UpgradeStop;
import io.gridshift.workflows.common.WorkloadOwner;
import io.gridshift.workflows.common.WorkloadOwner.Type;
import io.gridshift.workflows.infinispan.activities.SourceGrid;
import io.gridshift.workflows.request.InfinispanUpgradeRequest;
import io.gridshift.workflows.testing.FakeInfinispanGrid;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plan's decision on a grid another tool manages, per owner type, and TAKE_OVER. */
class InfinispanOwnershipTest {
  private static final WorkloadOwner OPERATOR =
      new WorkloadOwner(
          Type.OPERATOR,
          "Infinispan Operator",
          "StatefulSet apps/dg",
          "Infinispan apps/dg",
          "ownerReference to Infinispan apps/dg (infinispan.org/v1)");
  private static final WorkloadOwner HELM =
      new WorkloadOwner(
          Type.HELM,
          "Helm",
          "StatefulSet apps/dg",
          "Helm release apps/grids",
          "label app.kubernetes.io/managed-by=Helm");
  private static final WorkloadOwner ARGO_CD =
      new WorkloadOwner(
          Type.GITOPS,
          "Argo CD",
          "Service apps/dg",
          "Argo CD application grids",
          "annotation argocd.argoproj.io/tracking-id=grids:/Service:apps/dg");
  private static final WorkloadOwner FLUX =
      new WorkloadOwner(
          Type.GITOPS,
          "Flux",
          "StatefulSet apps/dg",
          "Flux Kustomization flux-system/apps",
          "label kustomize.toolkit.fluxcd.io/name=apps");

  @Test
  void ownershipDefaultsToRespect() {
    assertThat(request(null).ownership()).isEqualTo(Ownership.RESPECT);
  }

  @Test
  void anOperatorsGridAcrossMinorVersionsIsSentToHotRodRolling() {
    UpgradeStop stop = refusal(source("14.0.28.Final", OPERATOR));

    assertThat(stop.type()).isEqualTo(FailureTypes.OWNED_BY_ANOTHER_TOOL);
    assertThat(stop.getMessage())
        .contains("StatefulSet apps/dg is managed by the Infinispan Operator")
        .contains("ownerReference to Infinispan apps/dg")
        .contains("spec.upgrades.type: HotRodRolling")
        .contains("spec.version: 15.0.21 on Infinispan apps/dg")
        .contains("\"ownership\": \"TAKE_OVER\"");
  }

  @Test
  void anOperatorsGridOnAPatchReleaseIsSentToInPlaceRolling() {
    UpgradeStop stop = refusal(source("15.0.19.Final", OPERATOR));

    assertThat(stop.getMessage()).contains("spec.upgrades.type: InPlaceRolling");
  }

  @Test
  void aHelmReleaseIsSentToHelmUpgradeWithTheTargetImage() {
    UpgradeStop stop = refusal(source("14.0.28.Final", HELM));

    assertThat(stop.type()).isEqualTo(FailureTypes.OWNED_BY_ANOTHER_TOOL);
    assertThat(stop.getMessage())
        .contains("managed by Helm (Helm release apps/grids; label app.kubernetes.io/managed-by")
        .contains("set the chart's image values to img:15.0.21.Final")
        .contains("helm upgrade for Helm release apps/grids");
  }

  @Test
  void argoCdAndFluxAreSentToTheRepositoryOrASuspendedSync() {
    assertThat(refusal(source("14.0.28.Final", ARGO_CD)).getMessage())
        .contains("Service apps/dg is managed by Argo CD")
        .contains("in the repository Argo CD application grids syncs from")
        .contains("turn off automated sync and self-heal");
    assertThat(refusal(source("14.0.28.Final", FLUX)).getMessage())
        .contains("in the repository Flux Kustomization flux-system/apps syncs from")
        .contains("flux suspend");
  }

  @Test
  void takeOverProceedsAndThePlanSaysWhoTookWhatFromWhom() {
    InfinispanUpgradeRequest request = request(Ownership.TAKE_OVER);
    SourceGrid source = source("14.0.28.Final", HELM);

    assertThatCode(() -> InfinispanPlanner.checkSource(request, source)).doesNotThrowAnyException();
    InfinispanPlan plan =
        InfinispanPlanner.plan(
            request, source, FakeInfinispanGrid.inventory(), TestPaths.forRequest(request, source));

    assertThat(plan.warnings())
        .anySatisfy(
            w ->
                assertThat(w)
                    .startsWith("alice took StatefulSet apps/dg over from Helm")
                    .contains("label app.kubernetes.io/managed-by=Helm"));
  }

  @Test
  void aGridNobodyOwnsHasNoOwnershipWarning() {
    SourceGrid source = source("14.0.28.Final", null);
    InfinispanPlan plan =
        InfinispanPlanner.plan(
            request(null),
            source,
            FakeInfinispanGrid.inventory(),
            TestPaths.forRequest(request(null), source));

    assertThat(plan.warnings()).noneMatch(w -> w.contains("took"));
  }

  private static UpgradeStop refusal(SourceGrid source) {
    UpgradeStop stop =
        catchThrowableOfType(
            UpgradeStop.class, () -> InfinispanPlanner.checkSource(request(null), source));
    assertThat(stop).as("expected a refusal").isNotNull();
    return stop;
  }

  private static InfinispanUpgradeRequest request(Ownership ownership) {
    return RequestProblems.validated(Requests.upgrade().ownership(ownership).build());
  }

  private static SourceGrid source(String version, WorkloadOwner owner) {
    Map<String, String> selector = Map.of("app", "dg");
    return new SourceGrid(
        "dg",
        "img:" + version,
        version,
        3,
        3,
        0,
        null,
        selector,
        "dg",
        selector,
        true,
        null,
        null,
        owner);
  }
}
