package io.gridshift.workflows.infinispan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * The plan's decision about the upgrade path ({@link UpgradePaths}): the connection mode and why,
 * or why the pair is refused. Recorded in the history ({@code Workflow.sideEffect}), so it carries
 * everything the rest of the plan needs from the matrix.
 *
 * @param mode the connection mode the upgrade uses; null when refused
 * @param reason one line: why this mode (shown with the plan)
 * @param refusal why the upgrade must not start and what to do instead; null when allowed
 * @param warnings what the person should know (e.g. the pair was not measured)
 * @param pair the families, e.g. {@code 14.0 -> 15.0}
 * @param writeThrough writes through the connected target per encoding, as measured in {@code
 *     mode}; NOT_RUN throughout when not measured
 * @param evidence the measured detail and upstream issues of {@code mode}, empty when none
 */
public record PathChoice(
    ConnectionMode mode,
    String reason,
    String refusal,
    List<String> warnings,
    String pair,
    WriteThroughResults writeThrough,
    String evidence) {

  public PathChoice {
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
    writeThrough = writeThrough == null ? WriteThroughResults.notRun() : writeThrough;
    evidence = evidence == null ? "" : evidence;
  }

  /** Allowed, in {@code mode}. */
  static PathChoice allowed(
      ConnectionMode mode,
      String reason,
      List<String> warnings,
      String pair,
      WriteThroughResults writeThrough,
      String evidence) {
    return new PathChoice(mode, reason, null, warnings, pair, writeThrough, evidence);
  }

  /** Refused. */
  static PathChoice refused(String refusal, String pair) {
    return new PathChoice(null, null, refusal, List.of(), pair, null, null);
  }

  /**
   * The decision as it was before the measured matrix (histories recorded before {@code
   * WorkflowChanges.UPGRADE_PATHS}): the request's mode, RUNTIME when left out; the version rules
   * were checked by {@link InfinispanVersions} already.
   */
  public static PathChoice asBefore(ConnectionMode requested) {
    ConnectionMode mode = requested == null ? ConnectionMode.RUNTIME : requested;
    String reason = requested == null ? "the default" : "as requested";
    return allowed(mode, mode + ", " + reason, List.of(), "", null, null);
  }

  /** The upgrade must not start. (Not a property: the history holds {@code refusal} alone.) */
  @JsonIgnore
  public boolean isRefused() {
    return refusal != null;
  }
}
