package io.gridshift.demo.chaos;

import io.gridshift.starter.UpgradeRequests;
import io.gridshift.starter.UpgradeService;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.Gatekeeper;
import io.gridshift.workflows.common.OpenGate;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.hazelcast.HazelcastGates;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the people of a chaos run: requests the upgrade as {@value #REQUESTER}, approves its gates
 * as {@value #APPROVER} (four-eyes holds), and answers the question gates a failure opens: retry up
 * to {@value #RETRIES_PER_STEP} times per step, or, where the run expects a rollback, reject (roll
 * back). It talks to Temporal directly, never through the outage proxy; a query or decision that
 * finds the worker down is simply tried again on the next poll.
 */
final class ChaosDriver {
  static final String REQUESTER = "chaos-requester";
  static final String APPROVER = "chaos-approver";
  static final int RETRIES_PER_STEP = 2;
  private static final Logger LOG = LoggerFactory.getLogger(ChaosDriver.class);
  private static final Set<String> QUESTION_GATES =
      Set.of(Gatekeeper.RETRY_GATE, HazelcastGates.RESUME_OR_ROLLBACK);
  private static final Duration POLL = Duration.ofMillis(500);

  private final UpgradeService service;
  private final boolean rollBackOnQuestion;
  private volatile UpgradeStatus latest;
  private volatile String workflowId;
  private int questions;
  private String lastQuestion;
  private String questionStep;
  private int retriesOfStep;

  /**
   * @param rollBackOnQuestion whether a question gate is answered by rolling back (the crash-loop
   *     runs) rather than retrying
   */
  ChaosDriver(UpgradeService service, boolean rollBackOnQuestion) {
    this.service = service;
    this.rollBackOnQuestion = rollBackOnQuestion;
  }

  /** Starts the upgrade; returns its workflow id. */
  String start(String requestJson) {
    workflowId = service.start(UpgradeRequests.parse(requestJson, false)).getWorkflowId();
    return workflowId;
  }

  /**
   * Follows the upgrade to its end, deciding gates; returns its final status.
   *
   * @throws TimeoutException when it has not ended within {@code timeout}: a hang
   */
  UpgradeStatus follow(Duration timeout) throws TimeoutException, InterruptedException {
    String id = workflowId;
    CompletableFuture<Void> done =
        CompletableFuture.runAsync(
            () -> {
              try {
                service.awaitCompletion(id, timeout);
              } catch (TimeoutException e) {
                throw new IllegalStateException(e);
              }
            });
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.isDone()) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("upgrade " + id + " still runs after " + timeout);
      }
      poll(id);
      try {
        done.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // still running
      } catch (ExecutionException e) {
        throw new TimeoutException("upgrade " + id + " still runs after " + timeout);
      }
    }
    return finalStatus(id);
  }

  /** The final status, read once the worker answers queries again. */
  private UpgradeStatus finalStatus(String id) throws InterruptedException {
    RuntimeException last = null;
    for (int attempt = 0; attempt < 120; attempt++) {
      try {
        latest = service.status(id);
        return latest;
      } catch (RuntimeException e) {
        last = e;
        Thread.sleep(1000);
      }
    }
    throw last;
  }

  private void poll(String id) {
    UpgradeStatus status;
    try {
      status = service.status(id);
    } catch (RuntimeException e) {
      LOG.debug("status of {} not readable now ({}); polling again", id, e.toString());
      return;
    }
    latest = status;
    OpenGate gate = status.openGate();
    if (gate == null) {
      return;
    }
    try {
      decide(id, gate, status.currentStep());
    } catch (RuntimeException e) {
      LOG.info("deciding gate {} of {} failed ({}); polling again", gate.name(), id, e.toString());
    }
  }

  private void decide(String id, OpenGate gate, String step) {
    if (!QUESTION_GATES.contains(gate.name())) {
      service.approve(id, new GateDecision(gate.name(), APPROVER, "chaos run"));
      return;
    }
    String question = gate.name() + "@" + gate.openedAt();
    if (!question.equals(lastQuestion)) {
      questions++;
      lastQuestion = question;
    }
    boolean retry = !rollBackOnQuestion && retryAgain(step);
    LOG.info("{}: question gate {} at step {}: {}", id, gate.name(), step, retry ? "retry" : "no");
    if (retry) {
      service.approve(id, new GateDecision(gate.name(), APPROVER, "chaos run: retry"));
    } else {
      service.reject(
          id,
          new GateDecision(
              gate.name(),
              APPROVER,
              rollBackOnQuestion ? "chaos run: roll back" : "chaos run: failed again, give up"));
    }
  }

  private boolean retryAgain(String step) {
    retriesOfStep = step != null && step.equals(questionStep) ? retriesOfStep + 1 : 1;
    questionStep = step;
    return retriesOfStep <= RETRIES_PER_STEP;
  }

  /** The status last read (null before the first poll): what fault injectors time faults by. */
  UpgradeStatus latest() {
    return latest;
  }

  /** How many times a question gate asked a person. */
  int questions() {
    return questions;
  }

  String workflowId() {
    return workflowId;
  }
}
