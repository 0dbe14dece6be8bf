package io.gridshift.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The defaults kube-apiserver writes into objects, limited to the fields that rollout logic and the
 * grid activities read, so that code tested in the sandbox sees what a cluster would show it. Every
 * method is idempotent: it runs on every write of the object.
 */
final class ApiDefaults {
  static final int DEFAULT_GRACE_SECONDS = 30;

  private ApiDefaults() {}

  /** Pod on create: the kubelet's finalizer, grace period, restart policy, phase Pending. */
  static void pod(JsonNode old, ObjectNode pod) {
    podSpec(pod.withObjectProperty("spec"));
    if (old != null) {
      return;
    }
    ArrayNode finalizers = pod.withObjectProperty("metadata").withArrayProperty("finalizers");
    boolean present = false;
    for (JsonNode finalizer : finalizers) {
      present |= SandboxApiDispatcher.KUBELET_FINALIZER.equals(finalizer.asText());
    }
    if (!present) {
      finalizers.add(SandboxApiDispatcher.KUBELET_FINALIZER);
    }
    ObjectNode status = pod.withObjectProperty("status");
    if (!status.hasNonNull("phase")) {
      status.put("phase", "Pending");
    }
  }

  static void statefulSet(ObjectNode sts) {
    ObjectNode spec = sts.withObjectProperty("spec");
    putIfAbsent(spec, "replicas", 1);
    putIfAbsent(spec, "revisionHistoryLimit", 10);
    if (!spec.hasNonNull("podManagementPolicy")) {
      spec.put("podManagementPolicy", "OrderedReady");
    }
    ObjectNode strategy = spec.withObjectProperty("updateStrategy");
    if (!strategy.hasNonNull("type")) {
      strategy.put("type", "RollingUpdate");
    }
    if ("RollingUpdate".equals(strategy.path("type").asText())) {
      putIfAbsent(strategy.withObjectProperty("rollingUpdate"), "partition", 0);
    }
    podSpec(spec.withObjectProperty("template").withObjectProperty("spec"));
  }

  static void deployment(ObjectNode deployment) {
    ObjectNode spec = deployment.withObjectProperty("spec");
    putIfAbsent(spec, "replicas", 1);
    putIfAbsent(spec, "revisionHistoryLimit", 10);
    putIfAbsent(spec, "progressDeadlineSeconds", 600);
    ObjectNode strategy = spec.withObjectProperty("strategy");
    if (!strategy.hasNonNull("type")) {
      strategy.put("type", "RollingUpdate");
    }
    if ("RollingUpdate".equals(strategy.path("type").asText())) {
      ObjectNode rolling = strategy.withObjectProperty("rollingUpdate");
      if (!rolling.hasNonNull("maxSurge")) {
        rolling.put("maxSurge", "25%");
      }
      if (!rolling.hasNonNull("maxUnavailable")) {
        rolling.put("maxUnavailable", "25%");
      }
    }
    podSpec(spec.withObjectProperty("template").withObjectProperty("spec"));
  }

  /**
   * DeploymentConfig (apps.openshift.io/v1), as OpenShift defaults it: replicas 1, a ConfigChange
   * trigger when none is listed, Rolling strategy with 25% / 25%, 600 s timeout and the update
   * periods.
   */
  static void deploymentConfig(ObjectNode dc) {
    ObjectNode spec = dc.withObjectProperty("spec");
    putIfAbsent(spec, "replicas", 1);
    if (!spec.has("triggers") || spec.get("triggers").isNull()) {
      spec.putArray("triggers").addObject().put("type", "ConfigChange");
    }
    ObjectNode strategy = spec.withObjectProperty("strategy");
    if (!strategy.hasNonNull("type")) {
      strategy.put("type", "Rolling");
    }
    if ("Rolling".equals(strategy.path("type").asText())) {
      ObjectNode rolling = strategy.withObjectProperty("rollingParams");
      if (!rolling.hasNonNull("maxSurge")) {
        rolling.put("maxSurge", "25%");
      }
      if (!rolling.hasNonNull("maxUnavailable")) {
        rolling.put("maxUnavailable", "25%");
      }
      putIfAbsent(rolling, "timeoutSeconds", 600);
      putIfAbsent(rolling, "intervalSeconds", 1);
      putIfAbsent(rolling, "updatePeriodSeconds", 1);
    }
    podSpec(spec.withObjectProperty("template").withObjectProperty("spec"));
  }

  /** Service spec: type, session affinity, port protocol and target port. */
  static void service(ObjectNode spec) {
    if (!spec.hasNonNull("type")) {
      spec.put("type", "ClusterIP");
    }
    if (!spec.hasNonNull("sessionAffinity")) {
      spec.put("sessionAffinity", "None");
    }
    for (JsonNode port : spec.withArrayProperty("ports")) {
      ObjectNode p = (ObjectNode) port;
      if (!p.hasNonNull("protocol")) {
        p.put("protocol", "TCP");
      }
      if (!p.hasNonNull("targetPort") && p.has("port")) {
        p.set("targetPort", p.get("port"));
      }
    }
  }

  private static void podSpec(ObjectNode spec) {
    putIfAbsent(spec, "terminationGracePeriodSeconds", DEFAULT_GRACE_SECONDS);
    if (!spec.hasNonNull("restartPolicy")) {
      spec.put("restartPolicy", "Always");
    }
  }

  private static void putIfAbsent(ObjectNode node, String field, int value) {
    if (!node.hasNonNull(field)) {
      node.put(field, value);
    }
  }
}
