package io.gridshift.demo.chaos;

import java.util.List;

/**
 * What one chaos run showed (one element of the report's {@code runs}).
 *
 * @param index the run's number in the benchmark
 * @param kind {@code infinispan} or {@code hazelcast}
 * @param scenario the scenario's id ({@link Scenario#id()})
 * @param seed the run's seed: {@code bench/chaos --runs 1 --seed S --scenarios X --kinds K} runs it
 *     again
 * @param faults every fault injected, in order
 * @param outcome {@link #COMPLETED}, {@link #COMPENSATED}, {@link #FAILED} or {@link #HUNG}
 * @param expected whether the outcome is the one the scenario must show, with nothing lost and no
 *     destructive action repeated
 * @param phase the upgrade's final phase
 * @param message the upgrade's final message
 * @param workflowId the upgrade's workflow id
 * @param upgradeSeconds from the request to the upgrade's end
 * @param detectionSeconds crash-loop runs: how long the step that met the crash loop ran until it
 *     failed (the detection time); null otherwise
 * @param workerKills SIGKILLs of the worker
 * @param apiFaults Kubernetes API calls of the worker that failed by injection
 * @param gridFaults grid members killed, or crash-looping targets
 * @param missingKeys loaded keys missing or changed after the upgrade (and, for Infinispan, source
 *     keys verify-target missed)
 * @param lostWrites acknowledged probe writes missing or older at the end
 * @param clientErrors probe operations that failed
 * @param duplicateDestructiveActions destructive actions repeated, from the watch of the API
 * @param duplicates what was repeated, one line each
 * @param questions how often a failure asked a person (a question gate opened)
 * @param probeOps probe operations in all
 */
record RunResult(
    int index,
    String kind,
    String scenario,
    long seed,
    List<Fault> faults,
    String outcome,
    boolean expected,
    String phase,
    String message,
    String workflowId,
    double upgradeSeconds,
    Double detectionSeconds,
    int workerKills,
    long apiFaults,
    int gridFaults,
    long missingKeys,
    long lostWrites,
    long clientErrors,
    int duplicateDestructiveActions,
    List<String> duplicates,
    int questions,
    long probeOps) {
  static final String COMPLETED = "completed";
  static final String COMPENSATED = "compensated-as-designed";
  static final String FAILED = "failed";
  static final String HUNG = "hung";

  RunResult {
    faults = List.copyOf(faults);
    duplicates = List.copyOf(duplicates);
  }
}
