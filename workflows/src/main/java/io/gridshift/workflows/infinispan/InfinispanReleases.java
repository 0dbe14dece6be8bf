package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.common.Limits;
import io.gridshift.workflows.common.ReleaseCatalog;
import io.gridshift.workflows.common.Versions;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Infinispan server releases a {@code targetVersion} may name, and how Infinispan spells them.
 *
 * <p>Where the list comes from: the {@code <versions>} of Maven Central's {@code
 * maven-metadata.xml} for {@code org.infinispan:infinispan-server-runtime} (the server
 * distribution; last updated there 2026-10-19, read 2026-12-06), 10.1.x to 16.0.x, without the
 * {@code .DevNN} pre-releases. Central has gaps on purpose (e.g. no 14.0.10 to 14.0.20 and no
 * 11.0.x patch below 11.0.1): those were never published as a server there. Which of these
 * gridshift can upgrade to is a separate rule ({@link InfinispanVersions}).
 *
 * <p>To add a release: check that {@code org.infinispan:infinispan-server-runtime:<version>}
 * resolves from Maven Central (e.g. {@code mvn dependency:get
 * -Dartifact=org.infinispan:infinispan-server-runtime:<version>:pom}), append it to {@link
 * #RELEASES} with the date read, and keep {@code InfinispanReleasesTest} passing.
 */
public final class InfinispanReleases {
  /** Up to 15.x a release ends in {@code .Final}; from 16.0 on it has no suffix. */
  static final Pattern SYNTAX = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(\\.Final)?");

  /** First major version released without the {@code .Final} suffix. */
  static final int FIRST_WITHOUT_FINAL = 16;

  static final List<String> RELEASES =
      List.of(
          "10.1.8.Final",
          "11.0.1.Final",
          "11.0.9.Final",
          "11.0.11.Final",
          "11.0.15.Final",
          "11.0.16.Final",
          "11.0.17.Final",
          "12.0.2.Final",
          "12.1.4.Final",
          "12.1.7.Final",
          "12.1.11.Final",
          "12.1.12.Final",
          "13.0.0.Final",
          "13.0.5.Final",
          "13.0.6.Final",
          "13.0.8.Final",
          "13.0.9.Final",
          "13.0.10.Final",
          "13.0.11.Final",
          "13.0.18.Final",
          "14.0.0.Final",
          "14.0.1.Final",
          "14.0.2.Final",
          "14.0.3.Final",
          "14.0.4.Final",
          "14.0.5.Final",
          "14.0.6.Final",
          "14.0.7.Final",
          "14.0.8.Final",
          "14.0.9.Final",
          "14.0.21.Final",
          "14.0.27.Final",
          "14.0.28.Final",
          "15.0.0.Final",
          "15.0.2.Final",
          "15.0.3.Final",
          "15.0.4.Final",
          "15.0.5.Final",
          "15.0.6.Final",
          "15.0.7.Final",
          "15.0.8.Final",
          "15.0.10.Final",
          "15.0.11.Final",
          "15.0.12.Final",
          "15.0.13.Final",
          "15.0.14.Final",
          "15.0.15.Final",
          "15.0.18.Final",
          "15.0.19.Final",
          "15.0.21.Final",
          "15.1.0.Final",
          "15.1.7.Final",
          "15.2.0.Final",
          "15.2.1.Final",
          "15.2.5.Final",
          "15.2.6.Final",
          "16.0.0",
          "16.0.1",
          "16.0.5",
          "16.0.7");

  /** The catalog. */
  public static final ReleaseCatalog CATALOG = new ReleaseCatalog("Infinispan", SYNTAX, RELEASES);

  private InfinispanReleases() {}

  /** Why {@code version} cannot be field {@code field}, or null when it is a known release. */
  public static String problem(String field, String version) {
    if (version.length() > 40 || !CATALOG.wellFormed(version)) {
      return field
          + " '"
          + Limits.abbreviate(version)
          + "' is not an Infinispan version: write it as major.minor.patch, with .Final before"
          + " 16.0 (e.g. 15.0.21.Final, 16.0.7)";
    }
    int major = Versions.parse(version)[0];
    boolean hasFinal = version.endsWith(".Final");
    if (major < FIRST_WITHOUT_FINAL && !hasFinal) {
      return field
          + " '"
          + version
          + "': Infinispan "
          + major
          + " releases end in .Final; use "
          + version
          + ".Final";
    }
    if (major >= FIRST_WITHOUT_FINAL && hasFinal) {
      String plain = version.substring(0, version.length() - ".Final".length());
      return field
          + " '"
          + version
          + "': Infinispan releases since 16.0 have no .Final; use "
          + plain;
    }
    return CATALOG.unknownProblem(field, version, "InfinispanReleases.RELEASES");
  }
}
