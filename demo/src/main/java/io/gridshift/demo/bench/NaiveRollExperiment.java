package io.gridshift.demo.bench;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.demo.HazelcastDemoGrid;
import io.gridshift.sandbox.Sandbox;
import io.gridshift.sandbox.SandboxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The control experiment for the paced Hazelcast upgrade: the same 3-member cluster rolled the
 * naive way. Members run with Hazelcast's default shutdown hook (TERMINATE: no partition migration
 * on SIGTERM) and a short termination grace period, and the StatefulSet controller replaces pods as
 * soon as the previous new pod is Ready, never waiting for the cluster to be safe (backups
 * complete). The loaded keys are read back afterwards and the loss is printed.
 *
 * <p>Modes: {@code rolling} (default) patches the image and lets the controller roll from the
 * highest ordinal; {@code all-at-once} patches the image and deletes every pod at once.
 *
 * <p>Usage: {@code NaiveRollExperiment [--entries N] [--grace SECONDS] [--mode
 * rolling|all-at-once]}
 */
public final class NaiveRollExperiment {
  private static final String FROM = "5.3.6";
  private static final String TO = "5.3.8";
  private static final int REPLICAS = 3;
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration ROLL_TIMEOUT = Duration.ofMinutes(15);

  private NaiveRollExperiment() {}

  public static void main(String[] args) throws Exception {
    int entries = 100_000;
    long grace = 2;
    String mode = "rolling";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--entries" -> entries = Integer.parseInt(args[++i]);
        case "--grace" -> grace = Long.parseLong(args[++i]);
        case "--mode" -> mode = args[++i];
        default -> {
          System.err.println(
              "unknown argument "
                  + args[i]
                  + "; usage: naive-roll [--entries N] [--grace SECONDS]"
                  + " [--mode rolling|all-at-once]");
          System.exit(2);
        }
      }
    }
    if (!mode.equals("rolling") && !mode.equals("all-at-once")) {
      System.err.println("--mode must be rolling or all-at-once, not " + mode);
      System.exit(2);
    }
    Path dir = Files.createTempDirectory("naive-roll-");
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.ephemeral(dir))) {
      run(sandbox.client(), entries, grace, mode);
    }
    System.exit(0);
  }

  private static void run(KubernetesClient kube, int entries, long grace, String mode)
      throws InterruptedException {
    HazelcastDemoGrid grid = new HazelcastDemoGrid(kube);
    create(kube, grace);
    System.out.printf("naive-roll: %d members of %s starting...%n", REPLICAS, FROM);
    grid.awaitReady(REPLICAS, READY_TIMEOUT, ready -> System.out.println("  ready: " + ready));
    System.out.printf("naive-roll: loading %,d entries (backup-count 1)...%n", entries);
    Map<String, Integer> loaded = grid.load(entries, done -> {});
    System.out.printf(
        "naive-roll: rolling to %s (%s, TERMINATE hook, SIGKILL after %d s)...%n", TO, mode, grace);
    long start = System.nanoTime();
    kube.apps()
        .statefulSets()
        .inNamespace(HazelcastDemoGrid.NAMESPACE)
        .withName(HazelcastDemoGrid.GRID)
        .edit(
            s -> {
              s.getSpec()
                  .getTemplate()
                  .getSpec()
                  .getContainers()
                  .get(0)
                  .setImage("hazelcast/hazelcast:" + TO);
              return s;
            });
    if (mode.equals("all-at-once")) {
      kube.pods().inNamespace(HazelcastDemoGrid.NAMESPACE).withLabel("app", "hz").delete();
    }
    awaitRolledOut(kube);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.println("naive-roll: rollout done; reading back every key...");
    Map<String, Integer> lost = grid.lostKeys(loaded);
    int total = lost.values().stream().mapToInt(Integer::intValue).sum();
    System.out.printf(
        "RESULT mode=%s entries=%d lost=%d lost%%=%.2f roll=%.1fs grace=%ds perMap=%s%n",
        mode, entries, total, 100.0 * total / entries, seconds, grace, lost);
  }

  /** Waits as {@code kubectl rollout status} would: all replicas updated and ready. */
  private static void awaitRolledOut(KubernetesClient kube) throws InterruptedException {
    long deadline = System.nanoTime() + ROLL_TIMEOUT.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      StatefulSet sts =
          kube.apps()
              .statefulSets()
              .inNamespace(HazelcastDemoGrid.NAMESPACE)
              .withName(HazelcastDemoGrid.GRID)
              .get();
      StatefulSetStatus st = sts.getStatus();
      if (st != null) {
        int ready = orZero(st.getReadyReplicas());
        int updated = orZero(st.getUpdatedReplicas());
        String now = "  ready " + ready + ", updated " + updated;
        if (!now.equals(last)) {
          System.out.println(now);
          last = now;
        }
        boolean observed =
            st.getObservedGeneration() != null
                && st.getObservedGeneration() >= sts.getMetadata().getGeneration();
        if (observed && ready >= REPLICAS && updated >= REPLICAS) {
          return;
        }
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        "hz did not finish rolling to " + TO + " within " + ROLL_TIMEOUT + "; see the pod logs");
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }

  private static void create(KubernetesClient kube, long grace) {
    String ns = HazelcastDemoGrid.NAMESPACE;
    String name = HazelcastDemoGrid.GRID;
    kube.configMaps()
        .inNamespace(ns)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name + "-config")
                .endMetadata()
                .addToData("hazelcast.yaml", HazelcastDemoGrid.CONFIG_YAML)
                .build())
        .create();
    kube.apps().statefulSets().inNamespace(ns).resource(statefulSet(grace)).create();
    kube.services()
        .inNamespace(ns)
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .addToSelector("app", name)
                .addNewPort()
                .withName("hazelcast")
                .withPort(5701)
                .withTargetPort(new IntOrString(5701))
                .endPort()
                .endSpec()
                .build())
        .create();
  }

  private static StatefulSet statefulSet(long grace) {
    String name = HazelcastDemoGrid.GRID;
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(REPLICAS)
        .withServiceName(name)
        .withMinReadySeconds(0)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewUpdateStrategy()
        .withType("RollingUpdate")
        .endUpdateStrategy()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        // Naive: no JAVA_OPTS (shutdown hook policy TERMINATE) and a short grace before SIGKILL.
        .withTerminationGracePeriodSeconds(grace)
        .addNewContainer()
        .withName("hazelcast")
        .withImage("hazelcast/hazelcast:" + FROM)
        .addNewPort()
        .withName("hazelcast")
        .withContainerPort(5701)
        .endPort()
        .addNewVolumeMount()
        .withName("config")
        .withMountPath("/data/hazelcast")
        .endVolumeMount()
        .endContainer()
        .addNewVolume()
        .withName("config")
        .withNewConfigMap()
        .withName(name + "-config")
        .endConfigMap()
        .endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
