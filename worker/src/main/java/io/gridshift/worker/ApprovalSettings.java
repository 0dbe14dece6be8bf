package io.gridshift.worker;

import io.gridshift.workflows.approval.ApprovalKeys;
import io.gridshift.workflows.approval.Approvals;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code approvals} section of a worker's config: who may decide the gates of the workflows it
 * hosts. In {@code open} mode (the default, the sandbox's and the demos') anyone who can signal a
 * workflow in Temporal decides under the name they give. In {@code signed} mode only decisions
 * carrying a token the REST service signed with one of {@code keys} are accepted: the REST service
 * authenticates people, the worker trusts only its signature.
 *
 * @param mode {@code open} (default) or {@code signed}
 * @param keys key id to key file (a mounted Kubernetes Secret): the keys the REST service signs
 *     with; list the old and the new key while rotating. Required in signed mode
 * @param fourEyes {@code required}: no requester approves their own upgrade, whatever the request
 *     says; {@code per-request} (default): as each request's {@code fourEyes} says
 */
public record ApprovalSettings(String mode, Map<String, String> keys, String fourEyes) {
  public static final String OPEN = "open";
  public static final String SIGNED = "signed";
  public static final String REQUIRED = "required";
  public static final String PER_REQUEST = "per-request";

  public ApprovalSettings {
    mode = mode == null || mode.isBlank() ? OPEN : mode.strip().toLowerCase(Locale.ROOT);
    keys = keys == null ? Map.of() : Map.copyOf(keys);
    fourEyes =
        fourEyes == null || fourEyes.isBlank()
            ? PER_REQUEST
            : fourEyes.strip().toLowerCase(Locale.ROOT);
  }

  /** Signed approvals verified with {@code keys}, four-eyes required or not. */
  public static ApprovalSettings signed(Map<String, String> keys, boolean fourEyesRequired) {
    return new ApprovalSettings(SIGNED, keys, fourEyesRequired ? REQUIRED : PER_REQUEST);
  }

  /** Every problem with this section, empty when valid; reads the key files in signed mode. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (!mode.equals(OPEN) && !mode.equals(SIGNED)) {
      problems.add("approvals.mode '" + mode + "' is neither open nor signed");
    }
    if (!fourEyes.equals(REQUIRED) && !fourEyes.equals(PER_REQUEST)) {
      problems.add("approvals.fourEyes '" + fourEyes + "' is neither required nor per-request");
    }
    if (mode.equals(OPEN) && !keys.isEmpty()) {
      problems.add(
          "approvals.keys is set but approvals.mode is open, so no decision would be checked:"
              + " set mode: signed, or drop the keys");
    }
    if (mode.equals(SIGNED)) {
      try {
        ApprovalKeys.fromFiles(keys, null);
      } catch (IllegalArgumentException e) {
        problems.add(
            e.getMessage()
                + " (signed approvals verify with the REST service's keys, listed under"
                + " approvals.keys)");
      }
    }
    return problems;
  }

  /** What the workflows are handed; valid once {@link #problems()} is empty. Reads the keys. */
  public Approvals toApprovals() {
    boolean fourEyesRequired = fourEyes.equals(REQUIRED);
    return mode.equals(SIGNED)
        ? Approvals.signed(ApprovalKeys.fromFiles(keys, null), fourEyesRequired)
        : Approvals.open(fourEyesRequired);
  }
}
