package io.gridshift.demo.chaos;

import io.gridshift.demo.chaos.ChaosOptions.RunPlan;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bench/chaos}: runs the planned chaos runs ({@link ChaosOptions#plan()}) on {@code lanes}
 * sandboxes side by side, each run one full upgrade under the traffic probe while its scenario's
 * faults hit; measures the no-agent failure once; writes the JSON report after every run (so an
 * interrupted benchmark keeps what it measured) and the results table at the end. Exit code 0 only
 * when every run showed what its scenario must show.
 */
public final class ChaosBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(ChaosBenchmark.class);

  private final ChaosOptions options;
  private final PrintStream out;
  private final List<RunResult> results = new CopyOnWriteArrayList<>();

  ChaosBenchmark(ChaosOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(System.getProperty("gridshift.root", ".")).toAbsolutePath().normalize();
    ChaosOptions options;
    try {
      options = ChaosOptions.parse(args, root);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    ChaosReport report =
        new ChaosBenchmark(options, System.out).run("bench/chaos " + String.join(" ", args));
    System.exit(report.summary().unexpected() == 0 ? 0 : 1);
  }

  ChaosReport run(String command) throws Exception {
    List<RunPlan> plan = options.plan();
    int lanes = Math.min(options.lanes(), plan.size());
    out.printf(
        "chaos: %d runs (%s) on %d lane(s); report %s%n",
        plan.size(),
        options.scenarios().stream().map(Scenario::id).toList(),
        lanes,
        options.report());
    ConcurrentLinkedQueue<RunPlan> queue = new ConcurrentLinkedQueue<>(plan);
    ExecutorService pool = Executors.newFixedThreadPool(lanes);
    CompletableFuture<AgentGone> agentGone = new CompletableFuture<>();
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int lane = 0; lane < lanes; lane++) {
        int number = lane;
        running.add(pool.submit(() -> runLane(number, queue, agentGone)));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    ChaosReport report = report();
    AgentGone gone = agentGone.getNow(null);
    if (options.writesMarkdown()) {
      ChaosMarkdown.write(options.markdown(), options, report, gone, command);
      out.println("chaos: results table " + options.markdown());
    }
    ChaosReport.Summary s = report.summary();
    out.printf(
        Locale.ROOT,
        "chaos: %d runs: %d completed, %d compensated as designed, %d failed; %d not as required;"
            + " missing keys %d, lost writes %d, client errors %d, duplicate destructive actions"
            + " %d%n",
        s.runs(),
        s.completed(),
        s.compensatedAsDesigned(),
        s.failed(),
        s.unexpected(),
        s.missingKeys(),
        s.lostWrites(),
        s.clientErrors(),
        s.duplicateDestructiveActions());
    return report;
  }

  private Void runLane(
      int number, ConcurrentLinkedQueue<RunPlan> queue, CompletableFuture<AgentGone> agentGone)
      throws Exception {
    try (ChaosLane lane =
        ChaosLane.start(options.dir().resolve("lane-" + number), options.seed() + 1000L * number)) {
      if (number == 0) {
        CompletableFuture.runAsync(() -> measureAgentGone(lane, agentGone));
      }
      ChaosRun runner = new ChaosRun(lane, options);
      RunPlan plan;
      while ((plan = queue.poll()) != null) {
        RunResult result;
        try {
          result = runner.run(plan);
        } catch (Exception e) {
          LOG.error("chaos run {} could not run", plan.index(), e);
          out.printf("chaos: run %d could not run: %s%n", plan.index(), e);
          throw e;
        }
        results.add(result);
        report().write(options.report());
        print(result);
      }
      agentGone.join();
    }
    return null;
  }

  private void measureAgentGone(ChaosLane lane, CompletableFuture<AgentGone> result) {
    try {
      AgentGone gone = AgentGone.measure(lane);
      out.printf(
          "chaos: no agent for the cluster: %s after %.1f s: %s%n",
          gone.phase(), gone.seconds(), gone.message());
      result.complete(gone);
    } catch (Exception e) {
      LOG.warn("chaos: measuring the no-agent failure failed", e);
      result.complete(null);
    }
  }

  private ChaosReport report() {
    List<RunResult> sorted =
        results.stream().sorted(Comparator.comparingInt(RunResult::index)).toList();
    return ChaosReport.of(sorted);
  }

  private void print(RunResult r) {
    out.printf(
        Locale.ROOT,
        "chaos: run %d %s %s seed %d: %s%s in %.0f s; faults %d (kills %d, API %d, grid %d);"
            + " missing %d, lost writes %d, client errors %d, duplicates %d%n",
        r.index(),
        r.kind(),
        r.scenario(),
        r.seed(),
        r.outcome(),
        r.expected() ? "" : " (NOT AS REQUIRED: " + r.message() + ")",
        r.upgradeSeconds(),
        r.faults().size(),
        r.workerKills(),
        r.apiFaults(),
        r.gridFaults(),
        r.missingKeys(),
        r.lostWrites(),
        r.clientErrors(),
        r.duplicateDestructiveActions());
  }
}
