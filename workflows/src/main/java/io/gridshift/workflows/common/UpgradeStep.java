package io.gridshift.workflows.common;

import io.temporal.workflow.Functions;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One entry of a kind's ordered step list, run by {@link UpgradeSkeleton}: a piece of work or a
 * gate, with what the skeleton must know about it. Built fluently, e.g. {@code
 * UpgradeStep.work(SWITCH_TRAFFIC, traffic::switchToTarget).undoneBy("traffic back on the source",
 * traffic::restore)}.
 */
public final class UpgradeStep {
  private static final Functions.Proc NOTHING = () -> {};

  private final String name;
  private final Functions.Proc work;
  private final String gate;
  private Supplier<String> instruction = () -> null;
  private BooleanSupplier runIf = () -> true;
  private String whyNot;
  private String undoneAs;
  private Functions.Proc undo;
  private String pointOfNoReturn;
  private BooleanSupplier passesPointOfNoReturn = () -> false;
  private boolean asksOnFailure;
  private String rollbackStep;
  private boolean rollbackOnly;
  private Functions.Proc before = NOTHING;
  private Functions.Proc after = NOTHING;

  private UpgradeStep(String name, Functions.Proc work, String gate) {
    this.name = name;
    this.work = work;
    this.gate = gate;
  }

  /** A step that does {@code work} (activities, waits). */
  public static UpgradeStep work(String name, Functions.Proc work) {
    return new UpgradeStep(name, work, null);
  }

  /** A step that waits for a decision on {@code gate}, with the request's policy for it. */
  public static UpgradeStep gate(String name, String gate) {
    return new UpgradeStep(name, null, gate);
  }

  /** What the person must do before approving the gate (may supply null). */
  public UpgradeStep instruction(Supplier<String> instruction) {
    this.instruction = instruction;
    return this;
  }

  /** The step runs only when {@code condition} holds when its turn comes; else it is skipped. */
  public UpgradeStep onlyIf(BooleanSupplier condition, String whyNot) {
    this.runIf = condition;
    this.whyNot = whyNot;
    return this;
  }

  /**
   * Before the point of no return, a stop after this step began runs {@code undo} (compensation,
   * newest first), marking this step {@code detail}.
   */
  public UpgradeStep undoneBy(String detail, Functions.Proc undo) {
    this.undoneAs = detail;
    this.undo = undo;
    return this;
  }

  /** Once this step succeeded, nothing is undone any more ({@code label} names where). */
  public UpgradeStep pointOfNoReturn(String label) {
    return pointOfNoReturnIf(label, () -> true);
  }

  /** As {@link #pointOfNoReturn(String)}, when {@code condition} holds after the step. */
  public UpgradeStep pointOfNoReturnIf(String label, BooleanSupplier condition) {
    this.pointOfNoReturn = label;
    this.passesPointOfNoReturn = condition;
    return this;
  }

  /**
   * A failure asks a person even before the point of no return (after it, every step asks): steps
   * that have no undo, such as a rolling upgrade's rolls.
   */
  public UpgradeStep asksOnFailure() {
    this.asksOnFailure = true;
    return this;
  }

  /**
   * When a person rejects this gate, or answers a failure of this step with a rollback, the upgrade
   * runs step {@code rollbackStep} (declared {@link #rollbackOnly()}) and ends.
   */
  public UpgradeStep rollsBackWith(String rollbackStep) {
    this.rollbackStep = rollbackStep;
    return this;
  }

  /** Runs only as the rollback branch of another step; in the normal order it is skipped. */
  public UpgradeStep rollbackOnly() {
    this.rollbackOnly = true;
    return this;
  }

  /** Runs {@code before} when the step's turn comes and it is not skipped (messages, logs). */
  public UpgradeStep before(Functions.Proc before) {
    this.before = before;
    return this;
  }

  /** Runs {@code after} once the step succeeded (and passed any point of no return). */
  public UpgradeStep after(Functions.Proc after) {
    this.after = after;
    return this;
  }

  public String name() {
    return name;
  }

  boolean isGate() {
    return gate != null;
  }

  String gateName() {
    return gate;
  }

  String instruction() {
    return instruction.get();
  }

  Functions.Proc work() {
    return work;
  }

  boolean shouldRun() {
    return runIf.getAsBoolean();
  }

  String whyNot() {
    return whyNot;
  }

  String undoneAs() {
    return undoneAs;
  }

  Functions.Proc undo() {
    return undo;
  }

  /** The label of the point of no return this step passes now, or null. */
  String pointOfNoReturnPassed() {
    return pointOfNoReturn != null && passesPointOfNoReturn.getAsBoolean() ? pointOfNoReturn : null;
  }

  boolean asksOnFailureAlways() {
    return asksOnFailure;
  }

  String rollbackStep() {
    return rollbackStep;
  }

  boolean isRollbackOnly() {
    return rollbackOnly;
  }

  Functions.Proc beforeIt() {
    return before;
  }

  Functions.Proc afterIt() {
    return after;
  }
}
