package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.common.Versions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which connection mode an Infinispan upgrade uses, or why it must not start, decided from the
 * measured {@link UpgradePathMatrix}. Pure: the workflow records the result.
 *
 * <ol>
 *   <li>The source must be a version, of a known release family, and the target newer ({@link
 *       InfinispanVersions#basicRefusal}).
 *   <li>RUNTIME is assumed to need a 13.0+ source (the REST source-connection), unless the matrix
 *       measured RUNTIME usable for the pair (12.1 sources are): asked for on an older source
 *       without that evidence, refused; left out, CONFIG is chosen.
 *   <li>A pair the matrix measured (the row of both major.minor families): an explicit mode the row
 *       marks FAIL is refused with the row's detail and upstream issues, naming the mode or path
 *       that works; a mode left out is the first usable of RUNTIME, CONFIG. When none is usable, a
 *       mode that did not run (not failed) is taken with a "not measured" warning, but only into a
 *       supported target family (step 4's rule); else the pair is refused with a way round it
 *       ({@link PathAdvice}).
 *   <li>A pair not measured is allowed with a "not measured" warning when the target family is
 *       supported ({@link InfinispanVersions#SUPPORTED_TARGETS}, or some pair into it is measured
 *       usable); else refused as before the matrix existed.
 *   <li>A request that needs RUNTIME (PAUSE_WRITES, TLS) is refused when the only mode left is
 *       CONFIG.
 * </ol>
 */
public final class UpgradePaths {
  private UpgradePaths() {}

  /** The decision for {@code q} from {@code matrix}. */
  public static PathChoice decide(UpgradePathMatrix matrix, PathQuestion q) {
    Optional<String> basic = InfinispanVersions.basicRefusal(q.source(), q.target());
    if (basic.isPresent()) {
      return PathChoice.refused(basic.get(), "");
    }
    String pair = Versions.majorMinor(q.source()) + " -> " + Versions.majorMinor(q.target());
    Optional<UpgradePath> row = matrix.row(q.source(), q.target()).filter(UpgradePath::measured);
    // The REST source-connection is a call on the target, so a pre-13.0 source may well work in
    // RUNTIME mode (12.1 does): the assumption holds only where the matrix has no such evidence.
    boolean runtimeSource =
        InfinispanVersions.hasRuntimeSourceConnection(q.source())
            || row.map(r -> r.result(ConnectionMode.RUNTIME).usable()).orElse(false);
    if (q.requested() == ConnectionMode.RUNTIME && !runtimeSource) {
      return PathChoice.refused(InfinispanVersions.noRuntimeSourceConnection(), pair);
    }
    boolean supportedTarget =
        InfinispanVersions.SUPPORTED_TARGETS.contains(Versions.majorMinor(q.target()))
            || matrix.usableInto(q.target());
    PathChoice choice =
        row.isPresent()
            ? measured(matrix, q, row.get(), runtimeSource, supportedTarget)
            : notMeasured(matrix, q, pair, runtimeSource, supportedTarget);
    return needsRuntime(q, choice);
  }

  private static PathChoice measured(
      UpgradePathMatrix matrix,
      PathQuestion q,
      UpgradePath row,
      boolean runtimeSource,
      boolean supportedTarget) {
    if (q.requested() != null) {
      return explicit(matrix, q, row, supportedTarget);
    }
    List<ConnectionMode> candidates = new ArrayList<>();
    if (runtimeSource) {
      candidates.add(ConnectionMode.RUNTIME);
    }
    if (!runtimeSource || q.needRuntime().isEmpty()) {
      // A request that needs RUNTIME gains nothing from a usable CONFIG (step 5).
      candidates.add(ConnectionMode.CONFIG);
    }
    for (ConnectionMode mode : candidates) {
      if (row.result(mode).usable()) {
        return usable(matrix, row, mode, "chosen: measured usable for " + row.families());
      }
    }
    for (ConnectionMode mode : candidates) {
      if (supportedTarget && !row.result(mode).failed()) {
        return unmeasuredMode(row, mode, "chosen");
      }
    }
    if (!candidates.contains(ConnectionMode.CONFIG) && row.result(ConnectionMode.CONFIG).usable()) {
      return PathChoice.refused(
          String.join(" and ", q.needRuntime())
              + " need connectionMode RUNTIME, which fails for Infinispan "
              + row.families()
              + " ("
              + evidence(matrix, row, candidates)
              + "); CONFIG is measured usable: leave those fields out to upgrade in CONFIG mode, or "
              + PathAdvice.instead(matrix, q.source(), q.target()),
          row.families());
    }
    return PathChoice.refused(
        "targetVersion "
            + q.target()
            + " is not a supported target from "
            + q.source()
            + ": no connection mode is measured usable for "
            + row.families()
            + " ("
            + evidence(matrix, row, candidates)
            + "); "
            + PathAdvice.instead(matrix, q.source(), q.target()),
        row.families());
  }

  /** An explicit mode: refused with the evidence when it failed. */
  private static PathChoice explicit(
      UpgradePathMatrix matrix, PathQuestion q, UpgradePath row, boolean supportedTarget) {
    ConnectionMode mode = q.requested();
    PathResult result = row.result(mode);
    if (result.usable()) {
      return usable(matrix, row, mode, "as requested; measured usable for " + row.families());
    }
    if (!result.failed() && supportedTarget) {
      return unmeasuredMode(row, mode, "as requested");
    }
    ConnectionMode other =
        mode == ConnectionMode.RUNTIME ? ConnectionMode.CONFIG : ConnectionMode.RUNTIME;
    boolean otherWorks =
        row.result(other).usable()
            && (other == ConnectionMode.CONFIG
                || InfinispanVersions.hasRuntimeSourceConnection(q.source()));
    String instead =
        otherWorks
            ? "use connectionMode "
                + other
                + " (measured usable), or leave connectionMode out and the plan chooses it"
            : PathAdvice.instead(matrix, q.source(), q.target());
    return PathChoice.refused(
        "connectionMode "
            + mode
            + (result.failed() ? " fails" : " is not measured usable")
            + " for Infinispan "
            + row.families()
            + " ("
            + evidence(matrix, row, List.of(mode))
            + "); "
            + instead,
        row.families());
  }

  private static PathChoice usable(
      UpgradePathMatrix matrix, UpgradePath row, ConnectionMode mode, String why) {
    PathResult result = row.result(mode);
    return PathChoice.allowed(
        mode,
        mode + ", " + why + " (upgrade-path matrix of " + matrix.measuredOn() + ")",
        List.of(),
        row.families(),
        result.writeThrough(),
        result.detail() + row.citedIssues());
  }

  private static PathChoice unmeasuredMode(UpgradePath row, ConnectionMode mode, String how) {
    return PathChoice.allowed(
        mode,
        mode + ", " + how + "; not measured for " + row.families(),
        List.of(notMeasuredWarning(row.families(), mode)),
        row.families(),
        null,
        null);
  }

  private static PathChoice notMeasured(
      UpgradePathMatrix matrix,
      PathQuestion q,
      String pair,
      boolean runtimeSource,
      boolean supportedTarget) {
    String sourceFamily = Versions.majorMinor(q.source());
    if (!supportedTarget) {
      return PathChoice.refused(
          "targetVersion "
              + q.target()
              + " is not a supported target: no upgrade into "
              + Versions.majorMinor(q.target())
              + " is measured usable (bench/upgrade-paths), and "
              + pair
              + " was not measured; "
              + PathAdvice.instead(matrix, q.source(), q.target()),
          pair);
    }
    ConnectionMode mode = q.requested();
    String how = "as requested";
    if (mode == null) {
      mode = runtimeSource ? ConnectionMode.RUNTIME : ConnectionMode.CONFIG;
      how =
          runtimeSource
              ? "the default"
              : "chosen: " + sourceFamily + " has no REST source-connection (13.0+)";
    }
    return PathChoice.allowed(
        mode,
        mode + ", " + how + "; " + pair + " not measured",
        List.of(notMeasuredWarning(pair, mode)),
        pair,
        null,
        null);
  }

  /** Step 5: the request needs RUNTIME, and RUNTIME is not what is left. */
  private static PathChoice needsRuntime(PathQuestion q, PathChoice choice) {
    if (choice.isRefused()
        || choice.mode() != ConnectionMode.CONFIG
        || q.needRuntime().isEmpty()
        || q.requested() == ConnectionMode.CONFIG) {
      // An explicit CONFIG with such a field is the request's own problem, refused before this.
      return choice;
    }
    return PathChoice.refused(
        String.join(" and ", q.needRuntime())
            + " need connectionMode RUNTIME, but for "
            + choice.pair()
            + " only CONFIG is left ("
            + choice.reason()
            + "); leave those fields out, or upgrade from a source where RUNTIME works",
        choice.pair());
  }

  private static String notMeasuredWarning(String pair, ConnectionMode mode) {
    return "not measured: Infinispan "
        + pair
        + " in "
        + mode
        + " mode is not in the upgrade-path matrix (bench/upgrade-paths); the upgrade's own checks (write probe,"
        + " verify) still guard it, but try it on a copy of the grid first";
  }

  /** The failed checks and detail of each mode in {@code modes}, and the upstream issues. */
  private static String evidence(
      UpgradePathMatrix matrix, UpgradePath row, List<ConnectionMode> modes) {
    List<String> each = new ArrayList<>();
    for (ConnectionMode mode : modes) {
      PathResult r = row.result(mode);
      String failures = r.failed() ? r.failures() : "not run";
      each.add(mode + ": " + failures + (r.detail().isEmpty() ? "" : ", " + r.detail()));
    }
    return "upgrade-path matrix of "
        + matrix.measuredOn()
        + ", "
        + row.source()
        + " -> "
        + row.target()
        + ": "
        + String.join("; ", each)
        + row.citedIssues();
  }
}
