package io.gridshift.workflows.hazelcast;

import io.gridshift.workflows.hazelcast.HazelcastPreflight.Violation;
import io.gridshift.workflows.hazelcast.activities.HazelcastWorkload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The blue-green path's rules on the source's event journals, decided at plan time from the member
 * configuration and the maps' entry counts, so an upgrade that cannot follow a map is refused
 * before the target is deployed.
 *
 * <ol>
 *   <li>Each map the upgrade moves is matched to its configuration as a member matches it: its own
 *       name, else the wildcard pattern that matches the most of it ({@code orders-*}), else {@code
 *       default}. A map configuration does not inherit {@code default}'s journal.
 *   <li>A map whose configuration has no enabled {@code event-journal} refuses the plan (rule
 *       {@value #EVENT_JOURNAL}), every such map named with the lines to add. A map's configuration
 *       cannot change at run time, so the source's members must restart with them: gridshift does
 *       not roll the source for it (yet), a person does, with the source's own version.
 *   <li>A journal smaller than {@link #minimumCapacity} is a warning, not a refusal.
 * </ol>
 */
final class HazelcastJournalRules {
  static final String EVENT_JOURNAL = "event-journal-required";

  /** Hazelcast's default partition count, over which a journal's capacity is spread. */
  static final int PARTITIONS = 271;

  private HazelcastJournalRules() {}

  /**
   * The journal capacity below which the plan warns for a map of {@code entries}: a tenth of its
   * entries, and at least one event per partition. The journal must hold what clients write to the
   * map while gridshift copies it; at the copy rates measured (tens of thousands of entries a
   * second) that window is seconds for a map of 100,000, so a tenth of the map is room for a write
   * rate of several thousand a second to the one map. Capacity is spread evenly over the partitions
   * (capacity / {@value #PARTITIONS} each), so a hot partition fills first. Falling short loses no
   * data: copy-maps sees that a partition's journal overwrote events it had not read and copies
   * that partition again; it costs time, and under a sustained write rate above the bound a
   * partition may need several copies.
   */
  static long minimumCapacity(long entries) {
    return Math.max(entries / 10, PARTITIONS);
  }

  /** The configuration a member uses for {@code map}, or null when none matches (no journal). */
  static String configFor(String map, Map<String, Integer> configs) {
    if (configs.containsKey(map)) {
      return map;
    }
    String best = null;
    int bestLength = -1;
    for (String pattern : configs.keySet()) {
      int star = pattern.indexOf('*');
      if (star < 0) {
        continue;
      }
      String prefix = pattern.substring(0, star);
      String suffix = pattern.substring(star + 1);
      boolean matches =
          map.length() >= prefix.length() + suffix.length()
              && map.startsWith(prefix)
              && map.endsWith(suffix);
      if (matches && pattern.length() > bestLength) {
        best = pattern;
        bestLength = pattern.length();
      }
    }
    if (best != null) {
      return best;
    }
    return configs.containsKey("default") ? "default" : null;
  }

  /** The refusal for the maps of {@code entries} without an enabled journal, or null. */
  static Violation check(String subject, HazelcastWorkload w, Map<String, Long> entries) {
    Map<String, Integer> journals = w.features().journals();
    List<String> missing = new ArrayList<>();
    for (String map : new TreeSet<>(entries.keySet())) { // sorted: one message for one config
      String config = configFor(map, journals);
      if (config == null || journals.get(config) <= 0) {
        missing.add(config == null || config.equals(map) ? map : map + " (config " + config + ")");
      }
    }
    if (missing.isEmpty()) {
      return null;
    }
    return HazelcastPreflight.violation(
        EVENT_JOURNAL,
        subject,
        "the blue-green upgrade follows each map's event journal while it copies, and the member"
            + " configuration"
            + (w.configMap() == null ? "" : " (ConfigMap " + w.configMap() + ")")
            + " gives "
            + String.join(", ", missing)
            + " no enabled event-journal",
        "add to each map's configuration (or to map default)"
            + " `event-journal: {enabled: true, capacity: 100000}` (XML: <event-journal"
            + " enabled=\"true\"><capacity>100000</capacity></event-journal>), then restart the"
            + " source's members with it at their current version, one at a time (a map's"
            + " configuration cannot change at run time, and gridshift does not roll the source"
            + " for it: fixUnsafeSettings does not), and run the upgrade again");
  }

  /** One warning per map whose journal is below {@link #minimumCapacity}. */
  static List<String> warnings(HazelcastWorkload w, Map<String, Long> entries) {
    Map<String, Integer> journals = w.features().journals();
    List<String> warnings = new ArrayList<>();
    new TreeMap<>(entries)
        .forEach(
            (map, count) -> {
              String config = configFor(map, journals);
              int capacity = config == null ? 0 : journals.get(config);
              long minimum = minimumCapacity(count);
              if (capacity > 0 && capacity < minimum) {
                warnings.add(
                    ("map %s: event-journal capacity %d (config %s, about %d events per partition)"
                            + " is below %d for its %d entries: writes during the copy may overrun a"
                            + " partition's journal, which costs a copy of that partition again, not"
                            + " data; raise capacity to at least %d to avoid it")
                        .formatted(
                            map, capacity, config, capacity / PARTITIONS, minimum, count, minimum));
              }
            });
    return warnings;
  }
}
