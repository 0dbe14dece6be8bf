package io.gridshift.workflows.infinispan.activities;

import io.gridshift.workflows.common.ClusterRef;
import java.util.List;

/**
 * Creates the target grid beside the source: a ConfigMap (the source's {@code infinispan.xml}, plus
 * in CONFIG mode a remote store per cache), a Service selecting only target pods, and a StatefulSet
 * copied from the source with the new image, its own labels and a RollingUpdate strategy with
 * minReadySeconds. Also creates {@code sourceService}, a Service pinned to the source pods, so the
 * remote stores and gridshift keep reaching the source after client traffic moves. Idempotent:
 * existing objects are brought to the same state.
 *
 * @param cluster where
 * @param sourceGrid the source StatefulSet
 * @param targetGrid the target StatefulSet (also the name of its Service)
 * @param sourceService name of the Service to create that selects only source pods
 * @param targetImage target image
 * @param minReadySeconds target minReadySeconds
 * @param port Hot Rod / REST port
 * @param remoteStoreCaches CONFIG mode: caches given a remote store to the source in the target's
 *     configuration (their definitions come from {@code cacheConfigsXml}); empty in RUNTIME mode
 * @param cacheConfigsXml CONFIG mode: {@code <distributed-cache .../>} elements (with remote
 *     stores) to place in the target's cache container; null in RUNTIME mode
 * @param credentialsSecret Secret for the remote stores' digest auth (referenced from the pod's
 *     environment, never copied), or null
 * @param sourceTlsSecret the request's {@code tlsSecret} (the source's CA in {@code ca.crt}): the
 *     target pods then mount a trust store made from it for their remote stores; null when the
 *     source is plain (and in records from before TLS)
 * @param runtimeCaches RUNTIME mode: the caches create-caches makes on the target at run time;
 *     their declarations are left out of the target's copy of {@code infinispan.xml}, because
 *     Infinispan cannot add a remote store at run time to a cache declared in the configuration of
 *     a cluster (ISPN000500 on re-creating it, ISPN000648 on adding the store to 3 members). Null
 *     in CONFIG mode and in records from before this field
 * @param claim the upgrade's workflow id, written on the target StatefulSet and the pinned Service
 *     as they are created; an existing one claimed by another upgrade is refused (null: no claim)
 */
public record DeployTargetRequest(
    ClusterRef cluster,
    String sourceGrid,
    String targetGrid,
    String sourceService,
    String targetImage,
    int minReadySeconds,
    int port,
    List<String> remoteStoreCaches,
    String cacheConfigsXml,
    String credentialsSecret,
    String claim,
    String sourceTlsSecret,
    List<String> runtimeCaches) {

  /** A request from before {@code runtimeCaches}: nothing is left out of the target's XML. */
  public DeployTargetRequest(
      ClusterRef cluster,
      String sourceGrid,
      String targetGrid,
      String sourceService,
      String targetImage,
      int minReadySeconds,
      int port,
      List<String> remoteStoreCaches,
      String cacheConfigsXml,
      String credentialsSecret,
      String claim,
      String sourceTlsSecret) {
    this(
        cluster,
        sourceGrid,
        targetGrid,
        sourceService,
        targetImage,
        minReadySeconds,
        port,
        remoteStoreCaches,
        cacheConfigsXml,
        credentialsSecret,
        claim,
        sourceTlsSecret,
        null);
  }

  /** A request for a plain (no TLS) source. */
  public DeployTargetRequest(
      ClusterRef cluster,
      String sourceGrid,
      String targetGrid,
      String sourceService,
      String targetImage,
      int minReadySeconds,
      int port,
      List<String> remoteStoreCaches,
      String cacheConfigsXml,
      String credentialsSecret,
      String claim) {
    this(
        cluster,
        sourceGrid,
        targetGrid,
        sourceService,
        targetImage,
        minReadySeconds,
        port,
        remoteStoreCaches,
        cacheConfigsXml,
        credentialsSecret,
        claim,
        null);
  }
}
