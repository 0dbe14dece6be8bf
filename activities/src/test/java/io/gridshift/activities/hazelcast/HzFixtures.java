package io.gridshift.activities.hazelcast;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.ClusterRef;
import java.util.Map;

/** Kubernetes objects of a Hazelcast cluster deployed without an operator. */
final class HzFixtures {
  static final String NS = "hz";
  static final ClusterRef CLUSTER = new ClusterRef("test", NS);
  static final String IMAGE = "docker.io/hazelcast/hazelcast:5.3.6";

  private HzFixtures() {}

  static WorkloadRef sts(String name) {
    return new WorkloadRef(CLUSTER, WorkloadKind.STATEFULSET, name);
  }

  static WorkloadRef deployment(String name) {
    return new WorkloadRef(CLUSTER, WorkloadKind.DEPLOYMENT, name);
  }

  static Map<String, String> labels(String name) {
    return Map.of("app", "hazelcast", "cluster", name);
  }

  /**
   * StatefulSet {@code name}: a log sidecar first, then the member with {@code javaOpts} (null:
   * none), the configuration mounted from ConfigMap {@code <name>-config} after an unrelated one.
   */
  static StatefulSet statefulSet(String name, int replicas, EnvVar javaOpts) {
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .withMatchLabels(labels(name))
        .endSelector()
        .withNewUpdateStrategy()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withPartition(2)
        .endRollingUpdate()
        .endUpdateStrategy()
        .withTemplate(template(name, javaOpts))
        .endSpec()
        .withNewStatus()
        .withReplicas(replicas)
        .withReadyReplicas(replicas)
        .endStatus()
        .build();
  }

  static Deployment deploymentOf(
      String name, int replicas, String maxUnavailable, String maxSurge) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .withMatchLabels(labels(name))
        .endSelector()
        .withNewStrategy()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withNewMaxUnavailable(maxUnavailable)
        .withNewMaxSurge(maxSurge)
        .endRollingUpdate()
        .endStrategy()
        .withTemplate(template(name, null))
        .endSpec()
        .build();
  }

  static PodTemplateSpec template(String name, EnvVar javaOpts) {
    PodTemplateSpecBuilder builder =
        new PodTemplateSpecBuilder()
            .withNewMetadata()
            .withLabels(labels(name))
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("logs")
            .withImage("docker.io/fluent/fluent-bit:3.0")
            .endContainer()
            .addNewContainer()
            .withName("member")
            .withImage(IMAGE)
            .addNewEnv()
            .withName("LOGGING_LEVEL")
            .withValue("INFO")
            .endEnv()
            .endContainer()
            .addNewVolume()
            .withName("scripts")
            .withNewConfigMap()
            .withName("scripts")
            .endConfigMap()
            .endVolume()
            .addNewVolume()
            .withName("config")
            .withNewConfigMap()
            .withName(name + "-config")
            .endConfigMap()
            .endVolume()
            .endSpec();
    PodTemplateSpec template = builder.build();
    if (javaOpts != null) {
      template.getSpec().getContainers().get(1).getEnv().add(javaOpts);
    }
    return template;
  }

  static EnvVar javaOpts(String value) {
    return new EnvVar("JAVA_OPTS", value, null);
  }

  static ConfigMap configMap(String name, String key, String text) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .endMetadata()
        .addToData(key, text)
        .build();
  }

  /** A running pod of workload {@code workload} at {@code ip}, Ready or not. */
  static Pod pod(String workload, String name, String ip, boolean ready) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .withLabels(labels(workload))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("member")
        .withImage(IMAGE)
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .withPodIP(ip)
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready ? "True" : "False")
        .endCondition()
        .endStatus()
        .build();
  }
}
