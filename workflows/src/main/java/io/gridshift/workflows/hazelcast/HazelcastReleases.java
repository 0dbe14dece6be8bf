package io.gridshift.workflows.hazelcast;

import io.gridshift.workflows.common.Limits;
import io.gridshift.workflows.common.ReleaseCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Hazelcast Platform 5.x releases a {@code targetVersion} may name, per edition.
 *
 * <p>Where the lists come from (read 2026-12-06):
 *
 * <ul>
 *   <li>{@link #COMMUNITY}: the {@code <versions>} of Maven Central's {@code maven-metadata.xml}
 *       for {@code com.hazelcast:hazelcast} (last updated there 2026-10-19), 5.0 on, without {@code
 *       -BETA} pre-releases. Hazelcast spells 5.0 and 5.1 without a patch number; 5.3.3 was never
 *       published. Since 5.4 the Community Edition ships only x.y.0 releases.
 *   <li>{@link #ENTERPRISE_ONLY}: patch releases Hazelcast publishes for the Enterprise Edition
 *       only (its own repository, not Maven Central), from the release histories on
 *       docs.hazelcast.com: 5.4.1 to 5.4.4 (5.4 history, 2025-12-01) and 5.5.1 to 5.5.4 (5.5
 *       release notes). An enterprise cluster may take every Community release too.
 * </ul>
 *
 * <p>To add a release: for the Community Edition, check that {@code com.hazelcast:hazelcast:<v>}
 * resolves from Maven Central and append it to {@link #COMMUNITY}; for an Enterprise patch, find it
 * in the release history of docs.hazelcast.com and append it to {@link #ENTERPRISE_ONLY}. Keep
 * {@code HazelcastReleasesTest} passing.
 */
public final class HazelcastReleases {
  /** major.minor or major.minor.patch, as Hazelcast tags its releases. */
  static final Pattern SYNTAX = Pattern.compile("\\d{1,3}\\.\\d{1,3}(\\.\\d{1,3})?");

  static final List<String> COMMUNITY =
      List.of(
          "5.0", "5.0.1", "5.0.2", "5.0.3", "5.0.4", "5.0.5", "5.1", "5.1.1", "5.1.2", "5.1.3",
          "5.1.4", "5.1.5", "5.1.6", "5.1.7", "5.2.0", "5.2.1", "5.2.2", "5.2.3", "5.2.4", "5.2.5",
          "5.3.0", "5.3.1", "5.3.2", "5.3.4", "5.3.5", "5.3.6", "5.3.7", "5.3.8", "5.4.0", "5.5.0",
          "5.6.0", "5.7.0");

  static final List<String> ENTERPRISE_ONLY =
      List.of("5.4.1", "5.4.2", "5.4.3", "5.4.4", "5.5.1", "5.5.2", "5.5.3", "5.5.4");

  private static final ReleaseCatalog OPEN_SOURCE_CATALOG =
      new ReleaseCatalog("Hazelcast open-source", SYNTAX, COMMUNITY);
  private static final ReleaseCatalog ENTERPRISE_CATALOG =
      new ReleaseCatalog("Hazelcast Enterprise", SYNTAX, enterprise());

  private HazelcastReleases() {}

  /** The releases a cluster of {@code edition} can run. */
  public static ReleaseCatalog of(HazelcastEdition edition) {
    return edition == HazelcastEdition.ENTERPRISE ? ENTERPRISE_CATALOG : OPEN_SOURCE_CATALOG;
  }

  /**
   * Why {@code version} cannot be field {@code field} for {@code edition}, or null when it is a
   * release of that edition.
   */
  public static String problem(String field, String version, HazelcastEdition edition) {
    ReleaseCatalog catalog = of(edition);
    if (version.length() > 40 || !catalog.wellFormed(version)) {
      return field
          + " '"
          + Limits.abbreviate(version)
          + "' is not a Hazelcast version: write it as major.minor.patch, e.g. 5.3.8";
    }
    if (edition != HazelcastEdition.ENTERPRISE && ENTERPRISE_ONLY.contains(version)) {
      return field
          + " '"
          + version
          + "' is an Enterprise-only release; the open-source edition's nearest are "
          + String.join(", ", catalog.nearest(version))
          + ": choose one of them, or set edition ENTERPRISE if the cluster runs Hazelcast"
          + " Enterprise";
    }
    return catalog.unknownProblem(field, version, "HazelcastReleases");
  }

  private static List<String> enterprise() {
    List<String> all = new ArrayList<>(COMMUNITY);
    all.addAll(ENTERPRISE_ONLY);
    return all;
  }
}
