package io.gridshift.demo.chaos;

import io.gridshift.demo.traffic.GridOps;
import io.gridshift.workflows.common.UpgradeStatus;
import java.util.Map;
import java.util.Optional;

/**
 * The grid one chaos run upgrades, in the run's own namespace: created and loaded before the
 * upgrade, read back key by key after it, torn down at the end. One implementation per kind.
 */
interface ChaosGrid {
  /** {@code infinispan} or {@code hazelcast}. */
  String kind();

  /** The run's namespace, the grid's and nothing else's. */
  String namespace();

  /** Creates the grid at its source version and waits until every member is ready. */
  void create() throws Exception;

  /** Loads {@code entries} entries; returns the count per cache or map. */
  Map<String, Integer> load(int entries) throws Exception;

  /** A traffic-probe client through the grid's client Service. */
  GridOps trafficOps();

  /** The upgrade request, as JSON, to {@code targetVersion}. */
  String request(String targetVersion);

  /** The version the upgrade goes to. */
  String targetVersion();

  /** The image of the target version, as the upgrade names it in the pod template. */
  String targetImage();

  /**
   * Keys missing after the upgrade: every loaded key read back through the client Service (and, for
   * Infinispan, what verify-target found missing).
   */
  long missingKeys(UpgradeStatus result, Map<String, Integer> loaded);

  /**
   * The pod to SIGKILL for the member-kill fault, once the upgrade is where the fault belongs
   * (Infinispan: a target pod while sync-data runs; Hazelcast: a ready member other than the one
   * being replaced, once the roll is past its first member); empty until then.
   */
  Optional<String> memberToKill(UpgradeStatus status);

  /**
   * Deletes the grid's objects (the kubelet stops their processes) and waits until pods are gone.
   */
  void tearDown() throws InterruptedException;
}
