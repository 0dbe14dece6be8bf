package io.gridshift.demo.chaos;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of {@code bench/chaos}.
 *
 * @param runs how many upgrades, in all
 * @param seed the seed of run 0; run {@code i} uses {@code seed + i}, so one run can be replayed
 * @param report the JSON report file
 * @param markdown where the results table goes ({@code bench/CHAOS.md}); null: not written
 * @param scenarios the scenarios, taken in turn (run {@code i} takes {@code i mod size}); {@code
 *     --scenarios worker-kills:20,api-faults:20} repeats each that many times, interleaved
 * @param kinds the grid kinds, taken in turn per scenario round
 * @param lanes how many sandboxes run side by side (each its own Temporal, API, worker)
 * @param entries entries loaded into each grid before its upgrade
 * @param rate the traffic probe's operations per second
 * @param apiFaultRate the share of the worker's Kubernetes API calls that fail in api-fault runs
 * @param dir where the lanes' sandboxes, workers' logs and runs' logs go
 */
record ChaosOptions(
    int runs,
    long seed,
    Path report,
    Path markdown,
    List<Scenario> scenarios,
    List<String> kinds,
    int lanes,
    int entries,
    int rate,
    double apiFaultRate,
    Path dir) {

  static final String USAGE =
      """
      usage: bench/chaos [--runs N] [--seed S] [--report F] [--results F|-]
                         [--scenarios worker-kills,api-faults,temporal-outage,member-kill,crash-loop]
                         (SCENARIO:COUNT runs it COUNT times, e.g. worker-kills:20,api-faults:20)
                         [--kinds infinispan,hazelcast] [--lanes L] [--entries E] [--rate OPS]
                         [--api-fault-rate 0.05] [--dir D]""";

  ChaosOptions {
    if (runs < 1 || runs > 1000) {
      throw new IllegalArgumentException("--runs " + runs + " is out of range: use 1..1000");
    }
    if (lanes < 1 || lanes > 4) {
      throw new IllegalArgumentException(
          "--lanes " + lanes + " is out of range: use 1..4 (each lane runs its own grids)");
    }
    if (entries < 1 || entries > 1_000_000) {
      throw new IllegalArgumentException("--entries " + entries + " is out of range: 1..1000000");
    }
    if (rate < 1 || rate > 2000) {
      throw new IllegalArgumentException("--rate " + rate + " is out of range: use 1..2000");
    }
    if (!(apiFaultRate > 0 && apiFaultRate <= 0.5)) {
      throw new IllegalArgumentException(
          "--api-fault-rate " + apiFaultRate + " is out of range: use (0, 0.5]");
    }
    if (scenarios.isEmpty() || kinds.isEmpty()) {
      throw new IllegalArgumentException("--scenarios and --kinds need at least one value");
    }
    for (String kind : kinds) {
      if (!kind.equals("infinispan") && !kind.equals("hazelcast")) {
        throw new IllegalArgumentException(
            "unknown kind '" + kind + "': use infinispan and/or hazelcast");
      }
    }
    scenarios = List.copyOf(scenarios);
    kinds = List.copyOf(kinds);
  }

  static ChaosOptions defaults(Path root) {
    return new ChaosOptions(
        20,
        1,
        root.resolve(".gridshift/chaos/chaos-report.json"),
        root.resolve("bench/CHAOS.md"),
        List.of(Scenario.values()),
        List.of("infinispan", "hazelcast"),
        2,
        3000,
        50,
        0.05,
        root.resolve(".gridshift/chaos"));
  }

  static ChaosOptions parse(String[] args, Path root) {
    ChaosOptions d = defaults(root);
    int runs = d.runs;
    long seed = d.seed;
    Path report = d.report;
    Path markdown = d.markdown;
    List<Scenario> scenarios = d.scenarios;
    List<String> kinds = d.kinds;
    int lanes = d.lanes;
    int entries = d.entries;
    int rate = d.rate;
    double apiFaultRate = d.apiFaultRate;
    Path dir = d.dir;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
      }
      String value = args[++i];
      switch (name) {
        case "--runs" -> runs = integer(name, value);
        case "--seed" -> seed = integer(name, value);
        case "--report" -> report = Path.of(value);
        case "--results" -> markdown = Path.of(value);
        case "--scenarios" -> {
          scenarios = scenarioList(value);
          if (value.contains(":") && !runsGiven(args)) {
            runs = scenarios.size();
          }
        }
        case "--kinds" -> kinds = list(value);
        case "--lanes" -> lanes = integer(name, value);
        case "--entries" -> entries = integer(name, value);
        case "--rate" -> rate = integer(name, value);
        case "--api-fault-rate" -> apiFaultRate = decimal(name, value);
        case "--dir" -> dir = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
      }
    }
    return new ChaosOptions(
        runs, seed, report, markdown, scenarios, kinds, lanes, entries, rate, apiFaultRate, dir);
  }

  /** Whether the results table is written ({@code --results -} turns it off). */
  boolean writesMarkdown() {
    return markdown != null && !markdown.toString().equals("-");
  }

  /**
   * The run plan: run {@code i} takes scenario {@code i mod |scenarios|}, and each scenario takes
   * the kinds in turn from one occurrence to the next (starting one kind further along for each
   * scenario after the first), so a list of both kinds covers every scenario with both.
   */
  List<RunPlan> plan() {
    List<RunPlan> plan = new ArrayList<>();
    List<Scenario> distinct = scenarios.stream().distinct().toList();
    Map<Scenario, Integer> occurrences = new HashMap<>();
    for (int i = 0; i < runs; i++) {
      Scenario scenario = scenarios.get(i % scenarios.size());
      int occurrence = occurrences.merge(scenario, 1, Integer::sum) - 1;
      String kind = kinds.get((occurrence + distinct.indexOf(scenario)) % kinds.size());
      plan.add(new RunPlan(i, scenario, kind, seed + i));
    }
    return plan;
  }

  /**
   * {@code a,b} or {@code a:3,b:2}: with counts, each scenario that many times, interleaved (a, b,
   * a, b, a), so that long and short runs mix across lanes.
   */
  static List<Scenario> scenarioList(String value) {
    Map<Scenario, Integer> counts = new LinkedHashMap<>();
    for (String item : list(value)) {
      String[] parts = item.split(":", 2);
      counts.merge(
          Scenario.parse(parts[0]),
          parts.length == 2 ? integer("--scenarios " + item, parts[1]) : 1,
          Integer::sum);
    }
    List<Scenario> interleaved = new ArrayList<>();
    while (counts.values().stream().anyMatch(n -> n > 0)) {
      for (Map.Entry<Scenario, Integer> e : counts.entrySet()) {
        if (e.getValue() > 0) {
          interleaved.add(e.getKey());
          e.setValue(e.getValue() - 1);
        }
      }
    }
    return interleaved;
  }

  private static boolean runsGiven(String[] args) {
    return List.of(args).contains("--runs");
  }

  /** One planned run. */
  record RunPlan(int index, Scenario scenario, String kind, long seed) {}

  private static List<String> list(String value) {
    return List.of(value.split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static int integer(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
    }
  }

  private static double decimal(String name, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a number such as 0.05, not '" + value + "'");
    }
  }
}
