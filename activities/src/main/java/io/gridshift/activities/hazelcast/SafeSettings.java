package io.gridshift.activities.hazelcast;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.gridshift.activities.Failures;
import io.gridshift.activities.kubernetes.Claims;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.activities.WorkloadRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes graceful-shutdown settings into a pod template: JAVA_OPTS gets the GRACEFUL shutdown hook
 * and the graceful max wait, and terminationGracePeriodSeconds leaves the member 30 s more than
 * that wait (Kubernetes kills at the grace period, whatever the member is doing). Written with
 * {@code edit()} only when something changes, so a retry writes nothing and rolls nothing.
 */
final class SafeSettings {
  static final String POLICY = "hazelcast.shutdownhook.policy";
  static final String MAX_WAIT = "hazelcast.graceful.shutdown.max.wait";

  /** Time Kubernetes leaves beyond the member's own graceful wait, for JVM exit. */
  static final int GRACE_MARGIN_SECONDS = 30;

  private static final Logger LOG = LoggerFactory.getLogger(SafeSettings.class);

  private final KubernetesClient client;

  SafeSettings(KubernetesClient client) {
    this.client = client;
  }

  /**
   * @return true when the workload was changed
   */
  boolean apply(WorkloadRef ref, String container, int maxWaitSeconds, String claim) {
    String ns = ref.cluster().namespace();
    Workload.read(client, ref); // GridNotFound with the list of workloads when it is missing
    if (ref.kind() == WorkloadKind.STATEFULSET) {
      Resource<StatefulSet> resource =
          client.apps().statefulSets().inNamespace(ns).withName(ref.name());
      return edit(
          resource,
          t -> t.getSpec().getTemplate().getSpec(),
          ref,
          container,
          maxWaitSeconds,
          claim);
    }
    Resource<Deployment> resource =
        client.apps().deployments().inNamespace(ns).withName(ref.name());
    return edit(
        resource, t -> t.getSpec().getTemplate().getSpec(), ref, container, maxWaitSeconds, claim);
  }

  private <T extends HasMetadata> boolean edit(
      Resource<T> resource,
      Function<T, PodSpec> podSpec,
      WorkloadRef ref,
      String container,
      int maxWaitSeconds,
      String claim) {
    T current = resource.get();
    Claims.require(current, claim, ref.cluster());
    UnaryOperator<T> change =
        workload -> {
          change(ref, podSpec.apply(workload), container, maxWaitSeconds);
          return workload;
        };
    T proposed = change.apply(client.getKubernetesSerialization().clone(current));
    if (proposed.equals(current)) {
      LOG.info("{}: safe shutdown settings already in place", Workload.describe(ref));
      return false;
    }
    // edit() re-reads and sends a JSON Patch of the difference: fields others changed are kept.
    resource.edit(change);
    LOG.info(
        "{}: set {}=GRACEFUL, {}={} and terminationGracePeriodSeconds >= {}",
        Workload.describe(ref),
        POLICY,
        MAX_WAIT,
        maxWaitSeconds,
        maxWaitSeconds + GRACE_MARGIN_SECONDS);
    return true;
  }

  private void change(WorkloadRef ref, PodSpec pod, String name, int maxWaitSeconds) {
    Container container = container(ref, pod, name);
    EnvVar env = MemberSettings.env(container, MemberSettings.JAVA_OPTS);
    String before = MemberSettings.resolve(client, ref.cluster().namespace(), env);
    JavaOpts opts = JavaOpts.parse(before);
    var properties = opts.systemProperties();
    if (!"GRACEFUL".equals(properties.get(POLICY))
        || !String.valueOf(maxWaitSeconds).equals(properties.get(MAX_WAIT))) {
      String after =
          opts.with(POLICY, "GRACEFUL").with(MAX_WAIT, String.valueOf(maxWaitSeconds)).toString();
      setJavaOpts(ref, container, env, after);
    }
    long grace = WorkloadInspector.gracePeriod(pod);
    pod.setTerminationGracePeriodSeconds(Math.max(grace, maxWaitSeconds + GRACE_MARGIN_SECONDS));
  }

  private static void setJavaOpts(WorkloadRef ref, Container container, EnvVar env, String value) {
    if (env == null) {
      List<EnvVar> envs = container.getEnv() == null ? new ArrayList<>() : container.getEnv();
      envs.add(new EnvVar(MemberSettings.JAVA_OPTS, value, null));
      container.setEnv(envs);
      return;
    }
    if (env.getValueFrom() != null) {
      // The settings must reach the pods with this roll; the ConfigMap is shared and not ours.
      LOG.warn(
          "{}: JAVA_OPTS came from {}; it is now set inline in the pod template",
          Workload.describe(ref),
          env.getValueFrom().getConfigMapKeyRef());
      env.setValueFrom(null);
    }
    env.setValue(value);
  }

  private static Container container(WorkloadRef ref, PodSpec pod, String name) {
    if (name == null) {
      return MemberSettings.hazelcastContainer(pod);
    }
    return pod.getContainers().stream()
        .filter(c -> Objects.equals(name, c.getName()))
        .findFirst()
        .orElseThrow(
            () ->
                Failures.invalidRequest(
                    "%s: no container named '%s' in the pod template; containers: %s"
                        .formatted(
                            Workload.describe(ref),
                            name,
                            pod.getContainers().stream().map(Container::getName).toList())));
  }
}
