package io.gridshift.demo.fleet;

import java.nio.file.Path;

/**
 * Options of {@code ./gridshift demo fleet}.
 *
 * @param approveAll {@code --yes}: approve the fleet's gate as user {@code demo}
 * @param report {@code --report FILE}: write the JSON report there
 * @param timeline {@code --timeline FILE}: write the HTML timeline there (one lane per cluster)
 * @param entries {@code --entries N}: entries loaded into each grid (default {@value
 *     #DEFAULT_ENTRIES}), every one read back after its upgrade
 * @param rate {@code --rate N}: the traffic probes' operations per second on each probed grid
 *     (default {@value #DEFAULT_RATE}; 0 turns them off)
 * @param workDir where the sandbox keeps its clusters' files and logs ({@code --work-dir}, default
 *     .gridshift/fleet)
 */
public record FleetDemoOptions(
    boolean approveAll, Path report, Path timeline, int entries, int rate, Path workDir) {

  static final int DEFAULT_ENTRIES = 2_000;
  static final int DEFAULT_RATE = 20;

  public static final String USAGE =
      """
      usage: ./gridshift demo fleet [--yes] [--report FILE] [--timeline FILE]
                        [--entries N] [--rate OPS] [--work-dir DIR]
        --yes          approve the fleet's gate as user 'demo' (otherwise the demo waits and prints
                       the command that approves it)
        --report FILE  write a JSON report (fleet, clusters, stages, grids, budget)
        --timeline FILE  write an HTML timeline: one lane per cluster, a bar per grid, the stages,
                       the gate and the maintenance window opening
        --entries N    entries loaded into each grid and read back after its upgrade (default 2000)
        --rate OPS     traffic probe on one grid of each kind, operations per second (default 20;
                       0 turns the probes off)
        --work-dir DIR where the sandbox keeps its clusters' files (default .gridshift/fleet)""";

  /** Parses the arguments after {@code fleet}; throws IllegalArgumentException with the usage. */
  public static FleetDemoOptions parse(String[] args) {
    boolean yes = false;
    Path report = null;
    Path timeline = null;
    int entries = DEFAULT_ENTRIES;
    int rate = DEFAULT_RATE;
    Path workDir = Path.of(".gridshift", "fleet");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--yes", "-y" -> yes = true;
        case "--report" -> report = Path.of(value(args, ++i, "--report"));
        case "--timeline" -> timeline = Path.of(value(args, ++i, "--timeline"));
        case "--entries" ->
            entries = number(value(args, ++i, "--entries"), "--entries", 1, 1_000_000);
        case "--rate" -> rate = number(value(args, ++i, "--rate"), "--rate", 0, 1000);
        case "--work-dir" -> workDir = Path.of(value(args, ++i, "--work-dir"));
        default ->
            throw new IllegalArgumentException("unexpected argument '" + args[i] + "'\n" + USAGE);
      }
    }
    return new FleetDemoOptions(yes, report, timeline, entries, rate, workDir);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
    }
    return args[i];
  }

  private static int number(String text, String option, int min, int max) {
    try {
      int n = Integer.parseInt(text);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(
        option + " must be a number from " + min + " to " + max + ", not '" + text + "'");
  }
}
