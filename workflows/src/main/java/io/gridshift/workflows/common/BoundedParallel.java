package io.gridshift.workflows.common;

import io.temporal.workflow.Async;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a workflow function over items with at most {@code limit} running at once (for example
 * sync-data over caches: parallel caches are faster, but the target's CPU is the limit). Workflow
 * code only; deterministic.
 */
public final class BoundedParallel {
  private BoundedParallel() {}

  /**
   * Applies {@code fn} to every item, at most {@code limit} at a time, in item order, and returns
   * the results in item order. After the first failure no new item starts; the running ones are
   * allowed to finish (so nothing is left acting on a grid the caller may compensate), then the
   * first failure in item order is rethrown.
   */
  public static <T, R> List<R> map(List<T> items, int limit, Functions.Func1<T, R> fn) {
    int bound = Math.max(1, limit);
    List<Promise<R>> started = new ArrayList<>();
    for (T item : items) {
      Workflow.await(() -> running(started) < bound);
      if (firstFailure(started) != null) {
        break;
      }
      started.add(Async.function(fn, item));
    }
    Workflow.await(() -> running(started) == 0);
    RuntimeException failure = firstFailure(started);
    if (failure != null) {
      throw failure;
    }
    List<R> results = new ArrayList<>();
    for (Promise<R> p : started) {
      results.add(p.get());
    }
    return results;
  }

  private static <R> long running(List<Promise<R>> started) {
    return started.stream().filter(p -> !p.isCompleted()).count();
  }

  private static <R> RuntimeException firstFailure(List<Promise<R>> started) {
    for (Promise<R> p : started) {
      if (p.isCompleted() && p.getFailure() != null) {
        return p.getFailure();
      }
    }
    return null;
  }
}
