package io.gridshift.demo.bench;

import java.nio.file.Path;

/**
 * Command line of {@link FleetScaleBenchmark}. Pure.
 *
 * @param grids grids in the fleet (and children of the floor)
 * @param clusters simulated clusters the grids are dealt over
 * @param window children at once: the floor's window and each fleet stage's maxParallel
 * @param pace how long each simulated long wait takes
 * @param drainSeconds Infinispan's client drain, the one timer in a child
 * @param port the Temporal port, 0 for an ephemeral one
 * @param separateWorker whether the worker runs in its own JVM (with {@code workerHeap})
 * @param workerHeap {@code -Xmx} of the worker's JVM
 * @param tuning the worker's settings
 * @param report where the JSON report goes, or null
 * @param results where the Markdown results go, or null
 * @param runFloor whether to run the floor
 * @param runFleet whether to run the fleet
 */
record FleetScaleOptions(
    int grids,
    int clusters,
    int window,
    SimulatedPace pace,
    int drainSeconds,
    int port,
    boolean separateWorker,
    String workerHeap,
    FleetScaleWorker.Tuning tuning,
    Path report,
    Path results,
    boolean runFloor,
    boolean runFleet) {

  static final String USAGE =
      "usage: fleet-scale [--grids N] [--clusters C] [--report FILE] [--results FILE|-]"
          + " [--window N] [--polls N] [--poll-ms MS] [--drain-seconds S] [--port P]"
          + " [--worker process|in-process] [--worker-heap 512m] [--cache N] [--wf-tasks N]"
          + " [--wf-pollers N] [--agent-pollers N] [--only floor|fleet]";

  SimulatedFleet fleet() {
    return new SimulatedFleet(grids, clusters);
  }

  static FleetScaleOptions parse(String... args) {
    int grids = 1000;
    int clusters = 50;
    int window = 100;
    int polls = 3;
    int pollMs = 100;
    int drainSeconds = 1;
    int port = 0;
    boolean separateWorker = true;
    String workerHeap = "512m";
    Integer cache = null;
    Integer wfTasks = null;
    Integer wfPollers = null;
    Integer agentPollers = null;
    Path report = null;
    Path results = Path.of("bench/FLEET-SCALE.md");
    String only = null;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
      }
      String value = args[++i];
      switch (flag) {
        case "--grids" -> grids = positive(flag, value);
        case "--clusters" -> clusters = positive(flag, value);
        case "--window" -> window = positive(flag, value);
        case "--polls" -> polls = positive(flag, value);
        case "--poll-ms" -> pollMs = nonNegative(flag, value);
        case "--drain-seconds" -> drainSeconds = nonNegative(flag, value);
        case "--port" -> port = nonNegative(flag, value);
        case "--worker" -> separateWorker = workerMode(value);
        case "--worker-heap" -> workerHeap = value;
        case "--cache" -> cache = positive(flag, value);
        case "--wf-tasks" -> wfTasks = positive(flag, value);
        case "--wf-pollers" -> wfPollers = positive(flag, value);
        case "--agent-pollers" -> agentPollers = positive(flag, value);
        case "--report" -> report = Path.of(value);
        case "--results" -> results = value.equals("-") ? null : Path.of(value);
        case "--only" -> only = only(value);
        default -> throw new IllegalArgumentException("unknown argument " + flag + "\n" + USAGE);
      }
    }
    if (grids < clusters) {
      throw new IllegalArgumentException(
          "--grids " + grids + " must be at least --clusters " + clusters);
    }
    return new FleetScaleOptions(
        grids,
        clusters,
        window,
        new SimulatedPace(polls, pollMs),
        drainSeconds,
        port,
        separateWorker,
        workerHeap,
        new FleetScaleWorker.Tuning(cache, wfTasks, wfPollers, agentPollers),
        report,
        results,
        !"fleet".equals(only),
        !"floor".equals(only));
  }

  private static boolean workerMode(String value) {
    return switch (value) {
      case "process" -> true;
      case "in-process" -> false;
      default ->
          throw new IllegalArgumentException(
              "--worker must be process or in-process, not '" + value + "'");
    };
  }

  private static String only(String value) {
    if (!value.equals("floor") && !value.equals("fleet")) {
      throw new IllegalArgumentException("--only must be floor or fleet, not '" + value + "'");
    }
    return value;
  }

  private static int positive(String flag, String value) {
    int n = number(flag, value);
    if (n < 1) {
      throw new IllegalArgumentException(flag + " must be at least 1, not " + value);
    }
    return n;
  }

  private static int nonNegative(String flag, String value) {
    int n = number(flag, value);
    if (n < 0) {
      throw new IllegalArgumentException(flag + " must not be negative, not " + value);
    }
    return n;
  }

  private static int number(String flag, String value) {
    try {
      return Integer.parseInt(value.replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a number, not '" + value + "'", e);
    }
  }
}
