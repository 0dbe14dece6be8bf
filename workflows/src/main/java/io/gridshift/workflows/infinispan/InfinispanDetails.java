package io.gridshift.workflows.infinispan;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.gridshift.workflows.common.CacheProgress;
import io.gridshift.workflows.common.DetailTable;
import io.gridshift.workflows.common.UpgradeDetails;
import java.util.List;

/**
 * An Infinispan upgrade's part of the status.
 *
 * @param plan the plan, once the source was inspected
 * @param caches per-cache progress: probe, sync, verification
 * @param writePausedCaches the caches whose client writes must pause (their write-through probe
 *     failed, {@code "protostream": "PAUSE_WRITES"}), so a client can tell which writes to hold
 *     when gate writes-paused opens; empty when none
 */
@JsonTypeName(InfinispanKind.NAME)
public record InfinispanDetails(
    InfinispanPlan plan, List<CacheProgress> caches, List<String> writePausedCaches)
    implements UpgradeDetails {

  public InfinispanDetails {
    caches = caches == null ? List.of() : List.copyOf(caches);
    writePausedCaches = writePausedCaches == null ? List.of() : List.copyOf(writePausedCaches);
  }

  @Override
  public List<DetailTable> tables() {
    if (caches.isEmpty()) {
      return List.of();
    }
    return List.of(
        new DetailTable(
            List.of("CACHE", "STATE", "SOURCE", "TARGET", "SYNCED", "MISSING"),
            caches.stream()
                .map(
                    c ->
                        List.of(
                            c.name(),
                            String.valueOf(c.state()),
                            String.valueOf(c.sourceEntries()),
                            String.valueOf(c.targetEntries()),
                            String.valueOf(c.synchronizedEntries()),
                            String.valueOf(c.missingKeys())))
                .toList()));
  }
}
