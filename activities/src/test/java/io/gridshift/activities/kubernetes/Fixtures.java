package io.gridshift.activities.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.gridshift.workflows.common.ClusterRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Kubernetes objects of a typical Infinispan grid, as an operator-less deployment has them. */
final class Fixtures {
  static final String NS = "demo";
  static final ClusterRef CLUSTER = new ClusterRef("test", NS);
  static final Map<String, String> SOURCE_SELECTOR = Map.of("app", "infinispan", "grid", "dg");

  private Fixtures() {}

  /**
   * StatefulSet {@code name} running {@code image}: a metrics sidecar listed first, the
   * configuration mounted from ConfigMap {@code <name>-config} (after an unrelated ConfigMap
   * volume), a partitioned RollingUpdate strategy and a ready status.
   */
  static StatefulSet grid(String name, String image, int replicas) {
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .addToLabels("app", "infinispan")
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withServiceName(name + "-ping")
        .withNewSelector()
        .withMatchLabels(Map.of("app", "infinispan", "grid", name))
        .endSelector()
        .withNewUpdateStrategy()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withPartition(0)
        .endRollingUpdate()
        .endUpdateStrategy()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(Map.of("app", "infinispan", "grid", name, "tier", "cache"))
        .addToAnnotations("team", "payments")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("metrics")
        .withImage("quay.io/prometheus/jmx-exporter:1.0.1")
        .endContainer()
        .addNewContainer()
        .withName("server")
        .withImage(image)
        .addNewEnv()
        .withName("JAVA_OPTIONS")
        .withValue("-Xmx512m")
        .endEnv()
        .addNewVolumeMount()
        .withName("config")
        .withMountPath("/opt/infinispan/server/conf/user")
        .endVolumeMount()
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
        .endSpec()
        .endTemplate()
        .addNewVolumeClaimTemplate()
        .withNewMetadata()
        .withName("data")
        .endMetadata()
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .endSpec()
        .endVolumeClaimTemplate()
        .endSpec()
        .withNewStatus()
        .withReplicas(replicas)
        .withReadyReplicas(replicas)
        .endStatus()
        .build();
  }

  /** The grid's ConfigMap: infinispan.xml plus users.properties. */
  static ConfigMap gridConfig(String name) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name + "-config")
        .withNamespace(NS)
        .endMetadata()
        .addToData("infinispan.xml", resource("source-infinispan.xml"))
        .addToData("users.properties", "admin=secret\n")
        .build();
  }

  /** An unrelated ConfigMap also mounted by the grid's pods. */
  static ConfigMap scripts() {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("scripts")
        .withNamespace(NS)
        .endMetadata()
        .addToData("start.sh", "#!/bin/sh\n")
        .build();
  }

  static Service service(String name, Map<String, String> selector) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .endMetadata()
        .withNewSpec()
        .withSelector(selector)
        .addNewPort()
        .withName("hotrod")
        .withPort(11222)
        .endPort()
        .endSpec()
        .build();
  }

  /**
   * The requests ("METHOD path") the mock server received while {@code action} ran: how a test
   * proves that a repeated call wrote nothing (the mock keeps resourceVersion on an empty PATCH).
   */
  static List<String> requestsDuring(KubernetesMockServer server, Runnable action) {
    try {
      while (server.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
        // drain what earlier steps sent
      }
      int before = server.getRequestCount();
      action.run();
      List<String> requests = new ArrayList<>();
      for (int i = server.getRequestCount() - before; i > 0; i--) {
        RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
        requests.add(r.getMethod() + " " + r.getPath());
      }
      return requests;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A text file under {@code src/test/resources/kubernetes/}. */
  static String resource(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/kubernetes/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource kubernetes/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
