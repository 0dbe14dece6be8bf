package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.UpgradeStop;
import io.gridshift.workflows.request.InfinispanUpgradeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a failed write-through probe (the protostream hazard) means for the upgrade, and the words
 * the person reads, apart from the mechanism in {@link CacheData}. No Temporal API is used here.
 *
 * <ol>
 *   <li>No cache failed: the upgrade goes on as usual.
 *   <li>{@link ProtostreamHandling#REFUSE}: the upgrade stops before traffic moves.
 *   <li>{@link ProtostreamHandling#PAUSE_WRITES} (RUNTIME mode: the request's validation refuses it
 *       with CONFIG, before anything runs): the failed caches are copied while clients still write,
 *       then caught up with client writes to them paused briefly, right before traffic moves
 *       (before issue 16: paused for their whole sync).
 * </ol>
 */
final class WriteThroughRules {
  private static final String NOT_SWITCHED =
      "Traffic was NOT switched: clients writing through the target would lose those writes.";

  private WriteThroughRules() {}

  /**
   * Why the upgrade must stop, or empty when it may go on.
   *
   * @param failures what the probe saw, per failed cache, in plan order
   */
  static Optional<UpgradeStop> refusal(
      InfinispanUpgradeRequest request, Map<String, String> failures) {
    if (failures.isEmpty()) {
      return Optional.empty();
    }
    String found =
        "a write through the target did not reach the source for " + describe(failures) + ".";
    if (request.protostream() == ProtostreamHandling.REFUSE) {
      return Optional.of(
          UpgradeStop.failed(
              FailureTypes.WRITE_PROBE_FAILED,
              found
                  + " "
                  + NOT_SWITCHED
                  + " Either set \"protostream\": \"PAUSE_WRITES\" to migrate these caches with"
                  + " a short pause of client writes right before traffic moves (gate '"
                  + InfinispanGates.WRITES_PAUSED
                  + "' asks for it; they are copied beforehand while clients still write), or"
                  + " remove the"
                  + " value encoding of those caches or pick a target version without this"
                  + " defect; then start again"));
    }
    return Optional.empty();
  }

  /**
   * The probe step's note when the failed caches will move with writes paused: what was found and
   * what happens next. The probe's own detail is left out: it is written for a refusal and advises
   * what PAUSE_WRITES does differently (it stays in the worker's log).
   */
  static String pausePlanned(Map<String, String> failures, boolean briefPause) {
    List<String> caches = List.copyOf(failures.keySet());
    if (briefPause) {
      return found(caches)
          + " Handled, as the request asks (\"protostream\": \"PAUSE_WRITES\"): "
          + InfinispanSteps.SYNC_PAUSED_CACHES
          + " copies and disconnects those caches next while clients still write to the source;"
          + " right before switch-traffic, gate '"
          + InfinispanGates.WRITES_PAUSED
          + "' asks for a short pause of client writes to them while "
          + InfinispanSteps.CATCH_UP_PAUSED_CACHES
          + " copies what changed meanwhile. The other caches move the usual way";
    }
    return found(caches)
        + " Handled, as the request asks (\"protostream\": \"PAUSE_WRITES\"): gate '"
        + InfinispanGates.WRITES_PAUSED
        + "' opens next; once it is approved, "
        + InfinispanSteps.SYNC_PAUSED_CACHES
        + " copies, verifies and disconnects those caches before any traffic moves. The other"
        + " caches move the usual way";
  }

  private static String found(List<String> caches) {
    return "found: a write sent through the target to caches "
        + caches
        + " is lost in the target's remote store (the Infinispan 15 protostream defect), so"
        + " clients must not write to them through the target while it is connected.";
  }

  /** What the person must do before approving gate writes-paused. */
  static String pauseInstruction(List<String> caches) {
    return "pause client writes to caches "
        + caches
        + " (reads may go on), or make sure nothing writes to them; then approve. gridshift then"
        + " syncs, verifies and disconnects them before switching traffic; resume writes once"
        + " switch-traffic has completed";
  }

  /** status() while gate writes-paused is open. */
  static String pauseRequest(List<String> caches) {
    return "writes through the target to caches "
        + caches
        + " would be lost (protostream defect), so they move before traffic does: "
        + pauseInstruction(caches)
        + ". If no client writes to those caches, approving gate '"
        + InfinispanGates.WRITES_PAUSED
        + "' is all there is to do. Reject it to stop instead (the target is removed, clients"
        + " keep using the source).";
  }

  /** status() once gate writes-paused is approved, before those caches have moved. */
  static String whilePausedCachesMove(List<String> caches) {
    return "gate '"
        + InfinispanGates.WRITES_PAUSED
        + "' approved: caches "
        + caches
        + " are synced, verified and disconnected next, with client writes to them still paused";
  }

  /** What the person must keep doing until switch-traffic has completed. */
  static String keepPaused(List<String> caches) {
    return "caches "
        + caches
        + " are synced, verified and disconnected from the source; keep client writes to them"
        + " paused until switch-traffic has completed. From switch-traffic on nothing is rolled"
        + " back: writes to those caches then exist only on the target";
  }

  /** status() once switch-traffic has completed with paused caches. */
  static String resumeNow(List<String> caches) {
    return "traffic switched to the target: resume client writes to caches "
        + caches
        + " now, through new connections (connections opened before the switch still reach the"
        + " source); they exist only on the target, so nothing is rolled back from here on";
  }

  /** status() once sync-paused-caches copied them with a brief pause to come. */
  static String syncedWhileWriting(List<String> caches) {
    return "caches "
        + caches
        + " are copied to the target and disconnected from the source; clients keep writing to"
        + " them on the source until gate '"
        + InfinispanGates.WRITES_PAUSED
        + "' asks for a short pause right before switch-traffic";
  }

  /** Gate switch-traffic's instruction when a brief pause follows it. */
  static String pauseComesNext(List<String> caches) {
    return "after this approval gate '"
        + InfinispanGates.WRITES_PAUSED
        + "' asks for a short pause of client writes to caches "
        + caches
        + "; keep writing to them until then";
  }

  /** What the person must do before approving gate writes-paused (brief pause). */
  static String pauseNowInstruction(List<String> caches) {
    return "pause client writes to caches "
        + caches
        + " now (reads may go on), or make sure nothing writes to them; then approve. gridshift"
        + " copies what changed since the bulk sync and switches traffic at once; resume writes"
        + " once switch-traffic has completed (the pause is measured from this approval)";
  }

  /** status() while gate writes-paused is open (brief pause). */
  static String pauseNowRequest(List<String> caches) {
    return "writes through the target to caches "
        + caches
        + " would be lost (protostream defect), so they move with a short pause: "
        + pauseNowInstruction(caches)
        + ". Reject the gate to stop instead (the target is removed, clients keep using the"
        + " source).";
  }

  /** status() once gate writes-paused is approved (brief pause), before switch-traffic. */
  static String whileCatchingUp(List<String> caches) {
    return "gate '"
        + InfinispanGates.WRITES_PAUSED
        + "' approved: catching up caches "
        + caches
        + " and switching traffic, with client writes to them still paused";
  }

  /** For a compensated upgrade: writes that a person may have paused. */
  static String resumeAfterCompensation(List<String> caches) {
    return " If you paused client writes to caches "
        + caches
        + ", resume them: they go to the source.";
  }

  private static String describe(Map<String, String> failures) {
    List<String> each = new ArrayList<>();
    failures.forEach((cache, detail) -> each.add("cache '" + cache + "': " + detail));
    return String.join("; ", each);
  }
}
