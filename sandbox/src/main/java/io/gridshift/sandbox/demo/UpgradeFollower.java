package io.gridshift.sandbox.demo;

import io.gridshift.starter.UpgradeRequests;
import io.gridshift.starter.UpgradeService;
import io.gridshift.starter.cli.StatusPrinter;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.Gatekeeper;
import io.gridshift.workflows.common.OpenGate;
import io.gridshift.workflows.common.UpgradeStatus;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts an upgrade from request JSON and follows it to the end, printing what changes; approves
 * each gate as user {@code demo} with {@code --yes}, or prints the command that approves it.
 *
 * <p>With {@code --yes} the {@code retry} gate (a step failed) is approved at most {@value
 * #AUTO_RETRIES} times in a row for the same step; then it is rejected, so a step that keeps
 * failing ends the demo with its error instead of retrying forever.
 */
final class UpgradeFollower {
  static final int AUTO_RETRIES = 2;
  private final UpgradeService service;
  private final boolean approveAll;
  private final PrintStream out;
  private String retriedStep;
  private int retries;

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
        UpgradeStatus status = service.status(id);
        OpenGate gate = progress.print(status);
        if (gate != null) {
          decide(id, gate, status.currentStep());
        }
      }
    }
  }

  private void decide(String id, OpenGate gate, String step) {
    if (approveAll && Gatekeeper.RETRY_GATE.equals(gate.name()) && !retryAgain(step)) {
      service.reject(
          id,
          new GateDecision(
              gate.name(),
              "demo",
              step + " failed " + (AUTO_RETRIES + 1) + " times: ./gridshift demo --yes gives up"));
      out.printf("  gate %-18s rejected by demo after %d retries%n", gate.name(), AUTO_RETRIES);
    } else if (approveAll) {
      service.approve(
          id, new GateDecision(gate.name(), "demo", "approved by ./gridshift demo --yes"));
      out.printf("  gate %-18s approved by demo%n", gate.name());
    } else {
      out.printf(
          "%n  Gate '%s' is waiting for approval (until %s). In another terminal run:%n    %s%n%n",
          gate.name(), gate.deadline(), StatusPrinter.approveCommand(id, gate.name(), "approve"));
    }
  }

  /** Whether the failed step {@code step} may be retried once more without asking anyone. */
  private boolean retryAgain(String step) {
    retries = step != null && step.equals(retriedStep) ? retries + 1 : 1;
    retriedStep = step;
    return retries <= AUTO_RETRIES;
  }
}
