package io.gridshift.activities.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.gridshift.workflows.common.WorkloadOwner;
import io.gridshift.workflows.common.WorkloadOwner.Type;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which metadata names which owner, object by object (no API: the rules alone). */
class WorkloadOwnershipRulesTest {

  @Test
  void helmIsReadFromItsManagedByLabelWithTheInstanceAsRelease() {
    WorkloadOwner owner =
        WorkloadOwnership.of(
            sts(
                Map.of("app.kubernetes.io/managed-by", "Helm", "app.kubernetes.io/instance", "g"),
                Map.of()));

    assertThat(owner.type()).isEqualTo(Type.HELM);
    assertThat(owner.resource()).isEqualTo("Helm release grids/g");
    assertThat(owner.evidence()).isEqualTo("label app.kubernetes.io/managed-by=Helm");
  }

  @Test
  void theInstanceLabelAloneIsNotArgoCdNorHelm() {
    // Argo CD's default tracking label, but Helm charts and people set it too: no evidence alone.
    assertThat(WorkloadOwnership.of(sts(Map.of("app.kubernetes.io/instance", "g"), Map.of())))
        .isNull();
  }

  @Test
  void argoCdsInstanceLabelCountsAndWinsOverHelmsLabels() {
    WorkloadOwner owner =
        WorkloadOwnership.of(
            sts(
                Map.of(
                    "argocd.argoproj.io/instance", "payments",
                    "app.kubernetes.io/managed-by", "Helm"),
                Map.of()));

    assertThat(owner.manager()).isEqualTo("Argo CD");
    assertThat(owner.resource()).isEqualTo("Argo CD application payments");
  }

  @Test
  void fluxIsReadFromItsKustomizationOrHelmReleaseLabels() {
    WorkloadOwner kustomization =
        WorkloadOwnership.of(
            sts(
                Map.of(
                    "kustomize.toolkit.fluxcd.io/name", "apps",
                    "kustomize.toolkit.fluxcd.io/namespace", "flux-system"),
                Map.of()));
    WorkloadOwner helmRelease =
        WorkloadOwnership.of(
            sts(
                Map.of(
                    "helm.toolkit.fluxcd.io/name", "dg",
                    "app.kubernetes.io/managed-by", "Helm"),
                Map.of("meta.helm.sh/release-name", "dg")));

    assertThat(kustomization.type()).isEqualTo(Type.GITOPS);
    assertThat(kustomization.resource()).isEqualTo("Flux Kustomization flux-system/apps");
    assertThat(helmRelease.manager()).isEqualTo("Flux");
    assertThat(helmRelease.resource()).isEqualTo("Flux HelmRelease grids/dg");
  }

  @Test
  void anotherManagedByValueIsNobodyWeKnow() {
    assertThat(
            WorkloadOwnership.of(
                sts(Map.of("app.kubernetes.io/managed-by", "kustomize"), Map.of())))
        .isNull();
  }

  private static StatefulSet sts(Map<String, String> labels, Map<String, String> annotations) {
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withName("dg")
        .withNamespace("grids")
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata()
        .build();
  }
}
