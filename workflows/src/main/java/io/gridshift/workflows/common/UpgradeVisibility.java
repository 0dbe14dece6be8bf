package io.gridshift.workflows.common;

import static io.gridshift.workflows.common.UpgradeSearchAttributes.CLUSTER;
import static io.gridshift.workflows.common.UpgradeSearchAttributes.GRID;
import static io.gridshift.workflows.common.UpgradeSearchAttributes.KIND;
import static io.gridshift.workflows.common.UpgradeSearchAttributes.NAMESPACE;
import static io.gridshift.workflows.common.UpgradeSearchAttributes.PHASE;
import static io.gridshift.workflows.common.UpgradeSearchAttributes.SOURCE_VERSION;
import static io.gridshift.workflows.common.UpgradeSearchAttributes.STEP;
import static io.gridshift.workflows.common.UpgradeSearchAttributes.TARGET_VERSION;

import io.gridshift.workflows.request.UpgradeRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What people see of an upgrade outside {@code status()}: search attributes, the current details
 * shown by the Temporal UI, and notifications.
 *
 * <ol>
 *   <li>{@link #begin} runs first in the workflow method.
 *   <li>What the worker offers ({@link VisibilityOptions}) is recorded once (side effect): only the
 *       search attribute keys it found registered are upserted (an unknown key fails the workflow
 *       task on every retry), and notifications only when a worker serves them.
 *   <li>Kind, cluster, namespace, grid and target version at start; source version once the plan
 *       knows it; step and phase as they change.
 *   <li>A notification when a gate opens or expires and when the upgrade ends (not for dry runs),
 *       sent by {@link Notifier}, which never blocks or fails the upgrade.
 * </ol>
 */
public final class UpgradeVisibility implements UpgradeListener {
  private final StepTracker tracker;
  private final VisibilityOptions offered;
  private final Notifier notifier = new Notifier();
  private Supplier<UpgradeDetails> kindDetails = () -> null;
  private final Map<String, String> upserted = new HashMap<>();
  private Set<String> registered = Set.of();
  private boolean on;
  private boolean notify;
  private String kind;
  private ClusterRef cluster;
  private String grid;
  private String sourceVersion;
  private String targetVersion;
  private String requestedBy;
  private OpenGate openGate;

  /**
   * @param offered what the worker offers: registered search attributes, notifications
   */
  public UpgradeVisibility(StepTracker tracker, VisibilityOptions offered) {
    this.tracker = tracker;
    this.offered = offered;
  }

  /**
   * Starts visibility for {@code request} (the raw input, may be null or invalid): call first in
   * the workflow method, before any other command.
   */
  public void begin(String kind, UpgradeRequest request) {
    boolean none = request == null;
    begin(
        kind,
        none ? null : request.cluster(),
        none ? null : request.grid(),
        none ? null : request.targetVersion(),
        none ? null : request.requestedBy(),
        !none && Boolean.TRUE.equals(request.dryRun()));
  }

  private void begin(
      String kind,
      ClusterRef cluster,
      String grid,
      String targetVersion,
      String requestedBy,
      boolean dryRun) {
    on = true;
    VisibilityOptions options = Workflow.sideEffect(VisibilityOptions.class, () -> offered);
    registered = Set.copyOf(options.searchAttributes());
    notify = options.notifications() && !dryRun;
    this.kind = kind;
    this.cluster = cluster == null ? new ClusterRef(null, null) : cluster;
    this.grid = grid;
    this.targetVersion = targetVersion;
    this.requestedBy = requestedBy == null ? "unknown" : requestedBy;
    Map<SearchAttributeKey<String>, String> values = new LinkedHashMap<>();
    values.put(KIND, kind);
    values.put(CLUSTER, this.cluster.cluster());
    values.put(NAMESPACE, this.cluster.namespace());
    values.put(GRID, grid);
    values.put(TARGET_VERSION, targetVersion);
    values.put(PHASE, tracker.phase().name());
    upsert(values);
    details();
  }

  /** Where the kind's details come from, for the Temporal UI's current details. */
  public void kindDetails(Supplier<UpgradeDetails> source) {
    this.kindDetails = source;
  }

  /** The version running before the upgrade, once the plan knows it. */
  public void sourceVersion(String version) {
    sourceVersion = version;
    if (on) {
      upsert(Map.of(SOURCE_VERSION, version == null ? "" : version));
      details();
    }
  }

  @Override
  public void stepStarted(String step) {
    if (on) {
      upsert(Map.of(STEP, step));
      details();
    }
  }

  @Override
  public void phaseChanged(Phase phase) {
    if (phase != Phase.WAITING_APPROVAL && phase != Phase.NEEDS_ATTENTION) {
      openGate = null; // the gate was decided
    }
    if (on) {
      upsert(Map.of(PHASE, phase.name()));
      details();
    }
  }

  @Override
  public void gateOpened(OpenGate gate) {
    openGate = gate;
    if (!on) {
      return;
    }
    details();
    String message =
        Gatekeeper.RETRY_GATE.equals(gate.name()) ? tracker.message() : currentStepMessage();
    send(NotificationEvent.GATE_OPENED, gate, message);
  }

  @Override
  public void gateExpired(OpenGate gate, String detail) {
    openGate = null;
    if (on) {
      send(NotificationEvent.GATE_EXPIRED, gate, detail);
      details();
    }
  }

  /** The upgrade ended in {@code phase} (COMPLETED, FAILED or ABORTED) with {@code message}. */
  public void finished(Phase phase, String message) {
    openGate = null;
    if (!on) {
      return;
    }
    details();
    NotificationEvent event =
        switch (phase) {
          case COMPLETED -> NotificationEvent.COMPLETED;
          case ABORTED -> NotificationEvent.ABORTED;
          default -> NotificationEvent.FAILED;
        };
    send(event, null, message);
  }

  private void send(NotificationEvent event, OpenGate gate, String message) {
    if (!notify) {
      return;
    }
    notifier.send(
        new Notification(
            event,
            Workflow.getInfo().getWorkflowId(),
            kind,
            cluster.cluster(),
            cluster.namespace(),
            grid,
            sourceVersion,
            targetVersion,
            gate == null ? null : gate.name(),
            gate == null ? null : gate.deadline(),
            gate == null ? requestedBy : gate.requestedBy(),
            tracker.phase(),
            tracker.currentStep(),
            message));
  }

  /** One command with the registered keys whose value changed; nulls are left out. */
  private void upsert(Map<SearchAttributeKey<String>, String> values) {
    List<SearchAttributeUpdate<?>> updates = new ArrayList<>();
    for (Map.Entry<SearchAttributeKey<String>, String> e : values.entrySet()) {
      String name = e.getKey().getName();
      String value = e.getValue();
      if (value != null && registered.contains(name) && !value.equals(upserted.get(name))) {
        upserted.put(name, value);
        updates.add(e.getKey().valueSet(value));
      }
    }
    if (!updates.isEmpty()) {
      Workflow.upsertTypedSearchAttributes(updates.toArray(SearchAttributeUpdate<?>[]::new));
    }
  }

  /** The Temporal UI's "current details" (Markdown): what runs, what waits, what to do. */
  private void details() {
    StringBuilder d = new StringBuilder();
    d.append("**").append(kind).append("** `").append(grid).append("` in ");
    d.append(cluster.cluster()).append('/').append(cluster.namespace()).append(": ");
    d.append(sourceVersion == null ? "" : sourceVersion + " → ").append(targetVersion);
    d.append("\n\nPhase **").append(tracker.phase()).append("**");
    if (tracker.currentStep() != null) {
      d.append(", step `").append(tracker.currentStep()).append('`');
    }
    if (openGate != null) {
      String id = Workflow.getInfo().getWorkflowId();
      d.append("\n\nGate **").append(openGate.name()).append("** waits until ");
      d.append(openGate.deadline()).append(": `gridshift approve ").append(id).append(' ');
      d.append(openGate.name()).append(" --comment \"...\"` (or signal `approveSignal`)");
    }
    if (tracker.message() != null) {
      d.append("\n\n").append(tracker.message());
    }
    UpgradeDetails kindDetails = this.kindDetails.get();
    if (kindDetails != null) {
      kindDetails.tables().forEach(table -> markdown(table, d));
    }
    Workflow.setCurrentDetails(d.toString());
  }

  private static void markdown(DetailTable table, StringBuilder d) {
    d.append("\n\n| ").append(String.join(" | ", table.columns())).append(" |\n|");
    d.append(" --- |".repeat(table.columns().size()));
    for (List<String> row : table.rows()) {
      d.append("\n| ").append(String.join(" | ", row)).append(" |");
    }
  }

  private String currentStepMessage() {
    String step = tracker.currentStep();
    if (step == null) {
      return tracker.message();
    }
    return tracker.steps().stream()
        .filter(s -> s.name().equals(step))
        .map(StepStatus::message)
        .findFirst()
        .orElse(tracker.message());
  }
}
