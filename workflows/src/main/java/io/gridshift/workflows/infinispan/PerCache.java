package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.common.BoundedParallel;
import io.temporal.workflow.Functions;
import java.util.List;

/**
 * Runs a light per-cache step (create, connect, probe, verify) over caches, up to {@value
 * #PARALLELISM} at once, results in cache order. These steps are a few REST or Hot Rod calls each
 * and the servers handle them side by side; one after another they were most of the orchestrator's
 * own share of an upgrade's time.
 */
final class PerCache {
  static final int PARALLELISM = 4;

  private PerCache() {}

  static <R> List<R> map(List<String> caches, Functions.Func1<String, R> step) {
    return BoundedParallel.map(caches, PARALLELISM, step);
  }

  static void forEach(List<String> caches, Functions.Proc1<String> step) {
    map(
        caches,
        cache -> {
          step.apply(cache);
          return cache;
        });
  }
}
