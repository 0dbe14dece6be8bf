package io.gridshift.workflows.common;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Version numbers as grids spell them ({@code 15.0.21.Final}, {@code 5.3.8}) and image tags. */
public final class Versions {
  private static final Pattern NUMBERS = Pattern.compile("^(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?");

  private Versions() {}

  /** [major, minor, patch] of {@code version}; missing parts are 0. */
  public static int[] parse(String version) {
    Matcher m = NUMBERS.matcher(version == null ? "" : version.trim());
    if (!m.find()) {
      throw new IllegalArgumentException(
          "'" + version + "' is not a version like 15.0.21.Final or 5.3.8");
    }
    int[] parts = new int[3];
    for (int i = 0; i < 3; i++) {
      parts[i] = m.group(i + 1) == null ? 0 : Integer.parseInt(m.group(i + 1));
    }
    return parts;
  }

  /** True when {@code version} parses. */
  public static boolean isValid(String version) {
    try {
      parse(version);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}. */
  public static int compare(String a, String b) {
    int[] x = parse(a);
    int[] y = parse(b);
    for (int i = 0; i < 3; i++) {
      if (x[i] != y[i]) {
        return Integer.compare(x[i], y[i]);
      }
    }
    return 0;
  }

  /** "major.minor" of {@code version}. */
  public static String majorMinor(String version) {
    int[] v = parse(version);
    return v[0] + "." + v[1];
  }

  /** The tag of an image reference ({@code repo/name:tag[@digest]}), or null when it has none. */
  public static String imageTag(String image) {
    if (image == null) {
      return null;
    }
    String ref = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int slash = ref.lastIndexOf('/');
    int colon = ref.lastIndexOf(':');
    return colon > slash ? ref.substring(colon + 1) : null;
  }

  /** The image reference without its tag or digest. */
  public static String imageRepository(String image) {
    String ref = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int slash = ref.lastIndexOf('/');
    int colon = ref.lastIndexOf(':');
    return colon > slash ? ref.substring(0, colon) : ref;
  }

  /** A DNS-label-safe slug of a version: {@code 15.0.21.Final} becomes {@code 15-0-21}. */
  public static String slug(String version) {
    int[] v = parse(version);
    List<String> parts = new ArrayList<>();
    for (int p : v) {
      parts.add(Integer.toString(p));
    }
    return String.join("-", parts);
  }
}
