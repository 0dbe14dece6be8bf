package io.gridshift.demo.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The benchmark's JSON report: {@code summary} over every run, then {@code runs}, one {@link
 * RunResult} each.
 */
record ChaosReport(Summary summary, List<RunResult> runs) {

  /**
   * Totals over the runs.
   *
   * @param runs runs in all
   * @param completed upgrades that completed
   * @param compensatedAsDesigned upgrades a scenario expected to roll back that did, losing nothing
   * @param failed runs that ended otherwise (failed, hung, or rolled back when they should have
   *     completed)
   * @param unexpected runs whose outcome, keys, writes or destructive actions were not what the
   *     scenario must show (0 is the goal)
   */
  record Summary(
      int runs,
      int completed,
      int compensatedAsDesigned,
      int failed,
      int unexpected,
      int workerKills,
      long apiFaults,
      int gridFaults,
      long missingKeys,
      long lostWrites,
      long clientErrors,
      int duplicateDestructiveActions) {}

  static ChaosReport of(List<RunResult> runs) {
    return new ChaosReport(summarize(runs), List.copyOf(runs));
  }

  static Summary summarize(List<RunResult> runs) {
    int completed = count(runs, RunResult.COMPLETED);
    int compensated =
        (int)
            runs.stream()
                .filter(r -> r.outcome().equals(RunResult.COMPENSATED) && r.expected())
                .count();
    return new Summary(
        runs.size(),
        completed,
        compensated,
        runs.size() - completed - compensated,
        (int) runs.stream().filter(r -> !r.expected()).count(),
        runs.stream().mapToInt(RunResult::workerKills).sum(),
        runs.stream().mapToLong(RunResult::apiFaults).sum(),
        runs.stream().mapToInt(RunResult::gridFaults).sum(),
        runs.stream().mapToLong(r -> Math.max(0, r.missingKeys())).sum(),
        runs.stream().mapToLong(r -> Math.max(0, r.lostWrites())).sum(),
        runs.stream().mapToLong(RunResult::clientErrors).sum(),
        runs.stream().mapToInt(RunResult::duplicateDestructiveActions).sum());
  }

  private static int count(List<RunResult> runs, String outcome) {
    return (int) runs.stream().filter(r -> r.outcome().equals(outcome)).count();
  }

  void write(Path file) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
  }
}
