package io.gridshift.demo.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rules that make a destructive action a duplicate, apart from the watch that feeds them. They
 * know nothing of upgrade plans: an action is a duplicate when it repeats one that already took
 * effect, where a repeat cannot be a retry that converged (a converging retry changes nothing, so
 * the API shows no second action).
 *
 * <ol>
 *   <li>A named object (StatefulSet, Deployment, ConfigMap, Service) deleted more than once.
 *   <li>A pod counts once per uid (when it gets a deletionTimestamp, or disappears unseen). A
 *       StatefulSet recreates its pods under the same names, so a pod <em>name</em> deleted again
 *       is a duplicate only if its StatefulSet's pod template did not change since the name's
 *       previous deletion: within one rollout each pod is replaced once; a rollback (template
 *       changed back) is a new rollout. The template is what the StatefulSet's updateRevision is a
 *       hash of, and, unlike the revision in its status, it is known the moment it is written. Pods
 *       without a StatefulSet: the name deleted twice is a duplicate.
 *   <li>A Service switched to the same selector more than once: A->B, B->A is a compensation; A->B,
 *       B->A, A->B switches to B twice.
 *   <li>A StatefulSet's partition lowered to the same value more than once while its template did
 *       not change (a rollback lowers the partition again, to roll back).
 * </ol>
 */
final class DestructiveActionLedger {
  private final List<DestructiveAction> actions = new ArrayList<>();
  private final List<String> duplicates = new ArrayList<>();
  private final Map<String, Integer> counts = new TreeMap<>();
  private final Map<String, Integer> times = new HashMap<>();
  private final Set<String> podUids = new HashSet<>();
  private final Map<String, String> templates = new HashMap<>();
  private final Map<String, Integer> templateChanges = new HashMap<>();
  private final Map<String, Integer> podDeletedInEpoch = new HashMap<>();

  /** A StatefulSet's pod template as last seen ({@code null}: the StatefulSet is gone). */
  synchronized void templateSeen(String statefulSet, String template) {
    boolean known = templates.containsKey(statefulSet);
    String last = templates.put(statefulSet, template);
    if (known && !Objects.equals(last, template)) {
      templateChanges.merge(statefulSet, 1, Integer::sum);
    }
  }

  /** Whether this pod's deletion was counted already (its second event is not another one). */
  synchronized boolean podCounted(String uid) {
    return podUids.contains(uid);
  }

  /** An object other than a pod deleted (rule 1). */
  synchronized void deleted(DestructiveAction action) {
    int n = add(action, "delete " + action.object());
    if (n > 1) {
      duplicates.add(action.object() + " deleted " + ordinal(n) + " time");
    }
  }

  /**
   * A pod deleted (rule 2); a uid already counted is ignored.
   *
   * @param statefulSet the owning StatefulSet ({@code ns/name}), or null
   * @return whether it was counted (a new uid)
   */
  synchronized boolean podDeleted(DestructiveAction action, String uid, String statefulSet) {
    if (!podUids.add(uid)) {
      return false;
    }
    add(action, null);
    String pod = action.namespace() + "/" + action.name();
    int epoch = statefulSet == null ? 0 : templateChanges.getOrDefault(statefulSet, 0);
    Integer previous = podDeletedInEpoch.put(pod, epoch);
    if (previous != null && previous == epoch) {
      duplicates.add(
          action.object()
              + " deleted again (uid "
              + uid
              + ") "
              + (statefulSet == null
                  ? "with no StatefulSet"
                  : "while StatefulSet " + statefulSet + "'s template did not change"));
    }
    return true;
  }

  /** A Service's selector switched (rule 3); {@code detail} is the new selector. */
  synchronized void selectorSwitched(DestructiveAction action) {
    int n = add(action, "switch " + action.object() + " to " + action.detail());
    if (n > 1) {
      duplicates.add(
          action.object()
              + " switched to selector "
              + action.detail()
              + " a "
              + ordinal(n)
              + " time");
    }
  }

  /** A partition lowered (rule 4); {@code detail} is the new value. */
  synchronized void partitionLowered(DestructiveAction action) {
    String sts = action.namespace() + "/" + action.name();
    int epoch = templateChanges.getOrDefault(sts, 0);
    int n = add(action, "lower " + sts + " to " + action.detail() + " in template " + epoch);
    if (n > 1) {
      duplicates.add(
          action.object()
              + " partition lowered to "
              + action.detail()
              + " a "
              + ordinal(n)
              + " time with the same pod template");
    }
  }

  private int add(DestructiveAction action, String repeatKey) {
    actions.add(action);
    counts.merge(action.verb() + " " + action.kind(), 1, Integer::sum);
    return repeatKey == null ? 1 : times.merge(repeatKey, 1, Integer::sum);
  }

  private static String ordinal(int n) {
    return switch (n) {
      case 2 -> "2nd";
      case 3 -> "3rd";
      default -> n + "th";
    };
  }

  synchronized List<DestructiveAction> actions() {
    return List.copyOf(actions);
  }

  synchronized List<String> duplicates() {
    return List.copyOf(duplicates);
  }

  synchronized Map<String, Integer> counts() {
    return new TreeMap<>(counts);
  }
}
