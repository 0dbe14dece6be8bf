package io.gridshift.demo;

import io.gridshift.workflows.hazelcast.HazelcastEdition;
import io.gridshift.workflows.hazelcast.HazelcastPath;
import io.gridshift.workflows.hazelcast.HazelcastPaths;
import io.gridshift.workflows.hazelcast.HazelcastReleases;

/**
 * The versions {@code ./gridshift demo hazelcast} upgrades between ({@code --from}, {@code --to}),
 * judged before anything starts by the product's own rules: each an open-source Hazelcast release
 * ({@link HazelcastReleases}) and a jump with a path ({@link HazelcastPaths#decide}): a patch rolls
 * the members, a later minor goes blue-green.
 *
 * @param from the source grid's version
 * @param to the version to upgrade to
 */
public record HazelcastDemoVersions(String from, String to) {
  public static final String DEFAULT_FROM = "5.3.6";
  public static final String DEFAULT_TO = "5.3.8";

  /** Today's default demo: the rolling {@value #DEFAULT_FROM} to {@value #DEFAULT_TO}. */
  public static HazelcastDemoVersions defaults() {
    return new HazelcastDemoVersions(DEFAULT_FROM, DEFAULT_TO);
  }

  /**
   * {@code from} to {@code to} (null: the default of each), checked.
   *
   * @throws IllegalArgumentException saying what is wrong and what to write instead
   */
  public static HazelcastDemoVersions of(String from, String to) {
    String source = from == null ? DEFAULT_FROM : from;
    String target = to == null ? DEFAULT_TO : to;
    String problem = HazelcastReleases.problem("--from", source, HazelcastEdition.OPEN_SOURCE);
    if (problem == null) {
      problem = HazelcastReleases.problem("--to", target, HazelcastEdition.OPEN_SOURCE);
    }
    if (problem == null && path(source, target) == null) {
      problem =
          "gridshift has no path from "
              + source
              + " to "
              + target
              + " (open source): choose a newer --to of the same major";
    }
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return new HazelcastDemoVersions(source, target);
  }

  /** How the product upgrades this pair: rolling (patch) or blue-green (a later minor). */
  public HazelcastPath path() {
    return path(from, to);
  }

  private static HazelcastPath path(String from, String to) {
    return HazelcastPaths.decide(HazelcastEdition.OPEN_SOURCE, from, to);
  }

  /** "5.3.8 -> 5.5.0". */
  public String label() {
    return from + " -> " + to;
  }
}
