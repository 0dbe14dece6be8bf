package io.gridshift.demo.measure;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.StepStatus;
import io.gridshift.workflows.common.UpgradeStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How much of an upgrade's wall time is orchestration rather than waiting for the world.
 *
 * <p>Irreducible: pods starting until Ready, minReadySeconds after Ready, graceful shutdowns
 * (deletion begun until the pod is gone), the grid moving data (sync steps, and rebalancing while
 * the grid reports itself unsettled). Time spent waiting for people counts on neither side: gates
 * open, and a pause (from the audit's PAUSED to its RESUMED, or the end) while no step runs (a
 * pause takes effect before the next step, so the step under way when it came still works). The
 * rest, {@code overheadMs}, is what the orchestrator adds: its own calls, polling lag, workflow
 * turns.
 *
 * @param wallMs from the first step's start to the last step's end
 * @param gateWaitMs of which spent at gates
 * @param pausedMs of which the upgrade stood paused, outside gates and steps
 * @param irreducibleMs of the remainder, the union of the irreducible waits
 * @param irreducibleByKind each kind of irreducible wait on its own (they overlap)
 * @param overheadMs {@code wallMs - gateWaitMs - pausedMs - irreducibleMs}
 * @param overheadPercent {@code overheadMs} as a percentage of {@code wallMs - gateWaitMs -
 *     pausedMs}
 * @param reactionMs in the steps that wait for pods ({@link #WAITING_STEPS}): each time the world
 *     went quiet (every pod started and available, shutdowns done, grid settled), how long until
 *     the orchestrator's next move changed it again or ended the step
 */
public record Overhead(
    long wallMs,
    long gateWaitMs,
    long pausedMs,
    long irreducibleMs,
    Map<String, Long> irreducibleByKind,
    long overheadMs,
    double overheadPercent,
    List<Long> reactionMs) {

  /** Steps in which the grid itself copies data (or the catch-up pass copies what differs). */
  public static final Set<String> DATA_STEPS =
      Set.of("sync-data", "sync-paused-caches", "catch-up-paused-caches");

  /** Steps that mostly wait for pods: the orchestrator's reaction time shows there. */
  public static final Set<String> WAITING_STEPS = Set.of("deploy-target", "roll-first-pod", "roll");

  /** Computes the split from the final status and what the recorder saw. */
  public static Overhead compute(
      UpgradeStatus status, List<PodLife> pods, List<Interval> unsettled) {
    Interval window = window(status.steps());
    List<Interval> gates = new ArrayList<>();
    List<Interval> working = new ArrayList<>();
    List<Interval> sync = new ArrayList<>();
    for (StepStatus s : status.steps()) {
      Interval span = span(s, window.endMs());
      if (span == null) {
        continue;
      }
      (s.name().startsWith("gate:") ? gates : working).add(span.clip(window));
      if (DATA_STEPS.contains(s.name())) {
        sync.add(span.clip(window));
      }
    }
    List<Interval> paused =
        Interval.minus(Interval.minus(clipAll(pauses(status, window), window), gates), working);
    List<Interval> people = new ArrayList<>(gates);
    people.addAll(paused);
    Map<String, List<Interval>> kinds = new LinkedHashMap<>();
    kinds.put("podStarts", new ArrayList<>());
    kinds.put("minReadySeconds", new ArrayList<>());
    kinds.put("gracefulShutdowns", new ArrayList<>());
    kinds.put("dataSync", sync);
    kinds.put("rebalancing", clipAll(unsettled, window));
    for (PodLife pod : pods) {
      addPod(pod, window, kinds);
    }
    Map<String, Long> byKind = new LinkedHashMap<>();
    List<Interval> all = new ArrayList<>();
    kinds.forEach(
        (kind, spans) -> {
          byKind.put(kind, Interval.unionLength(Interval.minus(spans, people)));
          all.addAll(spans);
        });
    long wall = window.length();
    long gateWait = Interval.unionLength(gates);
    long pausedMs = Interval.unionLength(paused);
    long irreducible = Interval.unionLength(Interval.minus(all, people));
    long overhead = Math.max(0, wall - gateWait - pausedMs - irreducible);
    long busy = wall - gateWait - pausedMs;
    double percent = busy <= 0 ? 0 : Math.round(1000.0 * overhead / busy) / 10.0;
    return new Overhead(
        wall,
        gateWait,
        pausedMs,
        irreducible,
        byKind,
        overhead,
        percent,
        reactions(status, all, window));
  }

  /**
   * The spans between each PAUSED in the audit and the RESUMED after it (the window's end when none
   * followed).
   */
  static List<Interval> pauses(UpgradeStatus status, Interval window) {
    List<Interval> spans = new ArrayList<>();
    Long since = null;
    for (AuditEntry a : status.audit() == null ? List.<AuditEntry>of() : status.audit()) {
      if (a.action() == AuditEntry.Action.PAUSED && since == null) {
        since = millis(a.at());
      } else if (a.action() == AuditEntry.Action.RESUMED && since != null) {
        spans.add(new Interval(since, millis(a.at())));
        since = null;
      }
    }
    if (since != null) {
      spans.add(new Interval(since, Math.max(since, window.endMs())));
    }
    return spans;
  }

  /** The gaps after each quiet-making end of a busy period inside the waiting steps. */
  private static List<Long> reactions(UpgradeStatus status, List<Interval> busy, Interval window) {
    List<Long> gaps = new ArrayList<>();
    for (StepStatus s : status.steps()) {
      Interval step = span(s, window.endMs());
      if (step == null || s.endedAt() == null || !WAITING_STEPS.contains(s.name())) {
        continue;
      }
      List<Interval> inStep = Interval.union(clipAll(busy, step));
      for (int i = 0; i < inStep.size(); i++) {
        long quiet = inStep.get(i).endMs();
        long next = i + 1 < inStep.size() ? inStep.get(i + 1).startMs() : step.endMs();
        if (quiet < step.endMs()) {
          gaps.add(next - quiet);
        }
      }
    }
    return gaps;
  }

  private static void addPod(PodLife pod, Interval window, Map<String, List<Interval>> kinds) {
    long end = window.endMs();
    if (pod.createdMs() > 0) {
      long ready = pod.readyMs() > 0 ? pod.readyMs() : pod.goneMs() > 0 ? pod.goneMs() : end;
      kinds.get("podStarts").add(new Interval(pod.createdMs(), ready).clip(window));
    }
    if (pod.readyMs() > 0 && pod.minReadySeconds() > 0) {
      long available = pod.readyMs() + pod.minReadySeconds() * 1000L;
      long cut = pod.terminatingMs() > 0 ? Math.min(available, pod.terminatingMs()) : available;
      kinds.get("minReadySeconds").add(new Interval(pod.readyMs(), cut).clip(window));
    }
    if (pod.terminatingMs() > 0) {
      long gone = pod.goneMs() > 0 ? pod.goneMs() : end;
      kinds.get("gracefulShutdowns").add(new Interval(pod.terminatingMs(), gone).clip(window));
    }
  }

  private static List<Interval> clipAll(List<Interval> spans, Interval window) {
    return spans.stream().map(i -> i.clip(window)).toList();
  }

  private static Interval window(List<StepStatus> steps) {
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (StepStatus s : steps) {
      if (s.startedAt() != null) {
        start = Math.min(start, millis(s.startedAt()));
        end = Math.max(end, millis(s.endedAt() != null ? s.endedAt() : s.startedAt()));
      }
    }
    return start == Long.MAX_VALUE ? new Interval(0, 0) : new Interval(start, end);
  }

  private static Interval span(StepStatus s, long openEnd) {
    if (s.startedAt() == null) {
      return null;
    }
    return new Interval(millis(s.startedAt()), s.endedAt() == null ? openEnd : millis(s.endedAt()));
  }

  private static long millis(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }
}
