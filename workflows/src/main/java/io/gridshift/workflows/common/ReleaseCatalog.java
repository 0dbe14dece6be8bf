package io.gridshift.workflows.common;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The released versions of one grid product, spelled exactly as the product spells them, and the
 * rule for that spelling. A grid kind keeps its own catalog (where each list comes from is written
 * there); this class only answers "is this exactly a release?" and, when not, "which releases are
 * near it?", so that a refusal can offer them.
 *
 * @param product the name used in messages, e.g. {@code Infinispan}
 * @param syntax what a version of the product looks like, e.g. {@code 15.0.21.Final}
 * @param releases every known release, any order
 */
public record ReleaseCatalog(String product, Pattern syntax, List<String> releases) {

  /** How many neighbours a refusal lists. */
  static final int NEAREST = 4;

  public ReleaseCatalog {
    releases = releases.stream().sorted(Versions::compare).toList();
  }

  /** Whether {@code version} is exactly a known release. */
  public boolean contains(String version) {
    return releases.contains(version);
  }

  /** Whether {@code version} is spelled the way the product spells versions. */
  public boolean wellFormed(String version) {
    return version != null && syntax.matcher(version).matches();
  }

  /** Up to {@value #NEAREST} known releases around {@code version}, oldest first. */
  public List<String> nearest(String version) {
    int at = 0;
    while (at < releases.size() && Versions.compare(releases.get(at), version) < 0) {
      at++;
    }
    int from = Math.max(0, Math.min(at - NEAREST / 2, releases.size() - NEAREST));
    return new ArrayList<>(releases.subList(from, Math.min(releases.size(), from + NEAREST)));
  }

  /**
   * Why {@code version} is not a release for field {@code field}, or null when it is one. Call with
   * a well-formed version.
   *
   * @param extend where a newer release is added to the catalog, named in the message
   */
  public String unknownProblem(String field, String version, String extend) {
    if (contains(version)) {
      return null;
    }
    return field
        + " '"
        + version
        + "' is not a known "
        + product
        + " release; the nearest known are "
        + String.join(", ", nearest(version))
        + ": choose one of them (or, if "
        + version
        + " was released after gridshift's list was made, add it to "
        + extend
        + ")";
  }
}
