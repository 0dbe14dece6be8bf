package io.gridshift.workflows.infinispan;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridshift.workflows.common.Versions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The measured upgrade-path matrix: which Infinispan source/target pairs work in which connection
 * mode, as {@code bench/upgrade-paths} ran them on real servers. It ships as the resource {@value
 * #RESOURCE} (written by the bench, see {@code bench/UPGRADE-PATHS.md}); {@link UpgradePaths}
 * decides from it. Static data, read once per worker JVM; the workflow still records each decision
 * made from it ({@code Workflow.sideEffect}), so a worker with a newer matrix replays old histories
 * unchanged.
 *
 * @param measured when, where and by what the rows were measured
 * @param paths the rows
 */
public record UpgradePathMatrix(String measured, List<UpgradePath> paths) {
  /** The shipped matrix's resource path. */
  public static final String RESOURCE = "/io/gridshift/workflows/infinispan/upgrade-paths.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public UpgradePathMatrix {
    measured = measured == null ? "" : measured;
    paths = paths == null ? List.of() : List.copyOf(paths);
  }

  /** The matrix shipped with gridshift, parsed on first use. */
  public static UpgradePathMatrix shipped() {
    return Shipped.MATRIX;
  }

  /** The matrix in {@code json} (the resource's format). */
  public static UpgradePathMatrix parse(String json) {
    try {
      return JSON.readValue(json, UpgradePathMatrix.class);
    } catch (IOException e) {
      throw new UncheckedIOException("upgrade-path matrix is not readable: " + e.getMessage(), e);
    }
  }

  /** The row for the families of {@code source} and {@code target}, if measured. */
  public Optional<UpgradePath> row(String source, String target) {
    String from = Versions.majorMinor(source);
    String to = Versions.majorMinor(target);
    return paths.stream()
        .filter(p -> p.sourceFamily().equals(from) && p.targetFamily().equals(to))
        .findFirst();
  }

  /** Rows from {@code source}'s family that have a usable mode, oldest target first. */
  public List<UpgradePath> usableFrom(String source) {
    String from = Versions.majorMinor(source);
    List<UpgradePath> rows = new ArrayList<>();
    for (UpgradePath p : paths) {
      if (p.sourceFamily().equals(from) && p.usable()) {
        rows.add(p);
      }
    }
    rows.sort((a, b) -> Versions.compare(a.target(), b.target()));
    return rows;
  }

  /** Some pair into {@code target}'s family has a usable mode. */
  public boolean usableInto(String target) {
    String to = Versions.majorMinor(target);
    return paths.stream().anyMatch(p -> p.targetFamily().equals(to) && p.usable());
  }

  /** The ISO date the rows were measured, the first word of {@link #measured}. */
  public String measuredOn() {
    int space = measured.indexOf(' ');
    return space < 0 ? measured : measured.substring(0, space);
  }

  /** Holds the shipped matrix: parsed once, never changed. */
  private static final class Shipped {
    static final UpgradePathMatrix MATRIX = load();

    private static UpgradePathMatrix load() {
      try (InputStream in = UpgradePathMatrix.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("resource " + RESOURCE + " is missing from the build");
        }
        return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
