package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.common.Versions;
import java.util.Optional;

/**
 * Which version a grid runs, decided from what its server says rather than its image tag alone
 * (issue 16 point 2), and whether a freshly deployed target runs what was asked.
 *
 * <ol>
 *   <li>The server's answer ({@code GET /rest/v2/server}'s {@code version}, read into {@code
 *       GridInventory.serverVersion}) wins when gridshift can place it: a tag can be {@code latest}
 *       re-pushed, a mirror's own naming or a Data Grid product tag ({@link DataGridVersions}).
 *   <li>A disagreement between tag and server is a plan warning naming both.
 *   <li>No answer (a history recorded before the field, or a server text gridshift cannot read)
 *       keeps the tag's version, with a warning when there was text it could not read.
 *   <li>The target after deploy-target must run the asked version's family exactly (the asked
 *       release when the server names its patch): anything else stops the upgrade before any data
 *       moves, and deploy-target's compensation removes the target.
 * </ol>
 *
 * <p>Versions written {@code 14.0.x} are families: the source of that spelling (a Data Grid tag or
 * server) does not say the Infinispan patch. They compare equal to any release of the family.
 */
public final class ServerVersions {
  private ServerVersions() {}

  /**
   * The version a grid runs and, when there is one, the warning the plan shows.
   *
   * @param version the version the plan goes by
   * @param warning null when tag and server agree (or the server said nothing)
   */
  public record Reading(String version, String warning) {}

  /**
   * @param grid the grid's name, for the warning
   * @param image the grid's image
   * @param tagVersion the version read from the image tag ({@code SourceGrid.version})
   * @param serverText the server's version text, or null when not read
   */
  public static Reading source(String grid, String image, String tagVersion, String serverText) {
    if (serverText == null || serverText.isBlank()) {
      return new Reading(tagVersion, null);
    }
    Optional<String> server = DataGridVersions.infinispanVersionOfServer(serverText);
    if (server.isEmpty()) {
      return new Reading(
          tagVersion,
          "grid "
              + grid
              + ": its server answered version '"
              + serverText
              + "', which names no Infinispan or Data Grid version; the plan goes by the image tag ("
              + tagVersion
              + ")");
    }
    if (same(tagVersion, server.get())) {
      return new Reading(moreExact(server.get(), tagVersion), null);
    }
    return new Reading(
        server.get(),
        "grid "
            + grid
            + ": image "
            + image
            + " says "
            + tagVersion
            + " but its server answers '"
            + serverText
            + "' ("
            + server.get()
            + "); the plan goes by the server. Fix the image tag so the two agree");
  }

  /**
   * Why the target must not be used, or empty when its server runs {@code asked} (or said nothing
   * gridshift can read: then the image tag, which gridshift set, stands).
   */
  public static Optional<String> targetProblem(
      String targetGrid, String image, String asked, String serverText) {
    Optional<String> server = DataGridVersions.infinispanVersionOfServer(serverText);
    if (server.isEmpty() || same(asked, server.get())) {
      return Optional.empty();
    }
    return Optional.of(
        "target "
            + targetGrid
            + " (image "
            + image
            + ") runs "
            + server.get()
            + " ('"
            + serverText
            + "') but targetVersion "
            + asked
            + " was asked; gridshift stops before any data moves and removes the target. Set"
            + " targetImage to an image of "
            + asked
            + ", or targetVersion to what the image runs");
  }

  /** True when both name the same release, or one is a family ({@code 14.0.x}) the other is in. */
  static boolean same(String a, String b) {
    if (!Versions.isValid(a) || !Versions.isValid(b)) {
      return false;
    }
    if (isFamily(a) || isFamily(b)) {
      return Versions.majorMinor(a).equals(Versions.majorMinor(b));
    }
    return Versions.compare(a, b) == 0;
  }

  private static boolean isFamily(String version) {
    return version.endsWith(".x");
  }

  private static String moreExact(String server, String tag) {
    return isFamily(server) && !isFamily(tag) ? tag : server;
  }
}
