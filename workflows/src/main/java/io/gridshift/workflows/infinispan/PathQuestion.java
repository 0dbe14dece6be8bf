package io.gridshift.workflows.infinispan;

import java.util.List;

/**
 * What {@link UpgradePaths} decides on: the two versions and what the request says about the
 * connection mode.
 *
 * @param source the running version, e.g. {@code 14.0.28.Final}
 * @param target the requested target version
 * @param requested the request's connectionMode, null when left out (the plan chooses)
 * @param needRuntime why the request needs RUNTIME mode whatever the matrix says (e.g. {@code
 *     "protostream": "PAUSE_WRITES"}), empty when it does not
 */
public record PathQuestion(
    String source, String target, ConnectionMode requested, List<String> needRuntime) {
  public PathQuestion {
    needRuntime = needRuntime == null ? List.of() : List.copyOf(needRuntime);
  }
}
