package io.gridshift.demo;

import io.gridshift.workflows.common.Versions;
import io.gridshift.workflows.infinispan.InfinispanReleases;
import io.gridshift.workflows.infinispan.InfinispanVersions;

/**
 * The versions {@code ./gridshift demo infinispan} upgrades between ({@code --from}, {@code --to}),
 * judged before anything starts by the product's own rules, so a typo or a jump gridshift refuses
 * costs no sandbox, no grid and no loading: each must be an Infinispan release as Maven Central
 * names it ({@link InfinispanReleases}), the target newer, and the jump one the plan supports
 * ({@link InfinispanVersions#refusal}).
 *
 * @param from the source grid's version
 * @param to the version to upgrade to
 */
public record InfinispanDemoVersions(String from, String to) {
  public static final String DEFAULT_FROM = "14.0.28.Final";
  public static final String DEFAULT_TO = "15.0.21.Final";

  /** Today's demo: {@value #DEFAULT_FROM} to {@value #DEFAULT_TO}. */
  public static InfinispanDemoVersions defaults() {
    return new InfinispanDemoVersions(DEFAULT_FROM, DEFAULT_TO);
  }

  /**
   * {@code from} to {@code to} (null: the default of each), checked.
   *
   * @param fromOption how the source was given, for messages ({@code --from}, or the manifest's
   *     image)
   * @throws IllegalArgumentException saying what is wrong and what to write instead
   */
  public static InfinispanDemoVersions of(String from, String fromOption, String to) {
    String source = from == null ? DEFAULT_FROM : from;
    String sourceOption = from == null ? fromOption + " (default)" : fromOption;
    String target = to == null ? DEFAULT_TO : to;
    String problem = InfinispanReleases.problem(fromOption, source);
    if (problem == null) {
      problem = InfinispanReleases.problem("--to", target);
    }
    if (problem == null && Versions.compare(target, source) <= 0) {
      problem =
          "--to "
              + target
              + " is not newer than "
              + sourceOption
              + " "
              + source
              + ": the demo upgrades; choose a newer --to";
    }
    if (problem == null) {
      problem =
          InfinispanVersions.refusal(source, target)
              .map(why -> "gridshift would refuse " + source + " -> " + target + ": " + why)
              .orElse(null);
    }
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return new InfinispanDemoVersions(source, target);
  }

  /** "14.0.28.Final -> 15.0.21.Final". */
  public String label() {
    return from + " -> " + to;
  }
}
