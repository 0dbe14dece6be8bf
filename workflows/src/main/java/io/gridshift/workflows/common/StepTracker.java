package io.gridshift.workflows.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;

/**
 * The part of {@code status()} that says where an upgrade stands: the overall phase and message,
 * the current step, and every step's state, times, attempts and latest message. Workflow code only
 * (timestamps are workflow time); the workflow's single thread is its only writer.
 */
public final class StepTracker {
  private final Map<String, StepStatus> steps = new LinkedHashMap<>();
  private Phase phase = Phase.PLANNING;
  private String currentStep;
  private String message;
  private UpgradeListener listener = UpgradeListener.NONE;

  /** Tracks {@code names}, in order, all PENDING. */
  public StepTracker(List<String> names) {
    for (String name : names) {
      steps.put(name, new StepStatus(name, StepState.PENDING, null, null, 0, null));
    }
  }

  /** Marks {@code step} RUNNING (again, when retried) and counts an attempt. */
  public void start(String step) {
    StepStatus s = get(step);
    steps.put(
        step,
        new StepStatus(step, StepState.RUNNING, WorkflowClock.now(), null, s.attempts() + 1, null));
    currentStep = step;
    // The log field "step" of this workflow's lines and of the activities it schedules (the
    // worker's LoggingContextInterceptor carries it over and puts it back when the task ends).
    MDC.put("step", step);
    listener.stepStarted(step);
  }

  /** Tells {@code listener} about step starts and phase changes from now on. */
  public void listener(UpgradeListener listener) {
    this.listener = listener;
  }

  /** Records progress of a running step without changing its state. */
  public void note(String step, String detail) {
    StepStatus s = get(step);
    steps.put(
        step, new StepStatus(step, s.state(), s.startedAt(), s.endedAt(), s.attempts(), detail));
  }

  /** The latest message of {@code step}, or null. */
  public String note(String step) {
    return get(step).message();
  }

  /** Marks {@code step} waiting for a person. */
  public void waiting(String step, String detail) {
    set(step, StepState.WAITING_APPROVAL, null, detail);
  }

  /** Marks {@code step} done, keeping its latest progress note as the message. */
  public void succeed(String step) {
    succeed(step, get(step).message());
  }

  /** Marks {@code step} done. */
  public void succeed(String step, String detail) {
    set(step, StepState.SUCCEEDED, WorkflowClock.now(), detail);
  }

  /** Marks {@code step} failed with what went wrong. */
  public void fail(String step, String detail) {
    set(step, StepState.FAILED, WorkflowClock.now(), detail);
  }

  /**
   * Records that compensation undid {@code step}: a step that had succeeded becomes COMPENSATED; a
   * failed step stays FAILED (so the status keeps showing where the upgrade broke) with the detail
   * appended.
   */
  public void compensated(String step, String detail) {
    StepStatus s = get(step);
    if (s.state() == StepState.SUCCEEDED) {
      set(step, StepState.COMPENSATED, WorkflowClock.now(), detail);
    } else if (s.state() != StepState.PENDING) {
      String previous = s.message() == null ? "" : s.message() + "; ";
      steps.put(
          step,
          new StepStatus(
              step, s.state(), s.startedAt(), s.endedAt(), s.attempts(), previous + detail));
    }
  }

  /** Marks {@code step} SKIPPED: it does not apply to this upgrade. */
  public void skip(String step, String detail) {
    set(step, StepState.SKIPPED, null, detail);
  }

  /** Marks every step that never started SKIPPED with {@code detail}. */
  public void skipPending(String detail) {
    for (StepStatus s : List.copyOf(steps.values())) {
      if (s.state() == StepState.PENDING) {
        set(s.name(), StepState.SKIPPED, null, detail);
      }
    }
  }

  /** The state of {@code step}. */
  public StepState state(String step) {
    return get(step).state();
  }

  /** Every step, in order (a copy). */
  public List<StepStatus> steps() {
    return new ArrayList<>(steps.values());
  }

  public Phase phase() {
    return phase;
  }

  public void phase(Phase phase) {
    Phase before = this.phase;
    this.phase = phase;
    if (phase != before) {
      listener.phaseChanged(phase);
    }
  }

  /** The step running or waiting now, or the last one that did. */
  public String currentStep() {
    return currentStep;
  }

  /** The latest noteworthy message of the upgrade as a whole. */
  public String message() {
    return message;
  }

  public void message(String message) {
    this.message = message;
  }

  private void set(String step, StepState state, String endedAt, String detail) {
    StepStatus s = get(step);
    steps.put(step, new StepStatus(step, state, s.startedAt(), endedAt, s.attempts(), detail));
  }

  private StepStatus get(String step) {
    StepStatus s = steps.get(step);
    if (s == null) {
      throw new IllegalArgumentException(
          "unknown step '" + step + "'; steps are " + steps.keySet());
    }
    return s;
  }
}
