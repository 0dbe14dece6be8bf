package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.infinispan.activities.CacheInfo;
import io.gridshift.workflows.request.InfinispanUpgradeRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan's forecast of the write-through hazard, per cache, from what the matrix measured for the
 * chosen path ({@link PathChoice#writeThrough()}). The write-through probe still checks every cache
 * at run time ({@link CacheData}); this only tells the person before anything starts.
 *
 * <ol>
 *   <li>The cache's encoding FAILs for the path: predicted, with the measured evidence and what
 *       {@code protostream} handling does about it.
 *   <li>Not measured, and encoded protostream: the hazard is possible (seen on 15.x targets).
 *   <li>PASS, or another encoding not measured: nothing to say.
 *   <li>Any cache at risk, PAUSE_WRITES and gate writes-paused AUTO: nobody will be asked to pause.
 * </ol>
 */
final class WriteThroughForecast {
  private static final String PROTOSTREAM = "application/x-protostream";

  private WriteThroughForecast() {}

  /** The warnings for {@code caches} upgraded along {@code path}. */
  static List<String> warnings(
      InfinispanUpgradeRequest request, PathChoice path, List<CacheInfo> caches) {
    List<String> warnings = new ArrayList<>();
    boolean atRisk = false;
    for (CacheInfo c : caches) {
      PathStatus measured = path.writeThrough().forMediaType(c.mediaType());
      if (measured == PathStatus.FAIL) {
        atRisk = true;
        warnings.add(
            "cache '"
                + c.name()
                + "' is encoded "
                + c.mediaType()
                + ": measured for "
                + path.pair()
                + " in "
                + path.mode()
                + " mode, a write through the target is lost while the source is connected ("
                + path.evidence()
                + "); the write-through probe checks this again before traffic moves, and "
                + whenProbeFails(request, path));
      } else if (measured == PathStatus.NOT_RUN && PROTOSTREAM.equals(c.mediaType())) {
        atRisk = true;
        warnings.add(
            "cache '"
                + c.name()
                + "' is encoded "
                + PROTOSTREAM
                + ": on some targets a write through the target is lost while the source is"
                + " connected; the write-through probe checks this before traffic moves, and "
                + whenProbeFails(request, path));
      }
    }
    boolean autoPause =
        request.gates().get(InfinispanGates.WRITES_PAUSED).approval() == GatePolicy.Approval.AUTO;
    if (atRisk && request.protostream() == ProtostreamHandling.PAUSE_WRITES && autoPause) {
      warnings.add(
          "gate '"
              + InfinispanGates.WRITES_PAUSED
              + "' is AUTO: nobody is asked to pause client writes; pause them before the upgrade"
              + " starts, or writes made during "
              + InfinispanSteps.SYNC_PAUSED_CACHES
              + " are lost");
    }
    return warnings;
  }

  private static String whenProbeFails(InfinispanUpgradeRequest request, PathChoice path) {
    if (request.protostream() == ProtostreamHandling.PAUSE_WRITES) {
      return "if it fails gate '"
          + InfinispanGates.WRITES_PAUSED
          + "' asks for client writes to the cache to be paused until switch-traffic has"
          + " completed";
    }
    if (path.mode() == ConnectionMode.CONFIG) {
      return "if it fails the upgrade stops (\"protostream\": \"PAUSE_WRITES\", which migrates"
          + " such caches with client writes paused, needs connectionMode RUNTIME)";
    }
    return "if it fails the upgrade stops (set \"protostream\": \"PAUSE_WRITES\" to migrate"
        + " such caches with client writes paused instead)";
  }
}
