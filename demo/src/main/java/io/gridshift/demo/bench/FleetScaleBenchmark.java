package io.gridshift.demo.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gridshift.sandbox.temporal.LocalTemporalServer;
import io.gridshift.workflows.kinds.GridKinds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet scale benchmark ({@code bench/fleet-scale}, issue 12 section 8):
 *
 * <ol>
 *   <li>starts the sandbox's Temporal (the Java test server, real time) on loopback in this JVM;
 *   <li>starts one worker ({@link FleetScaleWorker}; its own JVM by default) hosting the workflows
 *       and the simulated agents of every cluster;
 *   <li>the floor: {@link FloorFanOutWorkflow} runs every grid's child, {@code window} at a time;
 *   <li>the fleet: {@link FleetScaleFleetRun} runs the same children (other namespace, so other
 *       workflow ids) through {@code FleetUpgradeWorkflow}, pending children sampled meanwhile;
 *   <li>reads every history back (the fleet's runs across continue-as-new, every child's), stops
 *       the worker for its heap peak, and writes the JSON report and the Markdown results.
 * </ol>
 *
 * Exit code 0 when every child of both runs succeeded; the figures against their targets are in the
 * results, not in the exit code (it measures, it does not assert).
 */
public final class FleetScaleBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(FleetScaleBenchmark.class);

  private FleetScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    FleetScaleOptions options;
    try {
      options = FleetScaleOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("fleet-scale: " + e.getMessage());
      System.exit(2);
      return;
    }
    FleetScaleResult result = run(options, Path.of(".gridshift"));
    String command = "bench/fleet-scale " + String.join(" ", args);
    if (options.report() != null) {
      writeJson(result, options.report());
      System.out.println("report: " + options.report());
    }
    if (options.results() != null) {
      Files.writeString(
          options.results(),
          FleetScaleMarkdown.render(result, command.strip(), notes(options.results())));
      System.out.println("results: " + options.results());
    }
    boolean allSucceeded =
        (result.failed() == null || result.failed() == 0)
            && (result.floorSucceeded() == null || result.floorSucceeded() == result.grids());
    System.exit(allSucceeded ? 0 : 1);
  }

  /** Runs the benchmark; logs and the worker's log go under {@code workDir}. */
  static FleetScaleResult run(FleetScaleOptions options, Path workDir) throws Exception {
    Files.createDirectories(workDir);
    Path workerLog = workDir.toAbsolutePath().resolve("fleet-scale-worker.log");
    try (LocalTemporalServer temporal = LocalTemporalServer.start(options.port())) {
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
      try {
        WorkflowClient client =
            WorkflowClient.newInstance(
                stubs,
                WorkflowClientOptions.newBuilder()
                    .setDataConverter(GridKinds.dataConverter())
                    .build());
        return measure(options, client, temporal.target(), workerLog);
      } finally {
        stubs.shutdown();
      }
    }
  }

  private static FleetScaleResult measure(
      FleetScaleOptions options, WorkflowClient client, String target, Path workerLog)
      throws Exception {
    RunFigures floor = null;
    RunFigures fleet = null;
    FleetScaleWorkerHandle.Heap heap;
    String load;
    try (FleetScaleWorkerHandle worker =
        FleetScaleWorkerHandle.start(options, client, target, workerLog)) {
      RunFigures warmUp = FloorRun.warmUp(client, options);
      String loadBefore = FleetScaleFigures.loadAverage();
      say(
          String.format(
              "warm-up: %d children in %.1f s",
              warmUp.succeeded() + warmUp.failed(), warmUp.wallSeconds()));
      if (options.runFloor()) {
        say("floor: " + options.grids() + " children, " + options.window() + " at a time");
        floor = FloorRun.run(client, options);
        say(
            String.format(
                "floor: %.1f s, %d succeeded, %d failed%s",
                floor.wallSeconds(), floor.succeeded(), floor.failed(), failure(floor)));
      }
      if (options.runFleet()) {
        say("fleet: " + options.grids() + " grids over " + options.clusters() + " clusters");
        fleet = FleetScaleFleetRun.run(client, options);
        say(
            String.format(
                "fleet: %.1f s, %d succeeded, %d failed%s",
                fleet.wallSeconds(), fleet.succeeded(), fleet.failed(), failure(fleet)));
      }
      heap = worker.stop();
      load = loadBefore + " before, " + FleetScaleFigures.loadAverage() + " after";
    }
    return FleetScaleFigures.result(options, client, floor, fleet, heap, load);
  }

  private static String failure(RunFigures run) {
    return run.firstFailure() == null ? "" : "; first failure: " + run.firstFailure();
  }

  private static void say(String line) {
    System.out.println(line);
    LOG.info(line);
  }

  static void writeJson(FleetScaleResult result, Path file) throws IOException {
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), result);
  }

  /** The hand-written analysis beside the results ({@code FLEET-SCALE-NOTES.md}), if any. */
  private static String notes(Path results) throws IOException {
    Path notes = results.resolveSibling("FLEET-SCALE-NOTES.md");
    return Files.exists(notes) ? Files.readString(notes) : "";
  }
}
