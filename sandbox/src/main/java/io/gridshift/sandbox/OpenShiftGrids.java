package io.gridshift.sandbox;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.DeploymentConfig;
import io.fabric8.openshift.api.model.DeploymentConfigBuilder;
import io.fabric8.openshift.api.model.Route;
import io.fabric8.openshift.api.model.RouteBuilder;
import io.fabric8.openshift.client.OpenShiftClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Grids as the Data Grid seed runs them on OpenShift, for demos and tests in the sandbox: a
 * DeploymentConfig (Rolling, ConfigChange trigger, minReadySeconds) and a Route to the client
 * Service. The sandbox's DeploymentConfig controller runs the pods with real servers, exactly as a
 * StatefulSet's, and its router serves the Route on the loopback host the API gives it.
 */
public final class OpenShiftGrids {
  private OpenShiftGrids() {}

  /**
   * The DeploymentConfig that runs {@code sts}'s pods the seed's way: same name, labels, replicas,
   * pod template and minReadySeconds; {@code spec.selector} = the StatefulSet's matchLabels;
   * Rolling strategy with maxSurge 25% and maxUnavailable 0 (no member leaves before its successor
   * is available); a ConfigChange trigger. What a StatefulSet-only field (serviceName, claims,
   * partition) did is dropped: a DeploymentConfig has none.
   */
  public static DeploymentConfig fromStatefulSet(StatefulSet sts) {
    Map<String, String> selector =
        sts.getSpec().getSelector() == null || sts.getSpec().getSelector().getMatchLabels() == null
            ? Map.of()
            : new LinkedHashMap<>(sts.getSpec().getSelector().getMatchLabels());
    return new DeploymentConfigBuilder()
        .withNewMetadata()
        .withName(sts.getMetadata().getName())
        .withNamespace(sts.getMetadata().getNamespace())
        .withLabels(sts.getMetadata().getLabels())
        .endMetadata()
        .withNewSpec()
        .withReplicas(sts.getSpec().getReplicas())
        .withSelector(selector)
        .withMinReadySeconds(sts.getSpec().getMinReadySeconds())
        .addNewTrigger()
        .withType("ConfigChange")
        .endTrigger()
        .withNewStrategy()
        .withType("Rolling")
        .withNewRollingParams()
        .withMaxSurge(new IntOrString("25%"))
        .withMaxUnavailable(new IntOrString(0))
        .endRollingParams()
        .endStrategy()
        .withTemplate(sts.getSpec().getTemplate())
        .endSpec()
        .build();
  }

  /** Creates {@code dc} in {@code namespace} (a manifest's own namespace wins when it has one). */
  public static DeploymentConfig create(
      KubernetesClient kube, String namespace, DeploymentConfig dc) {
    String ns =
        dc.getMetadata().getNamespace() == null ? namespace : dc.getMetadata().getNamespace();
    return kube.adapt(OpenShiftClient.class)
        .deploymentConfigs()
        .inNamespace(ns)
        .resource(dc)
        .create();
  }

  /** The ready replicas of DeploymentConfig {@code name} (0 when it or its status is absent). */
  public static int readyReplicas(KubernetesClient kube, String namespace, String name) {
    DeploymentConfig dc =
        kube.adapt(OpenShiftClient.class)
            .deploymentConfigs()
            .inNamespace(namespace)
            .withName(name)
            .get();
    return dc == null || dc.getStatus() == null || dc.getStatus().getReadyReplicas() == null
        ? 0
        : dc.getStatus().getReadyReplicas();
  }

  /**
   * Creates Route {@code name} to Service {@code service} and returns the host the sandbox gave it:
   * a loopback address where clients reach the Service's pods, at the Service's ports.
   */
  public static String exposeThroughRoute(
      KubernetesClient kube, String namespace, String name, String service) {
    Route route =
        kube.adapt(OpenShiftClient.class)
            .routes()
            .inNamespace(namespace)
            .resource(
                new RouteBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .endMetadata()
                    .withNewSpec()
                    .withNewTo()
                    .withKind("Service")
                    .withName(service)
                    .endTo()
                    .endSpec()
                    .build())
            .create();
    return route.getSpec().getHost();
  }

  /** The Service Route {@code name} points to now, or null when it is gone. */
  public static String routeService(KubernetesClient kube, String namespace, String name) {
    Route route =
        kube.adapt(OpenShiftClient.class).routes().inNamespace(namespace).withName(name).get();
    return route == null || route.getSpec().getTo() == null
        ? null
        : route.getSpec().getTo().getName();
  }
}
