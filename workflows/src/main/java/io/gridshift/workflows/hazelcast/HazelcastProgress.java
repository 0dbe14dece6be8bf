package io.gridshift.workflows.hazelcast;

import io.gridshift.workflows.common.MapProgress;
import io.gridshift.workflows.common.MemberStatus;
import io.gridshift.workflows.hazelcast.activities.ClusterSnapshot;
import io.gridshift.workflows.hazelcast.activities.MemberHealth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The members and maps part of {@code status()}: each member's latest health numbers with where its
 * pod is in the roll, and each map's entry counts before and after. Workflow code only; the
 * workflow thread is the only writer.
 */
final class HazelcastProgress {
  static final String PENDING = "PENDING";
  static final String ROLLING = "ROLLING";
  static final String UPDATED = "UPDATED";
  static final String ROLLING_BACK = "ROLLING_BACK";
  static final String ROLLED_BACK = "ROLLED_BACK";

  private final Map<String, MemberStatus> members = new LinkedHashMap<>();
  private final Map<String, MapProgress> maps = new LinkedHashMap<>();

  /** Takes every member's numbers from {@code snapshot}, keeping each known pod's roll state. */
  void update(ClusterSnapshot snapshot) {
    for (MemberHealth m : snapshot.members()) {
      MemberStatus known = members.get(m.pod());
      String state = known == null ? PENDING : known.state();
      members.put(
          m.pod(),
          new MemberStatus(
              m.pod(),
              m.version(),
              m.reachable(),
              m.clusterSafe(),
              m.migrationQueueSize(),
              m.clusterSize(),
              state));
    }
  }

  /** Sets the roll state of {@code pod} (added with no numbers when not seen yet). */
  void state(String pod, String state) {
    MemberStatus m = members.get(pod);
    members.put(
        pod,
        m == null
            ? new MemberStatus(pod, null, false, false, 0, 0, state)
            : new MemberStatus(
                pod,
                m.version(),
                m.reachable(),
                m.clusterSafe(),
                m.migrationQueueSize(),
                m.clusterSize(),
                state));
  }

  /** Sets every known member's roll state (Deployment rollouts have no per-pod pacing). */
  void stateOfAll(String state) {
    for (String pod : List.copyOf(members.keySet())) {
      state(pod, state);
    }
  }

  /** The roll state of {@code pod}, PENDING when unknown. */
  String state(String pod) {
    MemberStatus m = members.get(pod);
    return m == null ? PENDING : m.state();
  }

  /** Records the entry counts before the roll. */
  void sizesBefore(Map<String, Long> sizes) {
    maps.clear();
    sizes.forEach((name, n) -> maps.put(name, new MapProgress(name, n, null)));
  }

  /** Records the entry counts at verification (a map gone since counts 0). */
  void sizesAfter(Map<String, Long> sizes) {
    maps.replaceAll(
        (name, p) -> new MapProgress(name, p.entriesBefore(), sizes.getOrDefault(name, 0L)));
  }

  List<MemberStatus> members() {
    return new ArrayList<>(members.values());
  }

  List<MapProgress> maps() {
    return new ArrayList<>(maps.values());
  }
}
