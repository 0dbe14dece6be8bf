package io.gridshift.sandbox.demo;

import io.gridshift.starter.UpgradeRequests;
import io.gridshift.starter.UpgradeService;
import io.gridshift.starter.cli.StatusPrinter;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.OpenGate;
import io.gridshift.workflows.common.UpgradeStatus;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts an upgrade from request JSON and follows it to the end, printing what changes; approves
 * each gate as user {@code demo} with {@code --yes}, or prints the command that approves it.
 */
final class UpgradeFollower {
  private final UpgradeService service;
  private final boolean approveAll;
  private final PrintStream out;

  UpgradeFollower(UpgradeService service, boolean approveAll, PrintStream out) {
    this.service = service;
    this.approveAll = approveAll;
    this.out = out;
  }

  /** Starts the request (the same JSON `./gridshift upgrade start --file` takes) and follows it. */
  UpgradeStatus run(String requestJson, String description) throws Exception {
    out.println("\nRequest:\n" + requestJson);
    String id = service.start(UpgradeRequests.parse(requestJson, false)).getWorkflowId();
    out.printf("%nUpgrade %s started: workflow %s%n", description, id);
    CompletableFuture<UpgradeStatus> done =
        CompletableFuture.supplyAsync(() -> service.awaitCompletion(id));
    ProgressPrinter progress = new ProgressPrinter(out);
    while (true) {
      try {
        return done.get(500, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        OpenGate gate = progress.print(service.status(id));
        if (gate != null) {
          decide(id, gate);
        }
      }
    }
  }

  private void decide(String id, OpenGate gate) {
    if (approveAll) {
      service.approve(
          id, new GateDecision(gate.name(), "demo", "approved by ./gridshift demo --yes"));
      out.printf("  gate %-18s approved by demo%n", gate.name());
    } else {
      out.printf(
          "%n  Gate '%s' is waiting for approval (until %s). In another terminal run:%n    %s%n%n",
          gate.name(), gate.deadline(), StatusPrinter.approveCommand(id, gate.name(), "approve"));
    }
  }
}
