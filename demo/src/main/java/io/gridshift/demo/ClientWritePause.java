package io.gridshift.demo;

import io.gridshift.demo.traffic.CacheRouter;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.StepState;
import io.gridshift.workflows.common.StepStatus;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.hazelcast.bluegreen.BlueGreenSteps;
import io.gridshift.workflows.infinispan.InfinispanDetails;
import io.gridshift.workflows.infinispan.InfinispanSteps;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The demo's client honouring an upgrade's write pause, as an application would: when gate
 * writes-paused opens, the traffic probe stops writing to the caches (Infinispan: those the status
 * names) or maps (Hazelcast blue-green: every map it writes) it is told to (reads go on) and
 * returns only once the writes in flight are answered, so the gate is approved after the client has
 * paused; once switch-traffic has completed, it writes again.
 */
final class ClientWritePause implements Consumer<UpgradeStatus> {
  private final CacheRouter client;
  private final PrintStream out;
  private final String gateStep;
  private final String switchStep;
  private final Function<UpgradeStatus, List<String>> toPause;
  private List<String> paused = List.of();
  private final Map<String, Long> heldMs = new LinkedHashMap<>();

  /** For an Infinispan upgrade: pauses the caches its status lists as write-paused. */
  ClientWritePause(CacheRouter client, PrintStream out) {
    this(
        client,
        out,
        InfinispanSteps.GATE_WRITES_PAUSED,
        InfinispanSteps.SWITCH_TRAFFIC,
        status ->
            status.details() instanceof InfinispanDetails d ? d.writePausedCaches() : List.of());
  }

  /**
   * For a Hazelcast blue-green upgrade: pauses writes to {@code maps} (every map the probe writes:
   * the whole source is frozen while the journals drain).
   */
  static ClientWritePause hazelcastBlueGreen(
      CacheRouter client, List<String> maps, PrintStream out) {
    return new ClientWritePause(
        client,
        out,
        BlueGreenSteps.GATE_WRITES_PAUSED,
        BlueGreenSteps.SWITCH_TRAFFIC,
        status -> maps);
  }

  private ClientWritePause(
      CacheRouter client,
      PrintStream out,
      String gateStep,
      String switchStep,
      Function<UpgradeStatus, List<String>> toPause) {
    this.client = client;
    this.out = out;
    this.gateStep = gateStep;
    this.switchStep = switchStep;
    this.toPause = toPause;
  }

  @Override
  public void accept(UpgradeStatus status) {
    if (paused.isEmpty() && asksToPause(status)) {
      pause(toPause.apply(status));
    } else if (!paused.isEmpty() && switched(status)) {
      Map<String, Long> held = client.resumeWrites();
      heldMs.putAll(held);
      out.printf(
          "  traffic probe: writes to caches %s resumed (held for %s ms)%n", paused, held.values());
      paused = List.of();
    }
  }

  /**
   * How long the probe held its writes, per cache it paused (client side: until it saw the end).
   */
  Map<String, Long> heldMs() {
    return Map.copyOf(heldMs);
  }

  private void pause(List<String> caches) {
    try {
      paused = client.pauseWrites(caches);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while pausing the probe's writes", e);
    }
    out.printf(
        "  traffic probe: writes to caches %s paused, none in flight (reads go on)%n", paused);
  }

  private boolean asksToPause(UpgradeStatus status) {
    StepStatus gate = step(status, gateStep);
    return gate != null && gate.state() == StepState.WAITING_APPROVAL;
  }

  /**
   * Writes resume once switch-traffic has completed, or once the upgrade ended before it (stopped,
   * compensated: the writes then go to the source, as before).
   */
  private boolean switched(UpgradeStatus status) {
    StepStatus s = step(status, switchStep);
    return s == null
        || s.state() == StepState.SUCCEEDED
        || ENDED.contains(status.phase())
        || status.phase() == Phase.COMPENSATING;
  }

  private static final java.util.Set<Phase> ENDED =
      java.util.EnumSet.of(Phase.COMPLETED, Phase.ABORTED, Phase.FAILED);

  private static StepStatus step(UpgradeStatus status, String name) {
    return status.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
  }
}
