package io.gridshift.workflows.infinispan;

/** How each target cache reads through to its source cache until the data is synced. */
public enum ConnectionMode {
  /**
   * Runtime {@code POST /rest/v2/caches/{c}/rolling-upgrade/source-connection} on the target
   * (Infinispan 13+); disconnecting is a REST call. The plan's choice wherever the upgrade-path
   * matrix measures it usable ({@link UpgradePaths}).
   */
  RUNTIME,
  /**
   * The seed runbook's way: a remote store written into the target's configuration (ConfigMap)
   * before it starts; disconnecting rewrites the configuration and rolls the target pod by pod.
   */
  CONFIG
}
