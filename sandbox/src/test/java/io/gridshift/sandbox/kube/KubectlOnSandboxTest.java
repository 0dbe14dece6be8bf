package io.gridshift.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.gridshift.sandbox.deploy.KubectlBinary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands the demo prints work on the sandbox as on a cluster: kubectl finds the sandbox's
 * resource types through its discovery documents ({@link ApiDiscovery}) and {@code describe
 * statefulset} lists the Events gridshift wrote on it.
 */
class KubectlOnSandboxTest {
  @TempDir static Path dir;
  static LocalKubernetesApi api;

  @BeforeAll
  static void aGridWithAnEvent() throws Exception {
    api = LocalKubernetesApi.start(0, dir.resolve("kubeconfig"));
    StatefulSet dg =
        api.client()
            .resource(
                new StatefulSetBuilder()
                    .withNewMetadata()
                    .withName("dg")
                    .withNamespace("default")
                    .endMetadata()
                    .withNewSpec()
                    .withReplicas(1)
                    .withServiceName("dg")
                    .withNewSelector()
                    .addToMatchLabels("app", "dg")
                    .endSelector()
                    .withNewTemplate()
                    .withNewMetadata()
                    .addToLabels("app", "dg")
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("infinispan")
                    .withImage("quay.io/infinispan/server:14.0.28.Final")
                    .endContainer()
                    .endSpec()
                    .endTemplate()
                    .endSpec()
                    .build())
            .create();
    api.client()
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName("dg.0123456789abcdef")
                .withNamespace("default")
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion("apps/v1")
                .withKind("StatefulSet")
                .withName("dg")
                .withNamespace("default")
                .withUid(dg.getMetadata().getUid())
                .endInvolvedObject()
                .withReason("StepStarted")
                .withMessage("step plan started (workflow infinispan-upgrade-sandbox-default-dg)")
                .withType("Normal")
                .withNewSource()
                .withComponent("gridshift")
                .endSource()
                .withCount(1)
                .withFirstTimestamp("2026-12-07T15:51:48Z")
                .withLastTimestamp("2026-12-07T15:51:48Z")
                .build())
        .create();
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void kubectlListsTheSandboxesResources() throws Exception {
    assertThat(kubectl("get", "statefulsets")).contains("dg");
    // (Names only: kube-apiserver prints server-side tables, which the sandbox does not.)
    assertThat(kubectl("get", "events")).contains("dg.0123456789abcdef");
  }

  @Test
  void describeShowsTheEventsOnTheStatefulSet() throws Exception {
    assertThat(kubectl("describe", "statefulset", "dg"))
        .contains("Events:", "StepStarted", "gridshift", "step plan started");
  }

  private static String kubectl(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(KubectlBinary.path());
    command.addAll(List.of("--kubeconfig", api.kubeconfig().toString(), "-n", "default"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }
}
