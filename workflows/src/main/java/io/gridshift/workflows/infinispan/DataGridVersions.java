package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.common.Versions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one table from Red Hat Data Grid product versions to the Infinispan family each ships, and
 * the readers of Data Grid version strings (image tags and the server's own version text).
 *
 * <p>Where the table comes from: the Data Grid 8 component details pages (Data Grid 8.0 ships
 * Infinispan 10.1, 8.1 ships 11.0, 8.2 ships 12.1, 8.3 ships 13.0, 8.4 ships 14.0, 8.5 ships 15.0).
 * A later Data Grid release is added here, and only here, once its component details name its
 * Infinispan family.
 *
 * <p>Image tags: Data Grid 8 images ({@code registry.redhat.io/datagrid/datagrid-8-rhel8}, {@code
 * datagrid-8-rhel9}) are tagged with the product version ({@code 8.4}, {@code 8.4.6}, {@code
 * 8.4.6-1}) or with the image stream's {@code 1.N} scheme, where {@code 1.4} is Data Grid 8.4. Both
 * are read only when the image's repository name contains {@code datagrid}: an Infinispan image's
 * tag is an Infinispan version already.
 */
public final class DataGridVersions {
  /** Data Grid major.minor to the Infinispan major.minor it ships. */
  static final Map<String, String> INFINISPAN_OF;

  static {
    Map<String, String> table = new LinkedHashMap<>();
    table.put("8.0", "10.1");
    table.put("8.1", "11.0");
    table.put("8.2", "12.1");
    table.put("8.3", "13.0");
    table.put("8.4", "14.0");
    table.put("8.5", "15.0");
    INFINISPAN_OF = java.util.Collections.unmodifiableMap(table);
  }

  /** {@code 8.4}, {@code 8.4.6}, {@code 8.4.6.GA}, {@code 8.4.6-1}: a Data Grid 8 version. */
  private static final Pattern PRODUCT_TAG = Pattern.compile("(8)\\.(\\d+)(?:\\.\\d+)?(?:[.-].*)?");

  /** {@code 1.4}, {@code 1.4-7}: the image stream's tag for Data Grid 8.4. */
  private static final Pattern STREAM_TAG = Pattern.compile("1\\.(\\d+)(?:-.*)?");

  /** The version in a server's version text: {@code Infinispan 'Name' 15.0.21.Final}. */
  private static final Pattern SERVER_TEXT =
      Pattern.compile("(?i)(data\\s*grid|infinispan)\\b.*?(\\d+\\.\\d+\\.\\d+(?:\\.[A-Za-z]+)?)");

  private DataGridVersions() {}

  /**
   * The Infinispan family ({@code 14.0}) of a Data Grid version ({@code 8.4}, {@code 8.4.6.GA}), or
   * empty when the table does not know it.
   */
  public static Optional<String> infinispanFamily(String dataGridVersion) {
    Matcher m = PRODUCT_TAG.matcher(dataGridVersion == null ? "" : dataGridVersion.trim());
    return m.matches()
        ? Optional.ofNullable(INFINISPAN_OF.get("8." + m.group(2)))
        : Optional.empty();
  }

  /**
   * The Data Grid release ({@code 8.5}) that ships the family of Infinispan {@code version} ({@code
   * 15.0.21.Final}), or empty when no Data Grid release does.
   */
  public static Optional<String> dataGridOf(String version) {
    if (!Versions.isValid(version)) {
      return Optional.empty();
    }
    String family = Versions.majorMinor(version);
    return INFINISPAN_OF.entrySet().stream()
        .filter(e -> e.getValue().equals(family))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  /** True when {@code image}'s repository is a Data Grid one (its name contains "datagrid"). */
  public static boolean isDataGridImage(String image) {
    return image != null && Versions.imageRepository(image).toLowerCase().contains("datagrid");
  }

  /**
   * The Data Grid version an image's tag names ({@code 8.4} for tags {@code 1.4} and {@code
   * 8.4.6-1}), or empty when the image is not a Data Grid one or its tag is not a version.
   */
  public static Optional<String> dataGridVersionOfImage(String image) {
    if (!isDataGridImage(image)) {
      return Optional.empty();
    }
    String tag = Versions.imageTag(image);
    if (tag == null) {
      return Optional.empty();
    }
    Matcher stream = STREAM_TAG.matcher(tag);
    if (stream.matches()) {
      return Optional.of("8." + stream.group(1));
    }
    Matcher product = PRODUCT_TAG.matcher(tag);
    return product.matches() ? Optional.of("8." + product.group(2)) : Optional.empty();
  }

  /**
   * The Infinispan version an image runs as far as its tag says: for a Data Grid image the family
   * of its product version written as {@code <family>.x} (e.g. {@code 14.0.x}: the tag does not
   * name the patch); for any other image its tag; empty when neither gives a version.
   */
  public static Optional<String> infinispanVersionOfImage(String image) {
    if (isDataGridImage(image)) {
      return dataGridVersionOfImage(image)
          .flatMap(DataGridVersions::infinispanFamily)
          .map(family -> family + ".x");
    }
    String tag = Versions.imageTag(image);
    return tag != null && Versions.isValid(tag) ? Optional.of(tag) : Optional.empty();
  }

  /**
   * The Infinispan version in a server's version text ({@code GET /rest/v2/server}'s {@code
   * version}): {@code Infinispan 'I'm Still Standing' 15.0.21.Final} gives {@code 15.0.21.Final}; a
   * Data Grid server's {@code Red Hat Data Grid 'Gaul' 8.4.6.GA} gives {@code 14.0.x}. Empty when
   * the text names no version gridshift can place.
   */
  public static Optional<String> infinispanVersionOfServer(String versionText) {
    if (versionText == null) {
      return Optional.empty();
    }
    Matcher m = SERVER_TEXT.matcher(versionText);
    if (!m.find()) {
      return Optional.empty();
    }
    String version = m.group(2);
    if (m.group(1).toLowerCase().startsWith("data")) {
      return infinispanFamily(version).map(family -> family + ".x");
    }
    return Optional.of(version);
  }
}
