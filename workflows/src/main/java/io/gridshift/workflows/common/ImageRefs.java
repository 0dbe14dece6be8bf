package io.gridshift.workflows.common;

import java.util.regex.Pattern;

/**
 * Checks an explicit image against the version a request says it runs. gridshift reads a grid's
 * version from its image tag (when it plans the next upgrade, and when it verifies this one), so
 * the tag must say the version:
 *
 * <ol>
 *   <li>The reference must be well formed ({@code [registry[:port]/]path[:tag][@sha256:digest]}, at
 *       most {@value #MAX_LENGTH} characters).
 *   <li>The tag must be the version ({@code 15.0.21.Final}) or a variant of it ({@code 5.3.8-slim},
 *       {@code 5.3.8-jdk17}): a floating tag ({@code 15.0}, {@code latest}) can move to another
 *       version under a running grid.
 *   <li>An image without a tag is refused, pinned by digest or not: a digest alone cannot be
 *       checked against the version without a registry, which gridshift does not call. Give both,
 *       {@code repo:15.0.21.Final@sha256:...}: the tag is checked and the digest pins the bytes.
 * </ol>
 */
public final class ImageRefs {
  /** Longest image reference accepted. */
  public static final int MAX_LENGTH = 512;

  private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final Pattern REFERENCE =
      Pattern.compile(
          "(?:[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::[0-9]+)?/)?"
              + COMPONENT
              + "(?:/"
              + COMPONENT
              + ")*"
              + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?"
              + "(?:@sha256:[0-9a-f]{64})?");

  private ImageRefs() {}

  /**
   * Why {@code image} cannot be field {@code field} of a request for {@code version}, or null when
   * it can. Null or blank images pass (the default image is built from the version).
   */
  public static String problem(String field, String image, String version) {
    if (image == null || image.isBlank()) {
      return null;
    }
    if (image.length() > MAX_LENGTH) {
      return Limits.tooLong(field, image, MAX_LENGTH, "give an image reference");
    }
    if (!REFERENCE.matcher(image).matches()) {
      return field
          + " '"
          + Limits.abbreviate(image)
          + "' is not an image reference; write it as registry/repository:"
          + version;
    }
    String tag = Versions.imageTag(image);
    String repository = Versions.imageRepository(image);
    if (tag == null) {
      return field
          + " '"
          + image
          + "' has no tag, so gridshift cannot check that it runs "
          + version
          + " (a digest alone names bytes, not a version): use "
          + repository
          + ":"
          + version
          + (image.contains("@") ? image.substring(image.indexOf('@')) : "");
    }
    if (tag.equals(version) || tag.startsWith(version + "-")) {
      return null;
    }
    return field
        + " '"
        + image
        + "' has tag '"
        + tag
        + "' but targetVersion is "
        + version
        + ": expected tag "
        + version
        + " (or a variant such as "
        + version
        + "-jdk17); use "
        + repository
        + ":"
        + version
        + ", or set targetVersion to the version the image runs";
  }
}
