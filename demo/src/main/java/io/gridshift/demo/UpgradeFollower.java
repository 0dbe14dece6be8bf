package io.gridshift.demo;

import io.gridshift.starter.UpgradeRequests;
import io.gridshift.starter.UpgradeService;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.Gatekeeper;
import io.gridshift.workflows.common.OpenGate;
import io.gridshift.workflows.common.UpgradeStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Starts an upgrade from request JSON and follows it to the end, printing what changes; approves
 * each gate as user {@code demo} with {@code --yes}, or prints the commands that decide it, ready
 * to paste.
 *
 * <p>With {@code --yes} the {@code retry} gate (a step failed) is approved at most {@value
 * #AUTO_RETRIES} times in a row for the same step; then it is rejected, so a step that keeps
 * failing ends the demo with its error instead of retrying forever.
 */
final class UpgradeFollower {
  static final int AUTO_RETRIES = 2;

  /** How often the status is read while the upgrade runs. */
  static final Duration POLL = Duration.ofMillis(500);

  private final UpgradeService service;
  private final GateDecider decider;
  private final boolean approveAll;
  private final DemoCommands commands;
  private final Map<String, String> gateNotes;
  private final PrintStream out;
  private String retriedStep;
  private int retries;
  private Consumer<UpgradeStatus> clients = status -> {};

  /**
   * @param gateNotes per gate name, what this demo adds for a newcomer when that gate opens
   */
  UpgradeFollower(
      UpgradeService service,
      boolean approveAll,
      DemoCommands commands,
      Map<String, String> gateNotes,
      PrintStream out) {
    this(service, GateDecider.direct(service), approveAll, commands, gateNotes, out);
  }

  /**
   * @param decider how {@code --yes} decides gates (directly, or through the REST service)
   * @param gateNotes per gate name, what this demo adds for a newcomer when that gate opens
   */
  UpgradeFollower(
      UpgradeService service,
      GateDecider decider,
      boolean approveAll,
      DemoCommands commands,
      Map<String, String> gateNotes,
      PrintStream out) {
    this.service = service;
    this.decider = decider;
    this.approveAll = approveAll;
    this.commands = commands;
    this.gateNotes = gateNotes;
    this.out = out;
  }

  /**
   * Shows every status to {@code clients} (the demo's client traffic) before any gate is decided,
   * so a client can act on what the upgrade asks (pause writes) before the gate is approved; it may
   * block until it has.
   */
  UpgradeFollower withClients(Consumer<UpgradeStatus> clients) {
    this.clients = clients;
    return this;
  }

  /** Starts the request (the same JSON `./gridshift upgrade start --file` takes) and follows it. */
  UpgradeStatus run(String requestJson, String description) throws Exception {
    out.println("\nRequest:\n" + requestJson);
    String id = service.start(UpgradeRequests.parse(requestJson, false)).getWorkflowId();
    out.printf("%nUpgrade %s started: workflow %s%n", description, id);
    if (!approveAll) {
      out.printf("  (from another terminal: %s)%n", commands.status(id));
    }
    CompletableFuture<UpgradeStatus> done =
        CompletableFuture.supplyAsync(() -> service.awaitCompletion(id));
    ProgressPrinter progress = new ProgressPrinter(out, commands);
    while (true) {
      try {
        UpgradeStatus last = done.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
        clients.accept(last);
        progress.print(last);
        return last;
      } catch (TimeoutException e) {
        UpgradeStatus status = service.status(id);
        clients.accept(status);
        OpenGate gate = progress.print(status);
        if (gate != null) {
          decide(id, gate, status.currentStep());
        }
      }
    }
  }

  private void decide(String id, OpenGate gate, String step) {
    if (approveAll && Gatekeeper.RETRY_GATE.equals(gate.name()) && !retryAgain(step)) {
      decider.decide(
          id,
          gate.name(),
          false,
          step + " failed " + (AUTO_RETRIES + 1) + " times: ./gridshift demo --yes gives up");
    } else if (approveAll) {
      decider.decide(id, gate.name(), true, "approved by ./gridshift demo --yes");
    } else {
      ask(id, gate);
    }
  }

  private void ask(String id, OpenGate gate) {
    out.print(prompt(id, gate, gateNotes.get(gate.name()), commands));
  }

  /**
   * The gate, what this demo adds about it ({@code note}, may be null), and the commands that
   * decide it, ready to paste.
   */
  static String prompt(String id, OpenGate gate, String note, DemoCommands commands) {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            "%n  Gate '%s' is waiting for a decision until %s;%n  %s.%n",
            gate.name(),
            gate.deadline(),
            gate.onTimeout() == GatePolicy.TimeoutAction.KEEP_WAITING
                ? "if nobody decides by then, it stays open and asks again"
                : "if nobody decides by then, the upgrade is aborted"));
    if (note != null) {
      text.append("  ").append(note).append(System.lineSeparator());
    }
    if (gate.fourEyes() && commands.user().equals(gate.requestedBy())) {
      text.append(
          String.format(
              "  Four-eyes is on: someone other than %s must approve (change --by).%n",
              gate.requestedBy()));
    }
    text.append(
        String.format(
            "  In another terminal, approve it (add --comment \"...\" to say why):%n    %s%n",
            commands.decide("approve", id, gate.name())));
    text.append(
        String.format("  or reject it:%n    %s%n%n", commands.decide("reject", id, gate.name())));
    return text.toString();
  }

  /** Whether the failed step {@code step} may be retried once more without asking anyone. */
  private boolean retryAgain(String step) {
    retries = step != null && step.equals(retriedStep) ? retries + 1 : 1;
    retriedStep = step;
    return retries <= AUTO_RETRIES;
  }
}
