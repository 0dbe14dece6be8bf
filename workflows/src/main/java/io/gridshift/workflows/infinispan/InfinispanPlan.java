package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.infinispan.activities.CacheInfo;
import io.gridshift.workflows.infinispan.activities.SourceGrid;
import java.util.List;

/**
 * What an Infinispan upgrade will do, computed before anything changes (and all a dry run returns).
 *
 * @param source the source grid as found
 * @param sourceService the Service gridshift creates pinned to the source pods
 * @param targetGrid target StatefulSet (and Service) name
 * @param targetImage target image
 * @param targetVersion target version
 * @param replicas target replicas (same as the source)
 * @param minReadySeconds target minReadySeconds
 * @param connectionMode how caches read through to the source
 * @param caches the user caches to migrate, with entry counts
 * @param schemas Protobuf schemas copied first
 * @param steps the steps, in order
 * @param warnings things worth knowing that do not stop the upgrade
 * @param connectionModeReason one line: why {@code connectionMode} (measured usable, requested, not
 *     measured, ...), from {@link UpgradePaths}
 * @param sourceVersion the version the source runs: its server's answer, else its image tag's
 *     ({@link ServerVersions}); {@code source().version()} is the tag's
 */
public record InfinispanPlan(
    SourceGrid source,
    String sourceService,
    String targetGrid,
    String targetImage,
    String targetVersion,
    int replicas,
    int minReadySeconds,
    ConnectionMode connectionMode,
    List<CacheInfo> caches,
    List<String> schemas,
    List<String> steps,
    List<String> warnings,
    String connectionModeReason,
    String sourceVersion) {
  /** Plans of histories recorded before the field go by the image tag. */
  public InfinispanPlan {
    if (sourceVersion == null && source != null) {
      sourceVersion = source.version();
    }
  }
}
