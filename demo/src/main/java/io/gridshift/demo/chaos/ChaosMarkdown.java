package io.gridshift.demo.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/** {@code bench/CHAOS.md}: what ran, on what, the figures per scenario and every run. */
final class ChaosMarkdown {
  private ChaosMarkdown() {}

  static void write(
      Path file, ChaosOptions options, ChaosReport report, AgentGone agentGone, String command)
      throws IOException {
    Files.writeString(file, render(options, report, agentGone, command));
  }

  static String render(
      ChaosOptions options, ChaosReport report, AgentGone agentGone, String command) {
    StringBuilder md = new StringBuilder();
    ChaosReport.Summary s = report.summary();
    md.append("# Chaos: upgrades under faults\n\n")
        .append(
            "Full upgrades of both kinds on real grids (Infinispan 14.0.28 -> 15.0.21 blue-green,"
                + " 2 pods, three caches, one protostream; Hazelcast 5.3.6 -> 5.3.8 rolling,"
                + " 3 members, canary) in the sandbox, under the traffic probe, while faults are"
                + " injected. The worker is a process of its own that reaches Temporal and the"
                + " Kubernetes API only through fault-injecting proxies. See bench/README.md.\n\n")
        .append("- measured ")
        .append(Instant.now().truncatedTo(ChronoUnit.MINUTES))
        .append(" on ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, Java ")
        .append(System.getProperty("java.version"))
        .append("\n- command: `")
        .append(command)
        .append("`\n- per run: ")
        .append(options.entries())
        .append(" entries loaded, traffic probe at ")
        .append(options.rate())
        .append(" ops/s, API faults at ")
        .append(Math.round(options.apiFaultRate() * 1000) / 10.0)
        .append("% of the worker's calls in api-fault runs\n\n");
    md.append("## Summary\n\n")
        .append(
            "| runs | completed | compensated as designed | failed | not as required | worker"
                + " kills | API faults | grid faults | missing keys | lost writes | client errors"
                + " | duplicate destructive actions |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|---|\n")
        .append(
            row(
                s.runs(),
                s.completed(),
                s.compensatedAsDesigned(),
                s.failed(),
                s.unexpected(),
                s.workerKills(),
                s.apiFaults(),
                s.gridFaults(),
                s.missingKeys(),
                s.lostWrites(),
                s.clientErrors(),
                s.duplicateDestructiveActions()))
        .append("\n## Per scenario and kind\n\n")
        .append(
            "| scenario | kind | runs | as required | completed | compensated | missing keys |"
                + " lost writes | client errors | duplicates | faults | upgrade s (median / max)"
                + " |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Scenario scenario : Scenario.values()) {
      for (String kind : List.of("infinispan", "hazelcast")) {
        List<RunResult> runs =
            report.runs().stream()
                .filter(r -> r.scenario().equals(scenario.id()) && r.kind().equals(kind))
                .toList();
        if (runs.isEmpty()) {
          continue;
        }
        md.append(
            row(
                scenario.id(),
                kind,
                runs.size(),
                runs.stream().filter(RunResult::expected).count() + "/" + runs.size(),
                count(runs, RunResult.COMPLETED),
                count(runs, RunResult.COMPENSATED),
                runs.stream().mapToLong(r -> r.missingKeys()).sum(),
                runs.stream().mapToLong(r -> r.lostWrites()).sum(),
                runs.stream().mapToLong(RunResult::clientErrors).sum(),
                runs.stream().mapToInt(RunResult::duplicateDestructiveActions).sum(),
                runs.stream().mapToInt(r -> faultCount(r)).sum(),
                median(runs.stream().map(RunResult::upgradeSeconds).toList())
                    + " / "
                    + runs.stream().mapToDouble(RunResult::upgradeSeconds).max().orElse(0)));
      }
    }
    crashLoop(md, report.runs());
    md.append("\n## An agent gone\n\n");
    if (agentGone == null) {
      md.append("Not measured in this run.\n");
    } else {
      md.append("An upgrade of a cluster nobody serves ended ")
          .append(agentGone.phase())
          .append(" after ")
          .append(agentGone.seconds())
          .append(" s with:\n\n> ")
          .append(agentGone.message())
          .append("\n");
    }
    md.append(READING);
    md.append("\n## Every run\n\n")
        .append(
            "| # | kind | scenario | seed | outcome | as required | upgrade s | faults | missing |"
                + " lost writes | client errors | duplicates | asked a person |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (RunResult r : report.runs()) {
      md.append(
          row(
              r.index(),
              r.kind(),
              r.scenario(),
              r.seed(),
              r.outcome(),
              r.expected() ? "yes" : "**no**",
              r.upgradeSeconds(),
              r.faults().stream().map(ChaosMarkdown::describe).collect(Collectors.joining("; ")),
              r.missingKeys(),
              r.lostWrites(),
              r.clientErrors(),
              r.duplicates().isEmpty() ? "0" : String.join("; ", r.duplicates()),
              r.questions()));
    }
    List<RunResult> unexpected = report.runs().stream().filter(r -> !r.expected()).toList();
    if (!unexpected.isEmpty()) {
      md.append("\n## Runs not as required\n\n");
      for (RunResult r : unexpected) {
        md.append("- run ")
            .append(r.index())
            .append(" (")
            .append(r.kind())
            .append(", ")
            .append(r.scenario())
            .append(", seed ")
            .append(r.seed())
            .append("): ")
            .append(r.outcome())
            .append(", phase ")
            .append(r.phase())
            .append(": ")
            .append(r.message())
            .append("\n");
      }
    }
    return md.toString();
  }

  /** What the figures include and leave out; the same for every run of the benchmark. */
  private static final String READING =
      "\n"
          + "## Reading these figures\n"
          + "\n"
          + "- **API faults** counts what the proxy injected. fabric8 retries 429s, 5xx and broken connections on its\n"
          + "  own (up to 10 times with backoff), so most never reach gridshift's code; the ones that do (a 409, a\n"
          + "  create whose reset came after the API applied it, a retry budget spent) meet the activities' own\n"
          + "  idempotence and Temporal's retries. The mix per run is in the JSON report.\n"
          + "- **Crash-loop detection** is short here because the sandbox's kubelet backs off 1 s, then 2 s between\n"
          + "  restarts; a real kubelet backs off 10 s, then 20 s, so expect 30-40 s on a real cluster (the rule is\n"
          + "  CrashLoopBackOff after 2 restarts, or 3 restarts, of a container that is not ready).\n"
          + "- **The worker as a process**: its Temporal is the sandbox's Java test server with sticky workflow tasks\n"
          + "  off for these lanes, because that server never moves a task off a dead worker's sticky queue (a real\n"
          + "  server does after 5 s); the figures therefore include a full history replay on every workflow task.\n"
          + "- **A member kill** is waited out: Hazelcast's roll holds until the cluster is safe again, and Infinispan's\n"
          + "  target keeps every key on its other member (owners 2); neither asked a person in these runs.\n";

  private static void crashLoop(StringBuilder md, List<RunResult> runs) {
    List<RunResult> crash =
        runs.stream().filter(r -> r.scenario().equals(Scenario.CRASH_LOOP.id())).toList();
    if (crash.isEmpty()) {
      return;
    }
    DoubleSummaryStatistics detection =
        crash.stream()
            .map(RunResult::detectionSeconds)
            .filter(Objects::nonNull)
            .mapToDouble(Double::doubleValue)
            .summaryStatistics();
    md.append("\n## Crash-loop detection\n\n")
        .append("From the start of the step that met the crash-looping target to its failure: ");
    if (detection.getCount() == 0) {
      md.append("no run measured it.\n");
    } else {
      md.append(
          String.format(
              Locale.ROOT,
              "min %.1f s, max %.1f s over %d runs.%n",
              detection.getMin(),
              detection.getMax(),
              detection.getCount()));
    }
  }

  private static int faultCount(RunResult r) {
    return r.workerKills()
        + (int) Math.min(Integer.MAX_VALUE, r.apiFaults())
        + r.gridFaults()
        + (int) r.faults().stream().filter(f -> f.type().equals("temporal-outage")).count();
  }

  private static String describe(Fault f) {
    return f.type()
        + " at "
        + f.atSeconds()
        + " s"
        + (f.step() == null ? "" : " (" + f.step() + ")");
  }

  private static long count(List<RunResult> runs, String outcome) {
    return runs.stream().filter(r -> r.outcome().equals(outcome)).count();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
    return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
  }

  private static String row(Object... cells) {
    return "| "
        + java.util.Arrays.stream(cells)
            .map(c -> String.valueOf(c).replace("|", "\\|").replace("\n", " "))
            .collect(Collectors.joining(" | "))
        + " |\n";
  }
}
