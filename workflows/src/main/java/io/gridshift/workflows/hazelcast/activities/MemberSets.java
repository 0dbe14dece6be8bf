package io.gridshift.workflows.hazelcast.activities;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether the pods' members form one cluster, by the member UUIDs each reports on {@code
 * /hazelcast/rest/cluster}. Sizes alone cannot say it: a member that has not joined reports itself
 * a safe cluster of one (hazelcast#13302), and two clusters of the same size each report the
 * expected size. So every answering member must name its own UUID and see exactly the answering
 * pods' own members: none missing, none from elsewhere.
 */
public final class MemberSets {
  private MemberSets() {}

  /**
   * One reason per answering member that disagrees, naming it and what it sees; empty when they all
   * see the same set. Members that do not answer are left to the caller (they have no UUID).
   */
  public static List<String> problems(List<MemberHealth> members) {
    List<MemberHealth> answering = members.stream().filter(MemberHealth::reachable).toList();
    List<String> problems = new ArrayList<>();
    for (MemberHealth m : answering) {
      if (m.uuid() == null || m.memberUuids() == null || m.memberUuids().isEmpty()) {
        problems.add(
            name(m)
                + " did not report its member list on /hazelcast/rest/cluster, so it cannot be"
                + " shown to be in one cluster with the others (enable the CLUSTER_READ REST"
                + " endpoint group)");
      }
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    Map<String, String> pods = new LinkedHashMap<>();
    answering.forEach(m -> pods.put(m.uuid(), m.pod()));
    for (MemberHealth m : answering) {
      Set<String> seen = new TreeSet<>(m.memberUuids());
      List<String> missing =
          pods.entrySet().stream()
              .filter(e -> !seen.contains(e.getKey()))
              .map(Map.Entry::getValue)
              .toList();
      List<String> foreign =
          seen.stream().filter(u -> !pods.containsKey(u)).map(MemberSets::shortUuid).toList();
      if (!missing.isEmpty() || !foreign.isEmpty()) {
        problems.add(disagreement(m, missing, foreign));
      }
    }
    return problems;
  }

  /** {@code hz-1 (10.0.0.5:5701)}: how reasons name a member. */
  public static String name(MemberHealth m) {
    return "%s (%s)".formatted(m.pod(), m.address() == null ? "no IP" : m.address());
  }

  private static String disagreement(MemberHealth m, List<String> missing, List<String> foreign) {
    List<String> parts = new ArrayList<>();
    if (!missing.isEmpty()) {
      parts.add("does not see " + String.join(", ", missing));
    }
    if (!foreign.isEmpty()) {
      parts.add(
          "sees "
              + foreign.size()
              + (foreign.size() == 1 ? " member" : " members")
              + " that no answering pod runs ("
              + String.join(", ", foreign)
              + ")");
    }
    return name(m)
        + " is not in one cluster with the other pods: it "
        + String.join(" and ", parts);
  }

  /** The first 8 characters of a UUID: enough to tell members apart in a message. */
  private static String shortUuid(String uuid) {
    return uuid.length() > 8 ? uuid.substring(0, 8) : uuid;
  }
}
