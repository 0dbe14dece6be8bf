package io.gridshift.demo.bench;

import io.gridshift.workflows.kinds.GridKinds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * {@link FleetScaleWorker} as its own process, so that its heap is its own ({@code -Xmx512m} proves
 * the worker fits) and not the driver's, whose Temporal test server keeps every history in memory.
 * Started by {@link FleetScaleBenchmark}; talks to it over stdin and stdout:
 *
 * <ol>
 *   <li>arguments: {@code TARGET GRIDS CLUSTERS POLLS POLL_MS CACHE WF_TASKS WF_POLLERS
 *       AGENT_POLLERS} ({@code -} for an SDK default);
 *   <li>prints {@code READY} once every worker polls;
 *   <li>when stdin ends (or reads {@code stop}), prints {@code HEAP <peak MiB> <max MiB>} and
 *       exits.
 * </ol>
 */
public final class FleetScaleWorkerMain {
  private FleetScaleWorkerMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 9) {
      System.err.println(
          "usage: FleetScaleWorkerMain TARGET GRIDS CLUSTERS POLLS POLL_MS CACHE WF_TASKS"
              + " WF_POLLERS AGENT_POLLERS (- for an SDK default)");
      System.exit(2);
    }
    SimulatedFleet fleet = new SimulatedFleet(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    SimulatedPace pace = new SimulatedPace(Integer.parseInt(args[3]), Long.parseLong(args[4]));
    FleetScaleWorker.Tuning tuning =
        new FleetScaleWorker.Tuning(
            optional(args[5]), optional(args[6]), optional(args[7]), optional(args[8]));
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(args[0]).build());
    WorkflowClient client =
        WorkflowClient.newInstance(
            stubs,
            WorkflowClientOptions.newBuilder().setDataConverter(GridKinds.dataConverter()).build());
    try (HeapSampler heap = new HeapSampler();
        FleetScaleWorker worker = new FleetScaleWorker(client, fleet, pace, tuning)) {
      worker.start();
      System.out.println("READY");
      System.out.flush();
      awaitStop();
      System.out.println("HEAP " + heap.peakMb() + " " + heap.maxMb());
      System.out.flush();
    } finally {
      stubs.shutdown();
    }
  }

  static Integer optional(String arg) {
    return arg.equals("-") ? null : Integer.valueOf(arg);
  }

  private static void awaitStop() throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.strip().equals("stop")) {
        return;
      }
    }
  }
}
