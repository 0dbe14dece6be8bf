package io.gridshift.activities.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.hazelcast.bluegreen.TargetRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The blue-green target beside the source: the client Service's selector (the source's labels) must
 * never reach a target pod, and the target's members must never join the source's cluster.
 */
@EnableKubernetesMockClient(crud = true)
class TargetDeployerTest {
  static final ClusterRef CLUSTER = new ClusterRef("test", "apps");
  static final WorkloadRef SOURCE = new WorkloadRef(CLUSTER, WorkloadKind.STATEFULSET, "hz");
  static final TargetRequest REQUEST =
      new TargetRequest(SOURCE, "hz-5-5-0", "hazelcast", "hazelcast/hazelcast:5.5.0");

  KubernetesClient client;

  @Test
  void targetHasItsOwnLabelsAndImageAndTheSourcesClusterNameAndConfig() {
    client.apps().statefulSets().inNamespace("apps").resource(source()).create();

    new TargetDeployer(client).deploy(REQUEST);
    new TargetDeployer(client).deploy(REQUEST); // a retry changes nothing

    StatefulSet target =
        client.apps().statefulSets().inNamespace("apps").withName("hz-5-5-0").get();
    Map<String, String> podLabels = target.getSpec().getTemplate().getMetadata().getLabels();
    assertThat(podLabels)
        .as("the client Service's selector (app=hz) does not match a target pod")
        .doesNotContainEntry("app", "hz");
    assertThat(podLabels)
        .containsEntry("team", "payments")
        .containsEntry(TargetDeployer.LABEL, "hz-5-5-0");
    assertThat(target.getSpec().getSelector().getMatchLabels())
        .isEqualTo(TargetDeployer.selector("hz-5-5-0"));
    var container = target.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("hazelcast/hazelcast:5.5.0");
    assertThat(container.getEnv())
        .contains(new EnvVar("JAVA_OPTS", "-Dhazelcast.shutdownhook.policy=GRACEFUL", null))
        .as("clients keep the cluster name they authenticate with across the Service switch")
        .contains(new EnvVar("HZ_CLUSTERNAME", "hz", null))
        .extracting(EnvVar::getName)
        .containsOnlyOnce("HZ_CLUSTERNAME");
    assertThat(
            target.getSpec().getTemplate().getSpec().getVolumes().get(0).getConfigMap().getName())
        .isEqualTo("hz-config");
    assertThat(target.getSpec().getReplicas()).isEqualTo(3);
    // The source is untouched.
    assertThat(client.apps().statefulSets().inNamespace("apps").withName("hz").get().getSpec())
        .isEqualTo(source().getSpec());
  }

  @Test
  void deletingTheSourceKeepsTheConfigMapTheTargetMounts() {
    client.apps().statefulSets().inNamespace("apps").resource(source()).create();
    new TargetDeployer(client).deploy(REQUEST);

    new TargetDeployer(client).deleteStatefulSet(SOURCE);
    new TargetDeployer(client).deleteStatefulSet(SOURCE); // gone already is fine

    assertThat(client.apps().statefulSets().inNamespace("apps").withName("hz").get()).isNull();
    assertThat(client.apps().statefulSets().inNamespace("apps").withName("hz-5-5-0").get())
        .isNotNull();
  }

  static StatefulSet source() {
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withName("hz")
        .withNamespace("apps")
        .endMetadata()
        .withNewSpec()
        .withReplicas(3)
        .withNewSelector()
        .withMatchLabels(Map.of("app", "hz"))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(Map.of("app", "hz", "team", "payments"))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("hazelcast")
        .withImage("hazelcast/hazelcast:5.3.8")
        .addNewEnv()
        .withName("JAVA_OPTS")
        .withValue("-Dhazelcast.shutdownhook.policy=GRACEFUL")
        .endEnv()
        .addNewEnv()
        .withName("HZ_CLUSTERNAME")
        .withValue("hz")
        .endEnv()
        .endContainer()
        .addNewVolume()
        .withName("config")
        .withNewConfigMap()
        .withName("hz-config")
        .endConfigMap()
        .endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
