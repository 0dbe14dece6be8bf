package io.gridshift.workflows.common;

import java.util.List;

/**
 * What the worker hosting an upgrade offers it beyond activities: which search attributes the
 * server knows, and whether notifications are served. Recorded in the history once (a side effect),
 * so a replay on a worker that offers something else still takes the same path.
 *
 * @param searchAttributes names of {@link UpgradeSearchAttributes} registered on the server
 * @param notifications whether a worker serves {@link NotificationWorkflow#TASK_QUEUE}; without
 *     one, notification children would wait forever (and block time skipping in tests)
 */
public record VisibilityOptions(List<String> searchAttributes, boolean notifications) {
  /** Nothing offered: no search attributes, no notifications. */
  public static final VisibilityOptions NONE = new VisibilityOptions(List.of(), false);

  public VisibilityOptions {
    searchAttributes = searchAttributes == null ? List.of() : List.copyOf(searchAttributes);
  }

  /** Every search attribute registered and notifications served. */
  public static VisibilityOptions all() {
    return new VisibilityOptions(UpgradeSearchAttributes.names(), true);
  }
}
