package io.gridshift.starter.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.gridshift.workflows.approval.ApprovalKeys;
import io.gridshift.workflows.approval.ApprovalSigner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code approvals} section of the server config: the keys the REST service signs gate
 * decisions with, for workers that run {@code approvals.mode: signed}. When set, every approve and
 * reject through the REST service (and so the operations page and {@code ./gridshift --server})
 * carries a token binding the workflow, the gate, the decision and the authenticated user, good for
 * 5 minutes. Unset (the default), decisions carry no token, as workers in open mode expect.
 *
 * <pre>
 * approvals:
 *   activeKey: k1                          # the key new tokens are signed with
 *   keys:                                  # key id -> key file (a mounted Secret)
 *     k1: /etc/gridshift/approvals/k1
 * </pre>
 */
public class ApprovalSettings {
  @JsonProperty private Map<String, String> keys = new LinkedHashMap<>();
  @JsonProperty private String activeKey;

  public ApprovalSettings() {}

  /** Signs with {@code activeKey} of {@code keys} (key id to file). */
  public ApprovalSettings(Map<String, String> keys, String activeKey) {
    this.keys = new LinkedHashMap<>(keys);
    this.activeKey = activeKey;
  }

  /** Whether decisions are signed: keys are listed. */
  public boolean signing() {
    return keys != null && !keys.isEmpty();
  }

  /** Every problem with this section, empty when valid; reads the key files when keys are set. */
  public List<String> problems() {
    if (!signing()) {
      return activeKey == null
          ? List.of()
          : List.of("approvals.activeKey is set but approvals.keys is empty: list its key file");
    }
    if (activeKey == null || activeKey.isBlank()) {
      return List.of(
          "approvals.activeKey is not set: name the key of approvals.keys the REST service signs"
              + " with");
    }
    try {
      ApprovalKeys.fromFiles(keys, activeKey);
      return List.of();
    } catch (IllegalArgumentException e) {
      return List.of(e.getMessage());
    }
  }

  /** The signer, or null when decisions are not signed; valid once {@link #problems()} is empty. */
  public ApprovalSigner signer() {
    return signing() ? new ApprovalSigner(ApprovalKeys.fromFiles(keys, activeKey)) : null;
  }
}
