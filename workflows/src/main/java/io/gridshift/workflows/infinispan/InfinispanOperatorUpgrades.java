package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.common.Versions;

/**
 * How to upgrade a grid the Infinispan (Data Grid) Operator owns through the operator itself: the
 * {@code Infinispan} resource's {@code spec.version} (operator 2.3+ runs several server versions)
 * and the {@code spec.upgrades.type} that fits the version jump. The operator's types, from its
 * guide ("Upgrading Data Grid clusters"):
 *
 * <ul>
 *   <li>{@code InPlaceRolling}: pods replaced one by one by a StatefulSet RollingUpdate, for patch
 *       releases of one minor version (newer operators only);
 *   <li>{@code HotRodRolling}: a new cluster beside the old one, data moved over Hot Rod and
 *       traffic switched, no downtime: what gridshift does, for minor and major upgrades;
 *   <li>{@code Shutdown} (the default): the cluster is stopped and started again on the new
 *       version, with downtime.
 * </ul>
 */
public final class InfinispanOperatorUpgrades {
  private InfinispanOperatorUpgrades() {}

  /** The upgrade type that fits {@code from -> to}: InPlaceRolling or HotRodRolling. */
  public static String fittingType(String from, String to) {
    boolean patch =
        Versions.isValid(from)
            && Versions.isValid(to)
            && Versions.majorMinor(from).equals(Versions.majorMinor(to));
    return patch ? "InPlaceRolling" : "HotRodRolling";
  }

  /** What to do instead of gridshift, for {@code resource} (e.g. {@code Infinispan grids/dg}). */
  public static String advice(String resource, String from, String to) {
    String type = fittingType(from, to);
    String why =
        type.equals("InPlaceRolling")
            ? "a patch release of the same minor version: pods are replaced one by one; an"
                + " operator without it takes HotRodRolling"
            : "a new minor or major version: a new cluster beside the old one, data moved over Hot"
                + " Rod, no downtime; Shutdown, the default, stops the grid";
    return "upgrade it through the Infinispan Operator: set spec.upgrades.type: "
        + type
        + " ("
        + why
        + ") and spec.version: "
        + operatorVersion(to)
        + " on "
        + (resource == null ? "its Infinispan resource" : resource);
  }

  /** The version as the operator's {@code spec.version} names it: without {@code .Final}. */
  static String operatorVersion(String version) {
    return version.endsWith(".Final")
        ? version.substring(0, version.length() - ".Final".length())
        : version;
  }
}
